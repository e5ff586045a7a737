import { type AuditActor } from '../audit/audit-event';
import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { type KeyUse, type PublicJwk } from '@cicu/crypto';
import { DirectoryError } from './directory.errors';
import { DirectoryCache } from './directory-cache';
import { DirectoryChanges } from './directory-changes';
import { type DirectoryIndex } from './directory-index';
import { DirectoryRepository, type DirectoryTx } from './directory.repository';
import {
  type AgreementView,
  type LegalBasisView,
  type NodeKeyView,
  type NodeView,
  type RegisteredNode,
  toLegalBasisView,
  toNodeKeyView,
  type UnitView,
} from './directory.views';
import { type KeyState, nodeKeyStateAt } from './key-validity';
import { type NodeKeyEntity } from './node-key.entity';
import { checkInboxUrl, checkNodeJwks } from './node-jwks';
import { type NodeStatus } from './node.entity';

export interface RegisterNodeOptions {
  /** 'active' (default: the demo launcher and the coordinator enrol known nodes) or 'pending'. */
  status?: Extract<NodeStatus, 'active' | 'pending'>;
  /** Validity of the enrolled keys; default from now, without end. */
  notBefore?: Date;
  notAfter?: Date;
  /** Who enrols the node, for the audit log; the hub itself by default (demo, seed). */
  actor?: AuditActor;
  /** The node id to give it (a UUID, e.g. from DEMO_NODES_FILE); a fresh one by default. */
  id?: string;
}

// Node ids are UUIDs; anything else cannot name a node (and must not reach a uuid column).
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The directory: who is a member, where their nodes are, which keys they hold, what binds them. */
@Injectable()
export class DirectoryService {
  constructor(
    private readonly repository: DirectoryRepository,
    private readonly cache: DirectoryCache,
    private readonly changes: DirectoryChanges,
  ) {}

  /** The directory's current version (the signed snapshot's). */
  async currentVersion(): Promise<number> {
    return (await this.repository.currentVersion()).version;
  }

  /**
   * The whole current directory for one request's or job's lookups (keys, units, nodes,
   * agreements): read once, so that its checks see one consistent directory.
   */
  view(): Promise<DirectoryIndex> {
    return this.cache.current();
  }

  /** The unit, whatever its status (callers check `status`), or undefined. */
  async getUnit(id: string): Promise<UnitView | undefined> {
    return (await this.view()).unit(id);
  }

  async getLegalBasis(id: string): Promise<LegalBasisView | undefined> {
    const basis = await this.repository.findLegalBasis(id);
    return basis && toLegalBasisView(basis);
  }

  /**
   * Agreements in force on the UTC day of `at` that bind both units. Unit status, and the
   * type, area, legal basis and priority of a given request, are for the caller to check
   * against what is returned: each failure has its own refusal reason.
   */
  async findActiveAgreementsBetween(fromUnit: string, toUnit: string, at: Date): Promise<AgreementView[]> {
    return (await this.view()).agreementsBetween(fromUnit, toUnit, at);
  }

  /** One agreement, in force or not (the caller checks parties and validity), or undefined. */
  async getAgreement(id: string): Promise<AgreementView | undefined> {
    return (await this.view()).agreement(id);
  }

  /** The node, whatever its status (callers check `status`), or undefined. */
  async getNode(nodeId: string): Promise<NodeView | undefined> {
    if (!UUID.test(nodeId)) return undefined;
    return (await this.view()).node(nodeId);
  }

  /** Any registered key, revoked or expired included (the caller judges), or undefined. */
  async findKey(kid: string): Promise<NodeKeyView | undefined> {
    return (await this.view()).key(kid);
  }

  /** Every registered key, whatever its state, by unit, node and age. */
  async allKeys(): Promise<NodeKeyView[]> {
    return (await this.view()).allKeys();
  }

