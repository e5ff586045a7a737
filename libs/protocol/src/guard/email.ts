import type { Candidate } from './finding';

/*
 * Local part and labels as RFC 5321/6531 allow in practice (letters of any script, digits,
 * `._%+-`). Every quantifier is bounded and the lookbehind lets a match start only at the
 * beginning of a run, so a scan is linear in the text.
 */
const EMAIL = /(?<![\p{L}\p{N}._%+-])[\p{L}\p{N}._%+-]{1,64}@((?:[\p{L}\p{N}](?:[\p{L}\p{N}-]{0,61}[\p{L}\p{N}])?\.){1,8}\p{L}{2,24})(?![\p{L}\p{N}-]|\.[\p{L}\p{N}])/gu;

/** RFC 2606 and RFC 6761 names reserved for documentation and testing. */
const EXAMPLE_DOMAINS = ['example.com', 'example.org', 'example.net'];
const RESERVED_TLDS = ['example', 'test', 'invalid', 'localhost'];

export function isReservedEmailDomain(domain: string): boolean {
  const lower = domain.toLowerCase();
  const tld = lower.slice(lower.lastIndexOf('.') + 1);
  return RESERVED_TLDS.includes(tld) || EXAMPLE_DOMAINS.some((d) => lower === d || lower.endsWith(`.${d}`));
}

/** `j***@***.fr`: the first character of the local part and the top-level domain only. */
export function maskEmail(local: string, domain: string): string {
  return `${[...local][0] ?? ''}***@***.${domain.slice(domain.lastIndexOf('.') + 1)}`;
}

export function detectEmails(text: string): Candidate[] {
  const found: Candidate[] = [];
  for (const match of text.matchAll(EMAIL)) {
    const value = match[0];
    const domain = match[1] ?? '';
    const local = value.slice(0, value.length - domain.length - 1);
    // A local part cannot start or end with a dot (RFC 5322 dot-atom).
    if (local.startsWith('.') || local.endsWith('.')) continue;
    found.push({ kind: 'EMAIL', start: match.index, end: match.index + value.length, excerpt: maskEmail(local, domain), ignored: isReservedEmailDomain(domain) });
  }
  return found;
}
