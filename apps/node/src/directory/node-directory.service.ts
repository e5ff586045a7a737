import { readFileSync } from 'node:fs';
import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { isCryptoError, type PublicJwk, toPublicJwk, verifyJws } from '@cicu/crypto';
import { type KeyState, keyStateAt, keyStateRefusal } from '@cicu/protocol';
import { CLOCK, type Clock } from '@cicu/shared';
import { NODE_CONFIG, type NodeConfig } from '../config/node-config';
import { HubClient } from '../hub-client/hub-client';
import { HeldDirectoryVersion } from '../hub-client/held-directory-version';
import { NodeDirectoryError } from './directory.errors';
import { NodeDirectoryRepository } from './directory.repository';
import { DIRECTORY_SNAPSHOT_TYP, type DirectorySnapshotPayload, parseSnapshotPayload, type SnapshotAgreement, type SnapshotKey, type SnapshotNode } from './snapshot';

/** A directory key with the node and unit that hold it. */
export interface DirectoryKey {
  jwk: PublicJwk;
  kid: string;
  use: 'sig' | 'enc';
  nodeId: string;
  unitId: string;
}

interface Current {
  version: number;
  payload: DirectorySnapshotPayload;
  /** Last time the hub confirmed this version (200 or 304). */
  checkedAt: Date;
}

/** A signing key looked up to verify a signature: the key, or why it may not verify now. */
export type KeyLookup = { key: DirectoryKey } | { refusal: 'UNKNOWN_KEY' | 'REVOKED_KEY'; why: string };

export interface DirectoryStatus {
  active: boolean;
  version: number | undefined;
  ageSeconds: number | undefined;
  stale: boolean;
}

/**
 * The hub's signed directory, as this node holds it. Trust anchor: the hub's signing keys,
 * from HUB_JWKS_FILE when set, else pinned at the first contact (TOFU, table hub_trust).
 * Every snapshot is verified with those keys, must not go back in version, and is stored so
 * that a restart works without the hub. Readers get answers from memory only.
 */
@Injectable()
export class NodeDirectoryService implements OnApplicationBootstrap {
  private readonly logger = new Logger(NodeDirectoryService.name);
  private trusted = new Map<string, PublicJwk>();
  private trustLoading: Promise<void> | undefined;
  private current: Current | undefined;
  /** Whether the staleness alert was raised and not yet cleared (it is logged once per episode). */
  private staleAlerted = false;