  /**
   * Enrols a node of an active unit with its public keys: one directory change (locked,
   * versioned, audited as directory.node-registered). The demo launcher and tests use it;
   * enrolment by token goes through registerNodeIn, in the enrolment's own change.
   */
  async registerNode(unitId: string, inboxUrl: string, publicJwks: unknown, options: RegisterNodeOptions = {}): Promise<RegisteredNode> {
    const { value, version } = await this.changes.applyVersioned(async (tx) => {
      const registered = await this.registerNodeIn(tx, unitId, inboxUrl, publicJwks, options);
      return {
        value: registered,
        audit: (v) => ({ type: 'directory.node-registered', actor: options.actor ?? { kind: 'hub' }, version: v, nodeId: registered.id, unitId, kids: registered.keys.map((k) => k.kid) }),
      };
    });
    return { ...value, directoryVersion: version };
  }

  /**
   * The registration itself, inside a directory change (DirectoryChanges: the caller holds the
   * lock, bumps the version, audits). The JWK Set is checked key by key (see checkNodeJwks); a
   * key another node already holds, or a second registration of the same inbox, is refused.
   */
  async registerNodeIn(tx: DirectoryTx, unitId: string, inboxUrl: string, publicJwks: unknown, options: RegisterNodeOptions = {}): Promise<Omit<RegisteredNode, 'directoryVersion'>> {
    const url = checkInboxUrl(inboxUrl);
    const keys = await checkNodeJwks(publicJwks);
    const status = options.status ?? 'active';
    const notBefore = options.notBefore ?? new Date();
    const notAfter = options.notAfter ?? null;
    if (notAfter !== null && notAfter <= notBefore) throw new DirectoryError('JWKS_INVALID', 'notAfter must be after notBefore');
    if (options.id !== undefined && !UUID.test(options.id)) throw new DirectoryError('NODE_ID_INVALID', 'a node id must be a UUID');
    const id = options.id?.toLowerCase() ?? randomUUID();

    const unit = await this.repository.findUnit(unitId, tx);
    if (unit === undefined) throw new DirectoryError('UNIT_NOT_FOUND', `unit ${unitId} is not in the directory`);
    if (unit.status !== 'active') throw new DirectoryError('UNIT_NOT_ACTIVE', `unit ${unitId} is ${unit.status}`);
    if (options.id !== undefined && (await this.repository.findNode(id, tx)) !== undefined) {
      throw new DirectoryError('NODE_ALREADY_REGISTERED', `node ${id} is already registered`);
    }
    if ((await this.repository.findNodeByInbox(tx, unitId, url)) !== undefined) {
      throw new DirectoryError('NODE_ALREADY_REGISTERED', `unit ${unitId} already has a node at this inbox URL`);
    }
    await this.refuseTakenKids(tx, keys);
    await this.repository.insertNode(tx, { id, unitId, inboxUrl: url, status }, keys.map((jwk) => newKeyRow(jwk, id, notBefore, notAfter)));
    return { id, unitId, inboxUrl: url, status, keys: keys.map(({ kid, use }) => ({ kid, use })) };
  }

