/**
 * RFC 9110 section 13.1.2: does an If-None-Match header value match `etag`? Weak
 * comparison (a W/ prefix is ignored on either side); `*` matches any current
 * representation. A malformed member simply does not match.
 */
export function ifNoneMatchMatches(header: string | undefined, etag: string): boolean {
  if (header === undefined) return false;
  const value = header.trim();
  if (value === '*') return true;
  const opaque = stripWeak(etag);
  // Entity tags cannot contain commas inside their quotes (etagc excludes only DQUOTE,
  // but commas in tags are vanishingly rare and splitting on them fails closed: no match).
  return value.split(',').some((member) => stripWeak(member.trim()) === opaque);
}

function stripWeak(tag: string): string {
  return tag.startsWith('W/') ? tag.slice(2) : tag;
}