  constructor(
    @Inject(NODE_CONFIG) private readonly config: NodeConfig,
    private readonly repository: NodeDirectoryRepository,
    private readonly hub: HubClient,
    private readonly held: HeldDirectoryVersion,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** False without HUB_URL: nothing is fetched and every lookup finds nothing. */
  get active(): boolean {
    return this.hub.configured;
  }

  async onApplicationBootstrap(): Promise<void> {
    if (!this.active) return;
    await this.loadTrust();
    await this.loadStoredSnapshot();
    // The first fetch must not stop the node from starting: it works from the stored
    // snapshot (if any) and the refresh job tries again.
    await this.refresh().catch((error: unknown) => this.logger.warn(`directory not refreshed at start: ${describe(error)}`));
  }

  /**
   * Fetches the snapshot (If-None-Match: the version held), verifies it, refuses a lower
   * version, stores a higher one. Called by the refresh job.
   */
  async refresh(now: Date = this.clock.now()): Promise<{ version: number; changed: boolean }> {
    if (this.trusted.size === 0) await this.loadTrust();
    if (this.trusted.size === 0) throw new NodeDirectoryError('HUB_TRUST_MISSING', 'no hub key is trusted yet: the hub JWKS could not be fetched');
    const held = this.current;
    const fetched = await this.hub.directory(held === undefined ? undefined : `"${held.version}"`);
    if (fetched.status === 'not-modified') {
      if (held === undefined) throw new NodeDirectoryError('SNAPSHOT_INVALID', 'the hub answered 304 to a request without If-None-Match');
      held.checkedAt = now;
      await this.repository.touchSnapshot(held.version, now);
      return { version: held.version, changed: false };
    }
    const payload = await this.verifySnapshot(fetched.jws);
    if (held !== undefined && payload.version < held.version) {
      throw new NodeDirectoryError('SNAPSHOT_ROLLBACK', `the hub sent directory version ${payload.version}, older than the held ${held.version}`);
    }
    await this.repository.saveSnapshot(payload.version, fetched.jws, now);
    const changed = held === undefined || payload.version > held.version;
    this.current = { version: payload.version, payload, checkedAt: now };
    this.held.set(payload.version);
    if (changed) this.logger.log(`directory version ${payload.version} in use`);
    return { version: payload.version, changed };
  }

  /**
   * Raises (once, at error level) the alert that this node runs on a directory copy older than
   * DIRECTORY_MAX_AGE_SECONDS, or none at all, and clears it (once, at info) when a refresh
   * succeeds again: a revocation the hub published meanwhile would not be known here. Called
   * after every refresh attempt and by /health. Returns the status it judged.
   */
  checkFreshness(now: Date = this.clock.now()): DirectoryStatus {
    const status = this.status(now);
    if (!status.active) return status;
    if (status.stale && !this.staleAlerted) {
      this.staleAlerted = true;
      const held = status.version === undefined ? 'no verified directory snapshot' : `directory version ${status.version}, last confirmed by the hub ${status.ageSeconds} s ago`;
      this.logger.error(`directory copy is stale: ${held} (DIRECTORY_MAX_AGE_SECONDS=${this.config.DIRECTORY_MAX_AGE_SECONDS}); revocations and new keys may be missed until a refresh succeeds`);
    } else if (!status.stale && this.staleAlerted) {
      this.staleAlerted = false;
      this.logger.log(`directory copy is fresh again: version ${status.version} confirmed by the hub`);
    }
    return status;
  }

  status(now: Date = this.clock.now()): DirectoryStatus {
    if (!this.active) return { active: false, version: undefined, ageSeconds: undefined, stale: true };
    if (this.current === undefined) return { active: true, version: undefined, ageSeconds: undefined, stale: true };
    const ageSeconds = Math.max(0, Math.floor((now.getTime() - this.current.checkedAt.getTime()) / 1000));
    return { active: true, version: this.current.version, ageSeconds, stale: ageSeconds > this.config.DIRECTORY_MAX_AGE_SECONDS };
  }

  /** The directory version in use, if any. */
  get version(): number | undefined {
    return this.current?.version;
  }

  /** The hub's trusted signing keys. */
  hubKeys(): PublicJwk[] {
    return [...this.trusted.values()].map((jwk) => ({ ...jwk }));
  }

  /** A hub key by kid, if trusted. */
  hubKey(kid: string): PublicJwk | undefined {
    return this.trusted.get(kid);
  }

  /** Current keys of `use` of the unit's nodes that are not suspended. */
  keysOfUnit(unitId: string, use: 'sig' | 'enc', now: Date = this.clock.now()): PublicJwk[] {
    return this.nodesOf(unitId).flatMap((node) => node.keys.filter((key) => key.use === use && isCurrent(key, now)).map((key) => ({ ...key.jwk })));
  }

  /**
   * A key of `use` by kid, to verify a signature made now: the key, or the protocol's refusal
   * (libs/protocol keyStateAt): REVOKED_KEY for a revoked or expired key, UNKNOWN_KEY for one
   * not listed, of another use, of a suspended node, retired or not yet valid.
   */
  lookupKey(kid: string, use: 'sig' | 'enc', now: Date = this.clock.now()): KeyLookup {
    for (const node of this.current?.payload.nodes ?? []) {
      const key = node.keys.find((k) => k.kid === kid);
      if (key === undefined) continue;
      if (key.use !== use) return { refusal: 'UNKNOWN_KEY', why: `the kid names a key of another use than ${use}` };
      if (node.status === 'suspended') return { refusal: 'UNKNOWN_KEY', why: 'the key belongs to a suspended node' };
      const refusal = keyStateRefusal(stateOf(key, now));
      if (refusal !== undefined) return { refusal: refusal.reason, why: refusal.why };
      return { key: { jwk: { ...key.jwk }, kid: key.kid, use: key.use, nodeId: node.id, unitId: node.unitId } };
    }
    return { refusal: 'UNKNOWN_KEY', why: 'the kid is not in the directory' };
  }

  /** The newest current encryption key of the unit's active node: what to encrypt to. */
  encryptionKeyOfUnit(unitId: string, now: Date = this.clock.now()): PublicJwk | undefined {
    const keys = this.nodesOf(unitId)
      .filter((node) => node.status === 'active')
      .flatMap((node) => node.keys.filter((key) => key.use === 'enc' && isCurrent(key, now)));
    keys.sort((a, b) => Date.parse(b.notBefore) - Date.parse(a.notBefore));
    return keys[0] && { ...keys[0].jwk };
  }

  /** Agreements in force today that bind this node's unit and `partnerUnit`. */
  agreementsWith(partnerUnit: string, now: Date = this.clock.now()): SnapshotAgreement[] {
    const own = this.config.UNIT_ID;
    if (partnerUnit === own) return [];
    const day = now.toISOString().slice(0, 10);
    return (this.current?.payload.agreements ?? []).filter(
      (a) => a.parties.includes(own) && a.parties.includes(partnerUnit) && a.validFrom <= day && (a.validTo === null || day <= a.validTo),
    );
  }

  /** The units bound to this node's unit by at least one agreement in force today. */
  partnerUnits(now: Date = this.clock.now()): string[] {
    const own = this.config.UNIT_ID;
    const units = new Set<string>();
    for (const agreement of this.current?.payload.agreements ?? []) {
      if (!agreement.parties.includes(own)) continue;
      for (const party of agreement.parties) if (party !== own) units.add(party);
    }
    return [...units].filter((unit) => this.agreementsWith(unit, now).length > 0).sort();
  }

  private nodesOf(unitId: string): SnapshotNode[] {
    return (this.current?.payload.nodes ?? []).filter((node) => node.unitId === unitId && node.status !== 'suspended');
  }

  private async verifySnapshot(jws: string): Promise<DirectorySnapshotPayload> {
    let payloadBytes: Uint8Array;
    try {
      ({ payload: payloadBytes } = await verifyJws(jws, (kid) => this.trusted.get(kid), { typ: DIRECTORY_SNAPSHOT_TYP, maxBytes: 16 * 1024 * 1024 }));
    } catch (cause) {
      if (!isCryptoError(cause)) throw cause;
      throw new NodeDirectoryError('SNAPSHOT_INVALID', `the directory snapshot does not verify with the trusted hub keys (${cause.code})`, { cause });
    }
    let value: unknown;
    try {
      value = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(payloadBytes));
    } catch (cause) {
      throw new NodeDirectoryError('SNAPSHOT_INVALID', 'the directory snapshot payload is not JSON', { cause });
    }
    const payload = parseSnapshotPayload(value);
    if (payload === undefined) throw new NodeDirectoryError('SNAPSHOT_INVALID', 'the directory snapshot payload lacks members this node needs');
    return payload;
  }

