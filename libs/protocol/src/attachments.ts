import { type AnswerPayload } from './answer-payload';
import { type Attachment } from './primitives';
import { type RequestPayload } from './request-payload';
import { type ValidationIssue } from './validation-issue';

/**
 * The attachments of a payload in the order the envelope's `attachments` lists their sealed
 * copies: a request's own list; an answer's own list, then each finding's, finding by
 * finding. Entry n of the envelope is the JWE of entry n here (docs/protocol.md §5).
 */
export function attachmentsOfPayload(payload: RequestPayload | AnswerPayload): Attachment[] {
  const own = payload.attachments ?? [];
  const findings = 'findings' in payload ? (payload.findings ?? []) : [];
  return [...own, ...findings.flatMap((finding) => finding.attachments ?? [])];
}

/**
 * The envelope must list exactly one sealed copy per attachment of the payload: a file the
 * payload names but the envelope does not would never travel, and a sealed blob the payload
 * does not name would have no control number to check it against. Path into the envelope.
 */
export function checkSealedAttachmentCount(sealed: readonly unknown[] | undefined, attachments: readonly Attachment[]): ValidationIssue[] {
  const count = sealed?.length ?? 0;
  if (count === attachments.length) return [];
  return [{ path: '/attachments', code: 'mismatch', message: "must list one sealed copy per attachment of the payload, in the payload's order" }];
}

/** Room for a sealed attachment's protected header, encrypted key, IV and tag (a few hundred characters in practice). */
const SEALED_OVERHEAD = 8 * 1024;

/**
 * The longest compact JWE that seals at most `plaintextBytes` (A256GCM adds no padding:
 * the ciphertext segment is the base64url of exactly that many bytes). A hub or a node takes
 * sealed attachments up to this length for its own plaintext limit.
 */
export function sealedAttachmentMaxLength(plaintextBytes: number): number {
  return Math.ceil((plaintextBytes * 4) / 3) + SEALED_OVERHEAD;
}
