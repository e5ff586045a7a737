import { type KeyAlgorithm, type KeyUse, type PublicJwk } from '@cicu/crypto';
import { type Area, type CountryCode, type RequestType } from '@cicu/protocol';
import { type AgreementRecord, type NodeKeyRecord } from './directory.repository';
import { type AgreementTerms } from './agreement.entity';
import { type LegalBasisEntity } from './legal-basis.entity';
import { type NodeEntity, type NodeStatus } from './node.entity';
import { type UnitEntity, type UnitStatus } from './unit.entity';

/** What the directory tells the rest of the hub (and, through the snapshot, the nodes). */

export interface UnitView {
  id: string;
  memberState: CountryCode;
  name: string;
  shortName: string;
  administration: string;
  status: UnitStatus;
  areas: Area[];
}

export interface LegalBasisView {
  id: string;
  instrument: string;
  article: string;
  title: string;
  officialReference: string;
  requestTypes: RequestType[];
  /** UTC calendar days, inclusive; null = no end. */
  validFrom: string;
  validTo: string | null;
}

/** An agreement at its current version: its id, the version, and that version's terms. */
export interface AgreementView extends AgreementTerms {
  id: string;
  version: number;
}

export interface NodeView {
  id: string;
  unitId: string;
  inboxUrl: string;
  status: NodeStatus;
}

export interface NodeKeyView {
  kid: string;
  nodeId: string;
  unitId: string;
  nodeStatus: NodeStatus;
  use: KeyUse;
  alg: KeyAlgorithm;
  publicJwk: PublicJwk;
  notBefore: Date;
  notAfter: Date | null;
  revokedAt: Date | null;
  /** Set by a rotation: the key that replaced this one, and the end of the overlap window. */
  supersededBy: string | null;
  retiresAt: Date | null;
}

export interface RegisteredNode {
  id: string;
  unitId: string;
  inboxUrl: string;
  status: NodeStatus;
  keys: { kid: string; use: KeyUse }[];
  /** The directory version this registration produced. */
  directoryVersion: number;
}

export function toNodeView(node: NodeEntity): NodeView {
  return { id: node.id, unitId: node.unitId, inboxUrl: node.inboxUrl, status: node.status };
}

export function toUnitView(unit: UnitEntity): UnitView {
  return {
    id: unit.id,
    memberState: unit.memberStateCode,
    name: unit.name,
    shortName: unit.shortName,
    administration: unit.administration,
    status: unit.status,
    areas: [...unit.areas],
  };
}

export function toLegalBasisView(basis: LegalBasisEntity): LegalBasisView {
  return {
    id: basis.id,
    instrument: basis.instrument,
    article: basis.article,
    title: basis.title,
    officialReference: basis.officialReference,
    requestTypes: [...basis.requestTypes],
    validFrom: basis.validFrom,
    validTo: basis.validTo,
  };
}

export function toAgreementView({ agreement, parties, legalBases }: AgreementRecord): AgreementView {
  return {
    id: agreement.id,
    version: agreement.version,
    title: agreement.title,
    parties: [...parties],
    requestTypes: [...agreement.requestTypes],
    areas: [...agreement.areas],
    legalBases: [...legalBases],
    validFrom: agreement.validFrom,
    validTo: agreement.validTo,
    maxPriority: agreement.maxPriority,
    dueTimes: { ...agreement.dueTimes },
    contactPoints: agreement.contactPoints.map((c) => ({ ...c })),
  };
}

/** An agreement's terms without its id and version: what a version of it says. */
export function termsOf(view: AgreementView): AgreementTerms {
  const { id: _id, version: _version, ...terms } = view;
  // Ids in one order, whatever order they were given in: the terms of a version compare as equal.
  return { ...terms, parties: [...terms.parties].sort(), legalBases: [...terms.legalBases].sort() };
}

export function toNodeKeyView({ key, unitId, nodeStatus }: NodeKeyRecord): NodeKeyView {
  return {
    kid: key.kid,
    nodeId: key.nodeId,
    unitId,
    nodeStatus,
    use: key.use,
    alg: key.alg,
    publicJwk: { ...key.publicJwk },
    notBefore: key.notBefore,
    notAfter: key.notAfter,
    revokedAt: key.revokedAt,
    supersededBy: key.supersededBy,
    retiresAt: key.retiresAt,
  };
}