  /**
   * The trusted hub keys, read or pinned once at a time: at the first start the refresh job
   * runs while the node's start-up still loads them, and both would fetch the hub's keys and
   * pin them.
   */
  private loadTrust(): Promise<void> {
    this.trustLoading ??= this.readTrust().finally(() => (this.trustLoading = undefined));
    return this.trustLoading;
  }

  /** HUB_JWKS_FILE if set (it wins), else the pinned keys, else pin what the hub serves now. */
  private async readTrust(): Promise<void> {
    if (this.config.HUB_JWKS_FILE !== undefined) {
      this.trusted = await hubSigningKeys(JSON.parse(readFileSync(this.config.HUB_JWKS_FILE, 'utf8')), 'HUB_JWKS_FILE');
      return;
    }
    const pinned = await this.repository.trustedHubKeys();
    if (pinned.length > 0) {
      this.trusted = new Map(pinned.map((row) => [row.kid, row.jwk]));
      return;
    }
    try {
      const keys = await hubSigningKeys(await this.hub.jwks(), 'the hub');
      await this.repository.pinHubKeys([...keys.values()], this.clock.now());
      this.trusted = new Map((await this.repository.trustedHubKeys()).map((row) => [row.kid, row.jwk]));
      this.logger.warn(`hub keys pinned on first use: ${[...this.trusted.keys()].join(', ')} (check them with the hub operator)`);
    } catch (error) {
      this.logger.warn(`hub keys not pinned yet: ${describe(error)}`);
    }
  }

