import { type KeyUse } from '@cicu/crypto';
import { type KeyState, keyStateAt, keyStateRefusal } from '@cicu/protocol';
import { type NodeKeyView } from './directory.views';

export { KEY_STATES, type KeyState } from '@cicu/protocol';

type KeyDates = Pick<NodeKeyView, 'notBefore' | 'notAfter' | 'revokedAt' | 'retiresAt'>;

const ms = (date: Date | null): number | null => date?.getTime() ?? null;

/** The protocol's state of a directory key at `at` (libs/protocol keyStateAt). */
export function nodeKeyStateAt(key: KeyDates, at: Date): KeyState {
  return keyStateAt({ notBefore: key.notBefore.getTime(), notAfter: ms(key.notAfter), revokedAt: ms(key.revokedAt), retiresAt: ms(key.retiresAt) }, at.getTime());
}

/** Why a directory key cannot verify a signature made now: the protocol's refusal reasons. */
export interface KeyRefusal {
  reason: 'UNKNOWN_KEY' | 'REVOKED_KEY';
  why: string;
}

/**
 * The one rule for whether a node key may verify a signature at `at` on the hub (client
 * assertions, submissions, delivery receipts): unknown or of the other use is UNKNOWN_KEY,
 * then the protocol's key states (revoked or expired REVOKED_KEY; retired or not yet valid
 * UNKNOWN_KEY). Nodes apply the same states to the snapshot.
 */
export function keyRefusalAt(key: NodeKeyView | undefined, use: KeyUse, at: Date): KeyRefusal | undefined {
  if (key === undefined) return { reason: 'UNKNOWN_KEY', why: 'the kid is not in the directory' };
  if (key.use !== use) return { reason: 'UNKNOWN_KEY', why: use === 'sig' ? 'the kid names an encryption key' : 'the kid names a signing key' };
  return keyStateRefusal(nodeKeyStateAt(key, at));
}
