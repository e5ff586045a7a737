import { Type, type Static } from '@sinclair/typebox';
import { LIMITS } from './limits';
import { Obj } from './primitives';

/**
 * One problem found in a message. Never holds the offending value: messages may carry
 * personal data and issues end up in logs, refusals and audit records. `path` is built only
 * from member names the schema defines and array indices, never from names found in the input.
 */
export const ValidationIssueSchema = Obj({
  /** JSON Pointer (RFC 6901) to the offending member; "" is the whole document. */
  path: Type.String({ maxLength: 500 }),
  /** Stable code, see ISSUE_CODES. */
  code: Type.String({ pattern: '^[a-z][A-Za-z0-9.-]*$', maxLength: 100 }),
  /** English, for people; not stable, not to be parsed. */
  message: Type.String({ maxLength: LIMITS.mediumText }),
});
export type ValidationIssue = Static<typeof ValidationIssueSchema>;