  /**
   * An enrolment by token, inside a directory change: a new pending node, or, when the unit
   * already has a node at this inbox URL, that node enrolled again (`reenrolled`): allowed only
   * once none of its signing keys is in service any more (revoked, expired or retired: its keys
   * were compromised or lost), so that a token can never take a working node out of service.
   * It keeps its id, becomes pending until approved, and its keys still in service (its
   * encryption key) or yet to come retire at once, replaced by the new ones.
   */
  async enrollNodeIn(tx: DirectoryTx, unitId: string, inboxUrl: string, publicJwks: unknown, times: { now: Date; notAfter: Date }): Promise<EnrolledNode> {
    const url = checkInboxUrl(inboxUrl);
    const existing = await this.repository.findNodeByInbox(tx, unitId, url);
    if (existing === undefined) {
      const node = await this.registerNodeIn(tx, unitId, url, publicJwks, { status: 'pending', notBefore: times.now, notAfter: times.notAfter });
      return { ...node, reenrolled: false, retired: [] };
    }
    const keys = await checkNodeJwks(publicJwks);
    const unit = await this.repository.findUnit(unitId, tx);
    if (unit?.status !== 'active') throw new DirectoryError('UNIT_NOT_ACTIVE', `unit ${unitId} is ${unit?.status ?? 'unknown'}`);
    const current = (await this.repository.findKeysOfNode(tx, existing.id)).map((key) => ({ ...key, state: nodeKeyStateAt(key, times.now) }));
    const inService = current.filter((key) => ['active', 'retiring'].includes(key.state));
    if (inService.some((key) => key.use === 'sig')) {
      throw new DirectoryError(
        'NODE_ALREADY_REGISTERED',
        `unit ${unitId} already has a node at this inbox URL whose signing key is valid: rotate its keys (rotate-keys), or have them revoked to enrol it again`,
      );
    }
    await this.refuseTakenKids(tx, keys);
    await this.repository.insertKeys(tx, keys.map((jwk) => newKeyRow(jwk, existing.id, times.now, times.notAfter)));
    // Retired at once: the keys still in service, and those yet to come into it (added by a
    // rotation on a replica whose clock runs ahead), which would otherwise take over later.
    const replaced = current.filter((key) => ['active', 'retiring', 'not-yet-valid'].includes(key.state));
    for (const key of replaced) {
      const successor = keys.find((k) => k.use === key.use);
      if (successor !== undefined) await this.repository.supersedeKey(tx, key.kid, successor.kid, times.now);
    }
    await this.repository.setNodeStatus(tx, existing.id, 'pending');
    return {
      id: existing.id,
      unitId,
      inboxUrl: url,
      status: 'pending',
      keys: keys.map(({ kid, use }) => ({ kid, use })),
      reenrolled: true,
      retired: replaced.map((key) => key.kid),
    };
  }

  /** A pending node becomes active (the coordinator's approval of an enrolment), inside a directory change. */
  async activatePendingNodeIn(tx: DirectoryTx, nodeId: string): Promise<NodeView> {
    const node = UUID.test(nodeId) ? await this.repository.findNode(nodeId, tx) : undefined;
    if (node === undefined) throw new DirectoryError('NODE_NOT_FOUND', `node ${nodeId} is not in the directory`);
    if (node.status !== 'pending') throw new DirectoryError('NODE_NOT_PENDING', `node ${node.id} is ${node.status}, not pending`);
    await this.repository.setNodeStatus(tx, node.id, 'active');
    return { id: node.id, unitId: node.unitId, inboxUrl: node.inboxUrl, status: 'active' };
  }

