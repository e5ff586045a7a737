import { type KeyUse } from '@cicu/crypto';
import { type NodeKeyView } from './directory.views';

/**
 * Where a key stands at a time: `active` (may verify), `retiring` (may verify, but a rotation
 * replaced it: until retiresAt), `not-yet-valid`, `revoked`, `expired`, `retired`.
 */
export const KEY_STATES = ['active', 'retiring', 'not-yet-valid', 'revoked', 'expired', 'retired'] as const;
export type KeyState = (typeof KEY_STATES)[number];

type KeyTimes = Pick<NodeKeyView, 'notBefore' | 'notAfter' | 'revokedAt' | 'retiresAt' | 'supersededBy'>;

/** The state of a key at `at`; a revocation wins over expiry, expiry over retirement. */
export function keyStateAt(key: KeyTimes, at: Date): KeyState {
  if (key.revokedAt !== null && key.revokedAt <= at) return 'revoked';
  if (key.notAfter !== null && key.notAfter <= at) return 'expired';
  if (key.retiresAt !== null && key.retiresAt <= at) return 'retired';
  if (key.notBefore > at) return 'not-yet-valid';
  return key.supersededBy === null ? 'active' : 'retiring';
}

/** Why a directory key cannot verify a signature made now: the protocol's refusal reasons. */
export interface KeyRefusal {
  reason: 'UNKNOWN_KEY' | 'REVOKED_KEY';
  why: string;
}

/**
 * The one rule for whether a node key may verify a signature at `at` (client assertions,
 * submissions, delivery receipts; nodes apply the same rule to the snapshot). Revoked from
 * `revokedAt` on and past its `notAfter`: REVOKED_KEY (protocol §10: "revoked or expired").
 * Unknown, of the other use, not valid yet, or replaced by a rotation whose overlap window
 * has ended: UNKNOWN_KEY, as if the directory did not list it. Times are the verifier's clock,
 * never a time the signer wrote: a compromised key could backdate anything.
 */
export function keyRefusalAt(key: NodeKeyView | undefined, use: KeyUse, at: Date): KeyRefusal | undefined {
  if (key === undefined) return { reason: 'UNKNOWN_KEY', why: 'the kid is not in the directory' };
  if (key.use !== use) return { reason: 'UNKNOWN_KEY', why: use === 'sig' ? 'the kid names an encryption key' : 'the kid names a signing key' };
  switch (keyStateAt(key, at)) {
    case 'active':
    case 'retiring':
      return undefined;
    case 'revoked':
      return { reason: 'REVOKED_KEY', why: 'the key was revoked' };
    case 'expired':
      return { reason: 'REVOKED_KEY', why: 'the key has expired' };
    case 'retired':
      return { reason: 'UNKNOWN_KEY', why: 'the key was replaced by a rotation and its overlap window has ended' };
    case 'not-yet-valid':
      return { reason: 'UNKNOWN_KEY', why: 'the key is not valid yet' };
  }
}
