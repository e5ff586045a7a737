import { type Static, Type } from '@sinclair/typebox';
import { AREAS, COUNTRY_CODES, DATE_PATTERN, PRIORITIES, REGISTRY_ID_PATTERN, REQUEST_TYPES, UNIT_ID_PATTERN, UTC_TIMESTAMP_PATTERN } from '@cicu/protocol';
import { type DirectoryContents } from './directory.repository';
import { toAgreementView, toLegalBasisView, toUnitView } from './directory.views';
import { DURATION_PATTERN } from './due-times';
import { NODE_STATUSES } from './node.entity';
import { UNIT_STATUSES } from './unit.entity';

/** JWS `typ` of the signed directory snapshot (explicit typing, RFC 8725 section 3.11). */
export const DIRECTORY_SNAPSHOT_TYP = 'cicu-directory+jws';

/**
 * The payload of the signed directory snapshot, as a schema: what a node may rely on. It
 * holds no personal data: units, nodes, public keys, legal bases, agreements, and contact
 * points that are functions (desks), not people.
 */
const codes = <const T extends readonly string[]>(values: T) => Type.Unsafe<T[number]>({ type: 'string', enum: [...values] });
const Timestamp = Type.String({ pattern: UTC_TIMESTAMP_PATTERN });
const Day = Type.String({ pattern: DATE_PATTERN });
const UnitId = Type.String({ pattern: UNIT_ID_PATTERN });
const RegistryId = Type.String({ pattern: REGISTRY_ID_PATTERN });
const strict = { additionalProperties: false } as const;

const SnapshotJwk = Type.Object(
  {
    kty: codes(['OKP', 'EC']),
    crv: codes(['Ed25519', 'X25519', 'P-256']),
    x: Type.String(),
    y: Type.Optional(Type.String()),
    kid: Type.String(),
    use: codes(['sig', 'enc']),
    alg: codes(['EdDSA', 'ES256', 'ECDH-ES+A256KW']),
  },
  strict,
);

export const DirectorySnapshot = Type.Object(
  {
    version: Type.Integer({ minimum: 1, description: 'Directory version; also the ETag of GET /v1/directory.' }),
    issuedAt: { ...Timestamp, description: 'When this version of the directory came into being (its last change).' },
    memberStates: Type.Array(Type.Object({ code: codes(COUNTRY_CODES), name: Type.String() }, strict)),
    units: Type.Array(
      Type.Object(
        {
          id: UnitId,
          memberState: codes(COUNTRY_CODES),
          name: Type.String(),
          shortName: Type.String(),
          administration: Type.String(),
          status: codes(UNIT_STATUSES),
          areas: Type.Array(codes(AREAS)),
        },
        strict,
      ),
    ),
    nodes: Type.Array(
      Type.Object(
        {
          id: Type.String({ format: 'uuid' }),
          unitId: UnitId,
          inboxUrl: Type.String(),
          status: codes(NODE_STATUSES),
          keys: Type.Array(
            Type.Object(
              {
                kid: Type.String(),
                use: codes(['sig', 'enc']),
                notBefore: Timestamp,
                notAfter: Type.Union([Timestamp, Type.Null()]),
                revokedAt: Type.Union([Timestamp, Type.Null()], { description: 'From then on refused: REVOKED_KEY. May lie ahead.' }),
                retiresAt: Type.Union([Timestamp, Type.Null()], { description: 'End of a rotation overlap window: from then on unknown (UNKNOWN_KEY).' }),
                jwk: SnapshotJwk,
              },
              strict,
            ),
            { description: 'Keys neither expired nor retired at issuedAt, revoked ones included; check every time when using one.' },
          ),
        },
        strict,
      ),
    ),
    legalBases: Type.Array(
      Type.Object(
        {
          id: RegistryId,
          instrument: Type.String(),
          article: Type.String(),
          title: Type.String(),
          officialReference: Type.String(),
          requestTypes: Type.Array(codes(REQUEST_TYPES)),
          validFrom: Day,
          validTo: Type.Union([Day, Type.Null()]),
        },
        strict,
      ),
    ),
    agreements: Type.Array(
      Type.Object(
        {
          id: RegistryId,
          version: Type.Integer({ minimum: 1 }),
          title: Type.String(),
          parties: Type.Array(UnitId),
          requestTypes: Type.Array(codes(REQUEST_TYPES)),
          areas: Type.Array(codes(AREAS)),
          legalBases: Type.Array(RegistryId),
          validFrom: Day,
          validTo: Type.Union([Day, Type.Null()]),
          maxPriority: codes(PRIORITIES),
          dueTimes: Type.Object(
            { routine: Type.String({ pattern: DURATION_PATTERN }), urgent: Type.String({ pattern: DURATION_PATTERN }), immediate: Type.String({ pattern: DURATION_PATTERN }) },
            strict,
          ),
          contactPoints: Type.Array(
            Type.Object({ unitId: UnitId, function: Type.String(), email: Type.Optional(Type.String()), phone: Type.Optional(Type.String()) }, strict),
          ),
        },
        strict,
      ),
    ),
  },
  strict,
);
export type DirectorySnapshot = Static<typeof DirectorySnapshot>;

/**
 * The snapshot payload of what the repository read. Every list is ordered by id, and the
 * time is the version's own, so one version always gives the same bytes (and, Ed25519
 * being deterministic, the same JWS on every replica).
 */
export function toSnapshotPayload(contents: DirectoryContents): DirectorySnapshot {
  return {
    version: contents.version.version,
    issuedAt: contents.version.updatedAt.toISOString(),
    memberStates: contents.memberStates.map(({ code, name }) => ({ code, name })),
    units: contents.units.map(toUnitView),
    nodes: contents.nodes.map((node) => ({
      id: node.id,
      unitId: node.unitId,
      inboxUrl: node.inboxUrl,
      status: node.status,
      keys: contents.keys
        .filter((key) => key.nodeId === node.id)
        .map((key) => ({
          kid: key.kid,
          use: key.use,
          notBefore: key.notBefore.toISOString(),
          notAfter: key.notAfter?.toISOString() ?? null,
          revokedAt: key.revokedAt?.toISOString() ?? null,
          retiresAt: key.retiresAt?.toISOString() ?? null,
          jwk: { ...key.publicJwk },
        })),
    })),
    legalBases: contents.legalBases.map(toLegalBasisView),
    agreements: contents.agreements.map(toAgreementView),
  };
}
