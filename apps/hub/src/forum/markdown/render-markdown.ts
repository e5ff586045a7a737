import MarkdownIt from 'markdown-it';
import sanitizeHtml from 'sanitize-html';

/**
 * Forum posts are Markdown written by officers of any member and read in every member's web
 * client, so the HTML made of them is the forum's XSS surface. Two layers, each enough alone
 * for the usual vectors (docs/adr-forum.md):
 * 1. markdown-it with raw HTML off: `<script>` in a post is text, not a tag; images off (no
 *    remote image may be fetched by a reader's browser: it would tell a third party who reads
 *    what, and when); links only to absolute http(s) URLs.
 * 2. sanitize-html over its output with a closed allow-list of tags and attributes, so that a
 *    markdown-it bug or plugin can never emit what the list does not name.
 */

/** Tags the renderer may emit; everything else is dropped (its text kept, except script-like tags). */
export const ALLOWED_TAGS = [
  'p', 'br', 'hr', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'blockquote', 'ul', 'ol', 'li',
  'strong', 'em', 's', 'code', 'pre', 'a', 'table', 'thead', 'tbody', 'tr', 'th', 'td',
] as const;

/** Attributes per tag; `class` of code only as `language-*` (fenced blocks), nothing else. */
export const ALLOWED_ATTRIBUTES: Readonly<Record<string, readonly string[]>> = { a: ['href', 'rel'], ol: ['start'], code: ['class'] };

/** What every link carries: no window.opener, no Referer to the target, no endorsement. */
export const LINK_REL = 'noopener noreferrer nofollow';

const HTTP_URL = /^https?:\/\//i;

const markdown = new MarkdownIt('default', { html: false, linkify: true, typographer: false, breaks: false });
markdown.disable(['image']);
// markdown-it asks this of every link target (inline, reference, autolink, linkified) after
// normalising it; refusing leaves the text as written, with no link.
markdown.validateLink = (url: string): boolean => HTTP_URL.test(url);

const SANITIZE: sanitizeHtml.IOptions = {
  allowedTags: [...ALLOWED_TAGS],
  allowedAttributes: Object.fromEntries(Object.entries(ALLOWED_ATTRIBUTES).map(([tag, names]) => [tag, [...names]])),
  allowedClasses: { code: ['language-*'] },
  allowedSchemes: ['http', 'https'],
  allowedSchemesByTag: {},
  allowedSchemesAppliedToAttributes: ['href'],
  allowProtocolRelative: false,
  disallowedTagsMode: 'discard',
  // Every link gets LINK_REL. A relative href would resolve against whichever client shows the
  // post, so only an absolute http(s) href is kept (sanitize-html allows relative ones).
  transformTags: {
    a: (tagName, attribs) => ({ tagName, attribs: { ...(HTTP_URL.test(attribs['href'] ?? '') && { href: attribs['href']! }), rel: LINK_REL } }),
  },
};

/** The sanitised HTML of a post's Markdown. Pure and deterministic; safe to insert into a page as is. */
export function renderMarkdown(source: string): string {
  return sanitizeHtml(markdown.render(source), SANITIZE);
}

type Token = ReturnType<typeof markdown.parse>[number];

/**
 * The text a reader sees of a post's Markdown: character references decoded (`&#64;` is `@`),
 * backslash escapes gone (`\.` is `.`), markup gone (`a*@*b` is `a@b`), one line per block. For the
 * personal-data guard, which must see what readers see, not only what was typed.
 */
export function shownText(source: string): string {
  const lines: string[] = [];
  const inline = (children: readonly Token[]): string =>
    children.map((t) => (t.type === 'text' || t.type === 'code_inline' ? t.content : t.type === 'softbreak' || t.type === 'hardbreak' ? '\n' : '')).join('');
  for (const token of markdown.parse(source, {})) {
    if (token.type === 'inline') lines.push(inline(token.children ?? []));
    else if (token.type === 'code_block' || token.type === 'fence') lines.push(token.content);
  }
  return lines.join('\n');
}
