import { type AuditActor } from '../audit/audit-event';
import { AuditService } from '../audit/audit.service';
import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { type KeyUse, type PublicJwk } from '@cicu/crypto';
import { DirectoryError } from './directory.errors';
import { DirectoryCache } from './directory-cache';
import { type DirectoryIndex } from './directory-index';
import { DirectoryRepository } from './directory.repository';
import {
  type AgreementView,
  type LegalBasisView,
  type NodeKeyView,
  type NodeView,
  type RegisteredNode,
  toLegalBasisView,
  type UnitView,
} from './directory.views';
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
    private readonly audit: AuditService,
  ) {}

  /**
   * The whole current directory for one request's lookups (key, units, agreements): read
   * once per request, so that its checks see one consistent directory.
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

  /** The node's public keys of `use` valid at `at` (not before notBefore, before notAfter, not revoked). */
  async currentKeysOfNode(nodeId: string, use: KeyUse, at: Date = new Date()): Promise<PublicJwk[]> {
    if (!UUID.test(nodeId)) return [];
    const keys = await this.repository.findCurrentKeysOfNode(nodeId, use, at);
    return keys.map((key) => ({ ...key.publicJwk }));
  }

  /** The node, whatever its status (callers check `status`), or undefined. */
  async getNode(nodeId: string): Promise<NodeView | undefined> {
    if (!UUID.test(nodeId)) return undefined;
    const node = await this.repository.findNode(nodeId);
    return node && { id: node.id, unitId: node.unitId, inboxUrl: node.inboxUrl, status: node.status };
  }

  /** Where the hub delivers to a unit: its active node (the one enrolled last, if several), or undefined. */
  async activeNodeOfUnit(unitId: string): Promise<NodeView | undefined> {
    const node = await this.repository.findActiveNodeOfUnit(unitId);
    return node && { id: node.id, unitId: node.unitId, inboxUrl: node.inboxUrl, status: node.status };
  }

  /** Any registered key, revoked or expired included (the caller judges), or undefined. */
  async findKey(kid: string): Promise<NodeKeyView | undefined> {
    return (await this.view()).key(kid);
  }

  /**
   * Enrols a node of an active unit with its public keys, in one transaction that also
   * bumps the directory version. The JWK Set is checked key by key (see checkNodeJwks);
   * a key another node already holds, or a second registration of the same inbox, is refused.
   */
  async registerNode(unitId: string, inboxUrl: string, publicJwks: unknown, options: RegisterNodeOptions = {}): Promise<RegisteredNode> {
    const url = checkInboxUrl(inboxUrl);
    const keys = await checkNodeJwks(publicJwks);
    const status = options.status ?? 'active';
    const notBefore = options.notBefore ?? new Date();
    const notAfter = options.notAfter ?? null;
    if (notAfter !== null && notAfter <= notBefore) throw new DirectoryError('JWKS_INVALID', 'notAfter must be after notBefore');
    if (options.id !== undefined && !UUID.test(options.id)) throw new DirectoryError('NODE_ID_INVALID', 'a node id must be a UUID');
    const id = options.id?.toLowerCase() ?? randomUUID();

    return this.repository.transaction(async (tx) => {
      await this.repository.lockVersion(tx);
      const unit = await this.repository.findUnit(unitId, tx);
      if (unit === undefined) throw new DirectoryError('UNIT_NOT_FOUND', `unit ${unitId} is not in the directory`);
      if (unit.status !== 'active') throw new DirectoryError('UNIT_NOT_ACTIVE', `unit ${unitId} is ${unit.status}`);
      if (options.id !== undefined && (await this.repository.findNode(id, tx)) !== undefined) {
        throw new DirectoryError('NODE_ALREADY_REGISTERED', `node ${id} is already registered`);
      }
      if ((await this.repository.findNodeByInbox(tx, unitId, url)) !== undefined) {
        throw new DirectoryError('NODE_ALREADY_REGISTERED', `unit ${unitId} already has a node at this inbox URL`);
      }
      const taken = await this.repository.findExistingKids(tx, keys.map((k) => k.kid));
      if (taken.length > 0) throw new DirectoryError('KEY_ALREADY_REGISTERED', `key ${taken[0]} is already registered`);

      await this.repository.insertNode(
        tx,
        { id, unitId, inboxUrl: url, status },
        keys.map((jwk) => ({ kid: jwk.kid, nodeId: id, use: jwk.use, alg: jwk.alg, publicJwk: jwk, notBefore, notAfter, revokedAt: null })),
      );
      const directoryVersion = await this.repository.bumpVersion(tx);
      await this.audit.record(tx, {
        type: 'directory.node-registered',
        actor: options.actor ?? { kind: 'hub' },
        version: directoryVersion,
        nodeId: id,
        unitId,
        kids: keys.map((k) => k.kid),
      });
      return { id, unitId, inboxUrl: url, status, keys: keys.map(({ kid, use }) => ({ kid, use })), directoryVersion };
    });
  }
}
