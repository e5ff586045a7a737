import ipaddr from 'ipaddr.js';
import type { Candidate } from './finding';

/*
 * Candidates by shape, validated by ipaddr.js (pure JavaScript; node:net is I/O-land and not
 * allowed in libs). Dotted quads with leading zeros are refused (ambiguous octal forms).
 */
const IPV4 = /(?<![\p{L}\p{N}.])\d{1,3}(?:\.\d{1,3}){3}(?!\.?\d|[\p{L}])/gu;
/** A maximal run of hex digits, colons and dots; filtered to those with at least two colons. */
const IPV6 = /(?<![\p{L}\p{N}_:.])[0-9A-Fa-f:.]{2,45}(?![\p{L}\p{N}_:])/gu;

/*
 * Only addresses that can name a subscriber on the Internet are reported: public unicast, and
 * the IPv6 forms that carry one (6to4, Teredo, NAT64). Documentation ranges (RFC 5737
 * 192.0.2.0/24, 198.51.100.0/24, 203.0.113.0/24; RFC 3849 2001:db8::/32, ipaddr.js "reserved"),
 * private, loopback, link-local, multicast, CGNAT and unspecified addresses are ignored.
 */
const REPORTED_V6_RANGES = new Set(['unicast', '6to4', 'teredo', 'rfc6052', 'rfc6145']);

function ipv4Range(value: string): string {
  return ipaddr.IPv4.parse(value).range();
}

export function detectIpv4(text: string): Candidate[] {
  const found: Candidate[] = [];
  for (const match of text.matchAll(IPV4)) {
    const value = match[0];
    if (!ipaddr.IPv4.isValidFourPartDecimal(value)) continue;
    const ignored = ipv4Range(value) !== 'unicast';
    found.push({ kind: 'IPV4', start: match.index, end: match.index + value.length, excerpt: `${value.slice(0, value.indexOf('.'))}.*.*.*`, ignored });
  }
  return found;
}

export function detectIpv6(text: string): Candidate[] {
  const found: Candidate[] = [];
  for (const match of text.matchAll(IPV6)) {
    // A sentence may end right after the address.
    const value = match[0].replace(/\.+$/, '');
    if (value.split(':').length < 3 || !ipaddr.IPv6.isValid(value)) continue;
    const address = ipaddr.IPv6.parse(value);
    const range = address.range();
    const ignored = range === 'ipv4Mapped' ? ipv4Range(address.toIPv4Address().toString()) !== 'unicast' : !REPORTED_V6_RANGES.has(range);
    const first = address.parts[0]?.toString(16) ?? '';
    found.push({ kind: 'IPV6', start: match.index, end: match.index + value.length, excerpt: `${first}:*:*:*:*:*:*:*`, ignored });
  }
  return found;
}
