import type { Snippet } from '../../api/client';

/** A run of a snippet's text, highlighted or not. */
export interface SnippetPart {
  text: string;
  highlighted: boolean;
}

/**
 * A search snippet as runs of plain text. The hub sends the text with no markup and the
 * highlighted words as UTF-16 ranges (docs/adr-library.md), so the page renders each run as a
 * text node, inside <mark> or not: nothing of the document's text can become HTML. Ranges
 * that overlap, run backwards or fall outside the text are clamped or dropped.
 */
export function snippetParts(snippet: Snippet): SnippetPart[] {
  const { text } = snippet;
  const parts: SnippetPart[] = [];
  let at = 0;
  for (const { start, end } of [...snippet.highlights].sort((a, b) => a.start - b.start)) {
    const from = Math.max(at, Math.min(start, text.length));
    const to = Math.min(end, text.length);
    if (to <= from) continue;
    if (from > at) parts.push({ text: text.slice(at, from), highlighted: false });
    parts.push({ text: text.slice(from, to), highlighted: true });
    at = to;
  }
  if (at < text.length) parts.push({ text: text.slice(at), highlighted: false });
  return parts;
}
