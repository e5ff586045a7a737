import { Type } from '@sinclair/typebox';
import { LIMITS, type ValidationIssue } from '@cicu/protocol';
import { schemaChecker } from '../validation/schema-checker';

/** A batch body: its form (JSON Schema), and the total length no schema keyword can state. */
const BatchBody = Type.Object({ messages: Type.Array(Type.String(), { minItems: 1, maxItems: LIMITS.batchMessages }) }, { additionalProperties: false });
const checkBatchBody = schemaChecker(BatchBody);

/**
 * The compact JWS list of a batch body `{ "messages": [...] }` (the hub's POST
 * /v1/messages/batch, a node's POST /v1/inbox/batch), within the protocol's batch limits, or
 * the issues that make it no batch. `single` names the route a larger message goes to alone.
 */
export function batchMessagesOf(body: unknown, single: string): { ok: true; messages: string[] } | { ok: false; issues: ValidationIssue[] } {
  const checked = checkBatchBody(body);
  if (!checked.ok) return checked;
  const { messages } = checked.value;
  if (messages.reduce((sum, jws) => sum + jws.length, 0) > LIMITS.batchLength) {
    return { ok: false, issues: [{ path: '/messages', code: 'maxLength', message: `must be at most ${LIMITS.batchLength} characters together (a larger message goes alone to ${single})` }] };
  }
  return { ok: true, messages };
}

/** The refusal message of a body that is not a batch. */
export const NOT_A_BATCH = 'the body is not a batch { "messages": [compact JWS, ...] } within the batch limits';
