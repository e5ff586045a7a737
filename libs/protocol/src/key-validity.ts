import { type RefusalReason } from './codes';

/**
 * How a node key of the directory is judged at a time, by the hub and by every node alike
 * (docs/protocol.md §11, docs/adr-key-lifecycle.md). The snapshot gives each key's times;
 * the verifier's own clock decides, never a time the signer wrote (a compromised key could
 * backdate anything).
 *
 * `active` and `retiring` (replaced by a rotation, in its overlap window) may verify;
 * `revoked` (from revokedAt on) and `expired` (from notAfter on) are refused REVOKED_KEY;
 * `retired` (overlap window over) and `not-yet-valid` are refused UNKNOWN_KEY, as if the
 * directory did not list them. A revocation wins over expiry, expiry over retirement.
 */
export const KEY_STATES = ['active', 'retiring', 'not-yet-valid', 'revoked', 'expired', 'retired'] as const;
export type KeyState = (typeof KEY_STATES)[number];

/** A key's times in epoch milliseconds; null = not set. */
export interface KeyTimes {
  notBefore: number;
  notAfter: number | null;
  revokedAt: number | null;
  retiresAt: number | null;
}

export function keyStateAt(key: KeyTimes, atMs: number): KeyState {
  if (key.revokedAt !== null && key.revokedAt <= atMs) return 'revoked';
  if (key.notAfter !== null && key.notAfter <= atMs) return 'expired';
  if (key.retiresAt !== null && key.retiresAt <= atMs) return 'retired';
  if (key.notBefore > atMs) return 'not-yet-valid';
  return key.retiresAt === null ? 'active' : 'retiring';
}

/** The refusal of a signature by a key in this state, with why; undefined when the key may verify. */
export function keyStateRefusal(state: KeyState): { reason: Extract<RefusalReason, 'UNKNOWN_KEY' | 'REVOKED_KEY'>; why: string } | undefined {
  switch (state) {
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
