/**
 * How a follow-up request names the earlier one for the partner. The protocol has no
 * request-to-request link and the wire contract stays as it is (docs/adr-cases.md), so the
 * first line of the follow-up's enquiriesMade says it: the earlier request is an enquiry made,
 * and the line travels encrypted, like the rest of the payload.
 */

const LINE = /^Follow-up to request ([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\.\n\n/;

/** enquiriesMade of a follow-up of `earlierId`: the line, a blank line, the officer's text (any earlier line replaced). */
export function withFollowUpLine(earlierId: string, enquiriesMade: unknown): unknown {
  return typeof enquiriesMade === 'string' ? `Follow-up to request ${earlierId}.\n\n${withoutFollowUpLine(enquiriesMade)}` : enquiriesMade;
}

/** The officer's text without the line. */
export function withoutFollowUpLine(enquiriesMade: string): string {
  return enquiriesMade.replace(LINE, '');
}

/**
 * SQL (over `inbox_message m`): the id of the received request that `m` follows up, only when
 * the same unit sent us that request; NULL otherwise. Same pattern as LINE.
 */
export const FOLLOWS_UP_SQL = `(SELECT e.message_id FROM inbox_message e WHERE e.kind = 'request' AND e.from_unit = m.from_unit
  AND e.message_id::text = substring(m.payload->>'enquiriesMade' from '^Follow-up to request ([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\\.'))`;