  private async loadStoredSnapshot(): Promise<void> {
    const stored = await this.repository.latestSnapshot();
    if (stored === undefined || this.trusted.size === 0) return;
    try {
      const payload = await this.verifySnapshot(stored.jws);
      this.current = { version: payload.version, payload, checkedAt: stored.fetchedAt };
      this.held.set(payload.version);
    } catch (error) {
      // A stored snapshot that no longer verifies (e.g. HUB_JWKS_FILE changed) is not used.
      this.logger.warn(`stored directory version ${stored.version} not used: ${describe(error)}`);
    }
  }
}

const parsed = (time: string | null | undefined): number | null => (time === null || time === undefined ? null : Date.parse(time));

/** The protocol's state of a snapshot key at `now` (revokedAt and retiresAt absent on older hubs). */
function stateOf(key: SnapshotKey, now: Date): KeyState {
  return keyStateAt({ notBefore: Date.parse(key.notBefore), notAfter: parsed(key.notAfter), revokedAt: parsed(key.revokedAt), retiresAt: parsed(key.retiresAt) }, now.getTime());
}

/** May verify, or be encrypted to, now: active, or retiring within its rotation's overlap window. */
function isCurrent(key: SnapshotKey, now: Date): boolean {
  return keyStateRefusal(stateOf(key, now)) === undefined;
}

/** The signing keys of a JWK Set from the hub or a file, each re-derived (kid = thumbprint). */
async function hubSigningKeys(jwks: unknown, source: string): Promise<Map<string, PublicJwk>> {
  const keys = typeof jwks === 'object' && jwks !== null ? (jwks as { keys?: unknown }).keys : undefined;
  if (!Array.isArray(keys)) throw new NodeDirectoryError('HUB_JWKS_INVALID', `${source}: not a JWK Set`);
  const trusted = new Map<string, PublicJwk>();
  for (const key of keys) {
    if (typeof key !== 'object' || key === null || (key as { use?: unknown }).use !== 'sig') continue;
    let jwk: PublicJwk;
    try {
      jwk = await toPublicJwk(key, 'sig');
    } catch (cause) {
      throw new NodeDirectoryError('HUB_JWKS_INVALID', `${source}: a key is not a usable public signing key`, { cause });
    }
    if ((key as { kid?: unknown }).kid !== jwk.kid) throw new NodeDirectoryError('HUB_JWKS_INVALID', `${source}: a kid is not its key's RFC 7638 thumbprint`);
    trusted.set(jwk.kid, jwk);
  }
  if (trusted.size === 0) throw new NodeDirectoryError('HUB_JWKS_INVALID', `${source}: no signing key`);
  return trusted;
}

function describe(error: unknown): string {
  return error instanceof Error ? `${(error as { code?: string }).code ?? error.name}: ${error.message}` : String(error);
}
