import { type PublicJwk } from '@cicu/crypto';

/** JWS `typ` of the hub's signed directory snapshot. */
export const DIRECTORY_SNAPSHOT_TYP = 'cicu-directory+jws';

export interface SnapshotKey {
  kid: string;
  use: 'sig' | 'enc';
  notBefore: string;
  notAfter: string | null;
  /** From then on refused (REVOKED_KEY); absent from snapshots of hubs before key revocation. */
  revokedAt?: string | null;
  /** End of a rotation's overlap window (UNKNOWN_KEY from then on). */
  retiresAt?: string | null;
  jwk: PublicJwk;
}

export interface SnapshotNode {
  id: string;
  unitId: string;
  inboxUrl: string;
  status: string;
  keys: SnapshotKey[];
}

export interface SnapshotUnit {
  id: string;
  status: string;
  [member: string]: unknown;
}

export interface SnapshotAgreement {
  id: string;
  version: number;
  parties: string[];
  validFrom: string;
  validTo: string | null;
  [member: string]: unknown;
}

/** The parts of the hub's snapshot payload this node relies on (the hub's schema has more). */
export interface DirectorySnapshotPayload {
  version: number;
  issuedAt: string;
  memberStates: unknown[];
  units: SnapshotUnit[];
  nodes: SnapshotNode[];
  legalBases: unknown[];
  agreements: SnapshotAgreement[];
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isString = (v: unknown): v is string => typeof v === 'string';
const isTime = (v: unknown): boolean => isString(v) && !Number.isNaN(Date.parse(v));
const isOptionalTime = (v: unknown): boolean => v === undefined || v === null || isTime(v);

function isKey(v: unknown): v is SnapshotKey {
  return (
    isObject(v) &&
    isString(v['kid']) &&
    (v['use'] === 'sig' || v['use'] === 'enc') &&
    isTime(v['notBefore']) &&
    (v['notAfter'] === null || isTime(v['notAfter'])) &&
    isOptionalTime(v['revokedAt']) &&
    isOptionalTime(v['retiresAt']) &&
    isObject(v['jwk']) &&
    v['jwk']['kid'] === v['kid'] &&
    v['jwk']['use'] === v['use']
  );
}

function isNode(v: unknown): v is SnapshotNode {
  return isObject(v) && isString(v['id']) && isString(v['unitId']) && isString(v['status']) && Array.isArray(v['keys']) && v['keys'].every(isKey);
}

function isAgreement(v: unknown): v is SnapshotAgreement {
  return (
    isObject(v) &&
    isString(v['id']) &&
    Array.isArray(v['parties']) &&
    v['parties'].every(isString) &&
    isString(v['validFrom']) &&
    (v['validTo'] === null || isString(v['validTo']))
  );
}

/**
 * The snapshot payload, checked for the members this node reads. The signature already
 * proved the hub wrote it; this guards against a hub of another version, so that a missing
 * member is a refused snapshot rather than a TypeError in the middle of a delivery.
 */
export function parseSnapshotPayload(value: unknown): DirectorySnapshotPayload | undefined {
  if (!isObject(value)) return undefined;
  const { version, issuedAt, units, nodes, agreements, memberStates, legalBases } = value;
  if (typeof version !== 'number' || !Number.isSafeInteger(version) || version < 1 || !isTime(issuedAt)) return undefined;
  if (!Array.isArray(units) || !units.every((u) => isObject(u) && isString(u['id']) && isString(u['status']))) return undefined;
  if (!Array.isArray(nodes) || !nodes.every(isNode)) return undefined;
  if (!Array.isArray(agreements) || !agreements.every(isAgreement)) return undefined;
  if (!Array.isArray(memberStates) || !Array.isArray(legalBases)) return undefined;
  return value as unknown as DirectorySnapshotPayload;
}
