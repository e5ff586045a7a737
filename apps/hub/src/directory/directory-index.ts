import { type KeyUse, type PublicJwk } from '@cicu/crypto';
import { type AgreementRecord, type NodeKeyRecord } from './directory.repository';
import { type AgreementView, type LegalBasisView, type NodeKeyView, type NodeView, toAgreementView, toLegalBasisView, toNodeKeyView, toNodeView, toUnitView, type UnitView } from './directory.views';
import { keyRefusalAt } from './key-validity';
import { type LegalBasisEntity } from './legal-basis.entity';
import { type NodeEntity } from './node.entity';
import { type UnitEntity } from './unit.entity';

/** The rows an index is built from, read together in one REPEATABLE READ transaction. */
export interface DirectoryIndexRows {
  generation: number;
  units: UnitEntity[];
  /** Every node, whatever its status. */
  nodes: NodeEntity[];
  /** Every key, revoked and expired ones included: refusals name why a key is not usable. */
  keys: NodeKeyRecord[];
  agreements: AgreementRecord[];
  legalBases: LegalBasisEntity[];
}

/** The UTC calendar day of `at`, as agreements' validity is stated (inclusive days). */
function utcDay(at: Date): string {
  if (Number.isNaN(at.getTime())) throw new RangeError('at must be a valid Date');
  return at.toISOString().slice(0, 10);
}

/**
 * One generation of the directory, in memory, for the lookups of the submission and delivery
 * paths (key, units, nodes, agreements). Immutable: a change makes a new generation and a new index, so a
 * request that holds one sees one consistent directory. Views are copied out, never shared.
 */
export class DirectoryIndex {
  private readonly units: Map<string, UnitView>;
  private readonly nodes: Map<string, NodeView>;
  /** Per unit, its active node enrolled last (a unit normally runs one). */
  private readonly activeNodes: Map<string, NodeView>;
  /** Active units with an active node: those a delivery may be pushed to now. */
  private readonly deliverable: readonly string[];
  private readonly keys: Map<string, NodeKeyView>;
  /** Per node, its keys (any state), newest notBefore first, then by kid: the order currentKeysOfNode answers in. */
  private readonly keysOfNode: Map<string, NodeKeyView[]>;
  private readonly agreements: AgreementView[];
  private readonly agreementsById: Map<string, AgreementView>;
  private readonly legalBases: Map<string, LegalBasisView>;

  readonly generation: number;

  constructor(rows: DirectoryIndexRows) {
    this.generation = rows.generation;
    this.units = new Map(rows.units.map((u) => [u.id, toUnitView(u)]));
    this.nodes = new Map(rows.nodes.map((n) => [n.id, toNodeView(n)]));
    // Enrolled last first, then by id: the order the hub has always chosen a unit's node in.
    const active = rows.nodes.filter((n) => n.status === 'active').sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || compare(a.id, b.id));
    this.activeNodes = new Map();
    for (const n of active) if (!this.activeNodes.has(n.unitId)) this.activeNodes.set(n.unitId, toNodeView(n));
    this.deliverable = rows.units.filter((u) => u.status === 'active' && this.activeNodes.has(u.id)).map((u) => u.id);
    this.keys = new Map(rows.keys.map((k) => [k.key.kid, toNodeKeyView(k)]));
    this.keysOfNode = new Map();
    for (const key of [...this.keys.values()].sort((a, b) => b.notBefore.getTime() - a.notBefore.getTime() || compare(a.kid, b.kid))) {
      const ofNode = this.keysOfNode.get(key.nodeId);
      if (ofNode === undefined) this.keysOfNode.set(key.nodeId, [key]);
      else ofNode.push(key);
    }
    this.agreements = rows.agreements.map(toAgreementView).sort((a, b) => compare(a.id, b.id));
    this.agreementsById = new Map(this.agreements.map((a) => [a.id, a]));
    this.legalBases = new Map(rows.legalBases.map((b) => [b.id, toLegalBasisView(b)]));
  }

  /** The unit, whatever its status (callers check `status`), or undefined. */
  unit(id: string): UnitView | undefined {
    const unit = this.units.get(id);
    return unit && { ...unit, areas: [...unit.areas] };
  }

  /** The node, whatever its status (callers check `status`), or undefined. */
  node(id: string): NodeView | undefined {
    const node = this.nodes.get(id);
    return node && { ...node };
  }

  /** Where the hub delivers to a unit: its active node (the one enrolled last, if several), or undefined. */
  activeNodeOfUnit(unitId: string): NodeView | undefined {
    const node = this.activeNodes.get(unitId);
    return node && { ...node };
  }

  /** The units a message may be pushed to now: active, with an active node. */
  deliverableUnits(): readonly string[] {
    return this.deliverable;
  }

  /** Any registered key, revoked or expired included (the caller judges), or undefined. */
  key(kid: string): NodeKeyView | undefined {
    const key = this.keys.get(kid);
    return key && { ...key, publicJwk: { ...key.publicJwk } };
  }

  /** The node's public keys of `use` that may verify at `at` (keyRefusalAt: not revoked, expired, retired or not yet valid), newest first. */
  currentKeysOfNode(nodeId: string, use: KeyUse, at: Date): PublicJwk[] {
    return (this.keysOfNode.get(nodeId) ?? []).filter((k) => keyRefusalAt(k, use, at) === undefined).map((k) => ({ ...k.publicJwk }));
  }

  /** Every registered key (revoked, expired and retired ones included), copied, ordered by unit, node, notBefore, kid. */
  allKeys(): NodeKeyView[] {
    return [...this.keys.values()]
      .sort((a, b) => compare(a.unitId, b.unitId) || compare(a.nodeId, b.nodeId) || a.notBefore.getTime() - b.notBefore.getTime() || compare(a.kid, b.kid))
      .map((key) => ({ ...key, publicJwk: { ...key.publicJwk } }));
  }

  /**
   * Agreements binding both units whose validity (UTC days, inclusive) contains the day of
   * `at`, by id. None for a unit and itself: a request goes to another member.
   */
  agreementsBetween(unitA: string, unitB: string, at: Date): AgreementView[] {
    if (unitA === unitB) return [];
    const day = utcDay(at);
    return this.agreements
      .filter((a) => a.validFrom <= day && (a.validTo === null || a.validTo >= day) && a.parties.includes(unitA) && a.parties.includes(unitB))
      .map(copyAgreement);
  }

  /** The legal basis, when it is in force on the UTC day of `at` (inclusive days); else undefined. */
  legalBasisInForce(id: string, at: Date): LegalBasisView | undefined {
    const basis = this.legalBases.get(id);
    const day = utcDay(at);
    if (basis === undefined || basis.validFrom > day || (basis.validTo !== null && basis.validTo < day)) return undefined;
    return { ...basis, requestTypes: [...basis.requestTypes] };
  }

  /** One agreement, in force or not, or undefined. */
  agreement(id: string): AgreementView | undefined {
    const agreement = this.agreementsById.get(id);
    return agreement && copyAgreement(agreement);
  }
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function copyAgreement(a: AgreementView): AgreementView {
  return {
    ...a,
    parties: [...a.parties],
    requestTypes: [...a.requestTypes],
    areas: [...a.areas],
    legalBases: [...a.legalBases],
    dueTimes: { ...a.dueTimes },
    contactPoints: a.contactPoints.map((c) => ({ ...c })),
  };
}
