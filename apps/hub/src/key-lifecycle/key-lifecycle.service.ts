import { Inject, Injectable } from '@nestjs/common';
import { KEY_ROTATION_PROOF_TYP } from '@cicu/crypto';
import { CLOCK, type Clock } from '@cicu/shared';
import { actorOf, type AuthenticatedAdmin } from '../accounts/authenticated-admin';
import { type AuthenticatedNode } from '../auth/authenticated-node';
import { HUB_CONFIG, type HubConfig } from '../config/hub-config';
import { DirectoryChanges } from '../directory/directory-changes';
import { DirectoryService, type RotatedKeys } from '../directory/directory.service';
import { type NodeKeyView } from '../directory/directory.views';
import { type KeyState, nodeKeyStateAt } from '../directory/key-validity';
import { KeyLifecycleError } from './key-lifecycle.errors';
import { RevocationBody, RotationBody, validator } from './key-lifecycle.schemas';
import { verifiedProof } from './proofs';

const DAY_MS = 86_400_000;

const checkRotation = validator(RotationBody, 'the request body');
const checkRevocation = validator(RevocationBody, 'the request body');

/**
 * A UTC timestamp the pattern let through, as a Date, or VALIDATION: a date that does not exist
 * (February 30th, a leap second) is refused, not rolled over into the next month or a 500.
 */
function timestampOf(value: string, path: string): Date {
  const date = new Date(value);
  if (Number.isNaN(date.getTime()) || date.toISOString().slice(0, 19) !== value.slice(0, 19)) {
    throw new KeyLifecycleError('VALIDATION', 'the request body is invalid', [{ path, code: 'format.date-time', message: 'must be an existing date and time (RFC 3339, UTC)' }]);
  }
  return date;
}

/** `expiring`: in service and its notAfter is at most KEY_EXPIRY_WARNING_DAYS away; `expired`: in service no more, and nothing replaced it. */
export const KEY_WARNINGS = ['expiring', 'expired'] as const;
export type KeyWarning = (typeof KEY_WARNINGS)[number];

export interface KeyStatus extends Omit<NodeKeyView, 'publicJwk'> {
  state: KeyState;
  /** Whole days until notAfter (negative once past); null without notAfter. */
  expiresInDays: number | null;
  warning: KeyWarning | null;
}

/**
 * The key lifecycle after enrolment (docs/adr-key-lifecycle.md): a node's rotation (proof of
 * possession of the new keys, the old ones valid for KEY_ROTATION_OVERLAP_SECONDS more), a
 * coordinator's revocation with an effective time, and the listing with expiry warnings
 * (KEY_EXPIRY_WARNING_DAYS ahead) that /health and the admin routes show.
 */
@Injectable()
export class KeyLifecycleService {
  constructor(
    private readonly directory: DirectoryService,
    private readonly changes: DirectoryChanges,
    @Inject(HUB_CONFIG) private readonly config: HubConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /**
   * The calling node (authenticated with its current key) registers a new signing and
   * encryption key, proving possession of the new signing key; its current keys retire at the
   * end of the overlap window. The proof must name the caller (iss) and this hub (aud).
   */
  async rotate(node: AuthenticatedNode, body: unknown): Promise<RotatedKeys & { directoryVersion: number }> {
    const { proof } = checkRotation(body);
    const verified = await verifiedProof(proof, KEY_ROTATION_PROOF_TYP, this.config.HUB_AUDIENCE, this.clock.now());
    if (verified.iss !== node.nodeId) throw new KeyLifecycleError('PROOF_INVALID', 'the proof must name the calling node as "iss"');
    // The time of the rotation is read under the directory lock: a rotation that waited for
    // another one is dated after it, so the keys that one added are active, and retire.
    const { value, version } = await this.changes.applyVersioned(async (tx, now) => {
      const rotated = await this.directory.rotateKeysIn(tx, node.nodeId, verified.jwks, {
        now,
        retiresAt: new Date(now.getTime() + this.config.KEY_ROTATION_OVERLAP_SECONDS * 1000),
        notAfter: new Date(now.getTime() + this.config.KEY_VALIDITY_DAYS * DAY_MS),
      });
      return {
        value: rotated,
        audit: (v) => ({
          type: 'node.keys-rotated',
          actor: { kind: 'node', nodeId: node.nodeId, unitId: node.unitId },
          nodeId: rotated.nodeId,
          unitId: rotated.unitId,
          kids: rotated.added.map((k) => k.kid),
          retiring: rotated.retiring.map((k) => ({ kid: k.kid, retiresAt: k.retiresAt.toISOString() })),
          version: v,
        }),
      };
    }, () => this.clock.now());
    return { ...value, directoryVersion: version };
  }

  /** A coordinator revokes a key from `effectiveAt` (default now) on; earlier acceptances stand. */
  async revoke(admin: AuthenticatedAdmin, kid: string, body: unknown): Promise<KeyStatus & { directoryVersion: number }> {
    const { effectiveAt, reason } = checkRevocation(body ?? {});
    const requested = effectiveAt === undefined ? undefined : timestampOf(effectiveAt, '/effectiveAt');
    // "Now" is read under the directory lock: of two revocations from now, the one that waited
    // is dated after the other and refused (KEY_ALREADY_REVOKED), not taken as bringing it forward.
    const { value, version } = await this.changes.applyVersioned(async (tx, now) => {
      const at = requested ?? now;
      const revoked = await this.directory.revokeKeyIn(tx, kid, at);
      return {
        value: { key: revoked, now },
        audit: (v) => ({
          type: 'node.key-revoked',
          actor: actorOf(admin),
          nodeId: revoked.nodeId,
          unitId: revoked.unitId,
          kid: revoked.kid,
          use: revoked.use,
          effectiveAt: at.toISOString(),
          reason: reason ?? 'unspecified',
          version: v,
        }),
      };
    }, () => this.clock.now());
    return { ...this.statusOf(value.key, value.now), directoryVersion: version };
  }

  /** Every key with its state and expiry warning, now. */
  async list(): Promise<KeyStatus[]> {
    const now = this.clock.now();
    return (await this.directory.allKeys()).map((key) => this.statusOf(key, now));
  }

  /** The keys that carry a warning now (for /health). */
  async warnings(): Promise<KeyStatus[]> {
    return (await this.list()).filter((key) => key.warning !== null);
  }

  get warningDays(): number {
    return this.config.KEY_EXPIRY_WARNING_DAYS;
  }

  private statusOf({ publicJwk: _jwk, ...key }: NodeKeyView, now: Date): KeyStatus {
    const state = nodeKeyStateAt(key, now);
    const expiresInDays = key.notAfter === null ? null : Math.floor((key.notAfter.getTime() - now.getTime()) / DAY_MS);
    // Only keys of nodes in the federation (or about to be) warn, and never one a rotation replaced.
    const inService = key.nodeStatus !== 'suspended' && key.supersededBy === null;
    const soon = key.notAfter !== null && key.notAfter.getTime() - now.getTime() <= this.config.KEY_EXPIRY_WARNING_DAYS * DAY_MS;
    const warning: KeyWarning | null = !inService ? null : state === 'expired' ? 'expired' : state === 'active' && soon ? 'expiring' : null;
    return { ...key, state, expiresInDays, warning };
  }
}
