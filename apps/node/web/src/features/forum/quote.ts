/** Longest excerpt the web app quotes (the protocol allows 1 000 characters). */
export const QUOTE_LENGTH = 300;

/**
 * The excerpt a reply quotes: the start of the post's Markdown, cut at a word. The hub checks
 * that the excerpt is part of the quoted post as it stands, so it is taken from the Markdown
 * as written, never from the rendered text.
 */
export function quoteExcerpt(markdown: string, length: number = QUOTE_LENGTH): string {
  const start = markdown.search(/\S/);
  if (start < 0) return '';
  const rest = markdown.slice(start);
  if (rest.length <= length) return rest.trimEnd();
  const cut = rest.slice(0, length);
  const space = cut.search(/\s\S*$/);
  return (space > length / 2 ? cut.slice(0, space) : cut).trimEnd();
}