  /**
   * A rotation, inside a directory change: `keys` (one signing and one encryption key, checked
   * by checkNodeJwks) join the node, valid from `now` to `notAfter`; each of its keys of the same
   * use that is active at `now`, or not yet valid (added by a rotation on a replica whose clock
   * runs ahead), and has no successor gets this one as successor and stays valid until
   * `retiresAt` (the overlap window). A key still in an earlier window keeps it. So a node has
   * at most one key of each use without successor, whatever order rotations commit in.
   */
  async rotateKeysIn(tx: DirectoryTx, nodeId: string, publicJwks: unknown, times: { now: Date; retiresAt: Date; notAfter: Date }): Promise<RotatedKeys> {
    const keys = await checkNodeJwks(publicJwks);
    for (const use of ['sig', 'enc'] as const) {
      if (keys.filter((key) => key.use === use).length !== 1) throw new DirectoryError('JWKS_INVALID', `a rotation brings exactly one ${use === 'sig' ? 'signing' : 'encryption'} key`);
    }
    const node = UUID.test(nodeId) ? await this.repository.findNode(nodeId, tx) : undefined;
    if (node === undefined) throw new DirectoryError('NODE_NOT_FOUND', `node ${nodeId} is not in the directory`);
    if (node.status !== 'active') throw new DirectoryError('NODE_NOT_ACTIVE', `node ${node.id} is ${node.status}`);
    await this.refuseTakenKids(tx, keys);
    const replaced = (await this.repository.findKeysOfNode(tx, node.id))
      .filter((key) => key.supersededBy === null && REPLACEABLE.includes(nodeKeyStateAt(key, times.now)))
      // Signing keys first, then by kid: the same rotation always reports the same list.
      .sort((a, b) => (a.use === b.use ? (a.kid < b.kid ? -1 : 1) : a.use === 'sig' ? -1 : 1));
    await this.repository.insertKeys(tx, keys.map((jwk) => newKeyRow(jwk, node.id, times.now, times.notAfter)));
    for (const key of replaced) {
      const successor = keys.find((k) => k.use === key.use)!;
      await this.repository.supersedeKey(tx, key.kid, successor.kid, times.retiresAt);
    }
    return {
      nodeId: node.id,
      unitId: node.unitId,
      added: keys.map(({ kid, use }) => ({ kid, use, notBefore: times.now, notAfter: times.notAfter })),
      retiring: replaced.map(({ kid, use }) => ({ kid, use, retiresAt: times.retiresAt })),
    };
  }

  /**
   * Revokes a key from `effectiveAt` on, inside a directory change. A key already revoked is
   * refused, unless the new time is earlier (a revocation can be brought forward, never pushed
   * back: something refused stays refused).
   */
  async revokeKeyIn(tx: DirectoryTx, kid: string, effectiveAt: Date): Promise<NodeKeyView> {
    const record = KID.test(kid) ? await this.repository.findKeyRecord(tx, kid) : undefined;
    if (record === undefined) throw new DirectoryError('KEY_NOT_FOUND', `key ${kid} is not in the directory`);
    const { revokedAt } = record.key;
    if (revokedAt !== null && revokedAt <= effectiveAt) throw new DirectoryError('KEY_ALREADY_REVOKED', `key ${kid} is revoked from ${revokedAt.toISOString()}`);
    await this.repository.revokeKey(tx, kid, effectiveAt);
    return toNodeKeyView({ ...record, key: { ...record.key, revokedAt: effectiveAt } });
  }

  private async refuseTakenKids(tx: DirectoryTx, keys: PublicJwk[]): Promise<void> {
    const taken = await this.repository.findExistingKids(tx, keys.map((k) => k.kid));
    if (taken.length > 0) throw new DirectoryError('KEY_ALREADY_REGISTERED', `key ${taken[0]} is already registered`);
  }
}

/** A node enrolled by token: new, or the node at that inbox enrolled again with new keys. */
export type EnrolledNode = Omit<RegisteredNode, 'directoryVersion'> & {
  reenrolled: boolean;
  /** Re-enrolment: its keys that were still in service and retired at once. */
  retired: string[];
};

export interface RotatedKeys {
  nodeId: string;
  unitId: string;
  added: { kid: string; use: KeyUse; notBefore: Date; notAfter: Date }[];
  retiring: { kid: string; use: KeyUse; retiresAt: Date }[];
}

/** The states of a key a rotation replaces: in service, or about to be (never revoked, expired or retired ones). */
const REPLACEABLE: readonly KeyState[] = ['active', 'not-yet-valid'];

// A kid is an RFC 7638 SHA-256 thumbprint: 43 base64url characters.
const KID = /^[A-Za-z0-9_-]{43}$/;

function newKeyRow(jwk: PublicJwk, nodeId: string, notBefore: Date, notAfter: Date | null): Omit<NodeKeyEntity, 'createdAt'> {
  return { kid: jwk.kid, nodeId, use: jwk.use, alg: jwk.alg, publicJwk: jwk, notBefore, notAfter, revokedAt: null, supersededBy: null, retiresAt: null };
}

