import { type Static, type TSchema, Type } from '@sinclair/typebox';
import { AREAS, COUNTRY_CODES, DATE_PATTERN, E164_PATTERN, PRIORITIES, REGISTRY_ID_PATTERN, REQUEST_TYPES, UNIT_ID_PATTERN } from '@cicu/protocol';
import { DURATION_PATTERN } from '../due-times';
import { UNIT_STATUSES } from '../unit.entity';

/**
 * The seed file (deploy/fixtures/directory.json) that fills an empty directory at the hub's
 * first start. One TypeBox source gives the JSON Schema it is validated against and its type.
 */

function codes<const T extends readonly string[]>(values: T, description?: string) {
  return Type.Unsafe<T[number]>({ type: 'string', enum: [...values], ...(description !== undefined && { description }) });
}
const Text = (maxLength: number) => Type.String({ minLength: 1, maxLength, pattern: '\\S' });
const CodeList = <T extends TSchema>(item: T) => Type.Array(item, { minItems: 1, uniqueItems: true });
const CalendarDate = Type.String({ format: 'date', pattern: DATE_PATTERN, description: 'UTC calendar day, inclusive.' });
const UnitId = Type.String({ pattern: UNIT_ID_PATTERN, maxLength: 35 });
const RegistryId = Type.String({ pattern: REGISTRY_ID_PATTERN, maxLength: 128 });
const Duration = Type.String({ pattern: DURATION_PATTERN, maxLength: 32, description: 'ISO 8601 duration in days/hours/minutes/seconds, e.g. P30D, PT72H.' });
const strict = { additionalProperties: false } as const;

export const SeedMemberState = Type.Object({ code: codes(COUNTRY_CODES, 'ISO 3166-1 alpha-2'), name: Text(100) }, strict);

export const SeedUnit = Type.Object(
  {
    id: UnitId,
    memberState: codes(COUNTRY_CODES),
    name: Text(200),
    shortName: Text(50),
    administration: Text(200),
    status: Type.Optional(codes(UNIT_STATUSES)),
    areas: CodeList(codes(AREAS)),
  },
  strict,
);

export const SeedLegalBasis = Type.Object(
  {
    id: RegistryId,
    instrument: Text(500),
    article: Text(50),
    title: Text(200),
    officialReference: Text(200),
    requestTypes: CodeList(codes(REQUEST_TYPES)),
    validFrom: CalendarDate,
    validTo: Type.Optional(Type.Union([CalendarDate, Type.Null()])),
  },
  strict,
);

export const SeedContactPoint = Type.Object(
  {
    unitId: UnitId,
    function: Text(200),
    email: Type.Optional(Type.String({ format: 'email', maxLength: 254 })),
    phone: Type.Optional(Type.String({ pattern: E164_PATTERN, maxLength: 16 })),
  },
  strict,
);

export const SeedAgreement = Type.Object(
  {
    id: RegistryId,
    version: Type.Optional(Type.Integer({ minimum: 1 })),
    title: Text(300),
    parties: Type.Array(UnitId, { minItems: 2, maxItems: 27, uniqueItems: true }),
    requestTypes: CodeList(codes(REQUEST_TYPES)),
    areas: CodeList(codes(AREAS)),
    legalBases: CodeList(RegistryId),
    validFrom: CalendarDate,
    validTo: Type.Optional(Type.Union([CalendarDate, Type.Null()])),
    maxPriority: codes(PRIORITIES),
    dueTimes: Type.Object({ routine: Duration, urgent: Duration, immediate: Duration }, strict),
    contactPoints: Type.Array(SeedContactPoint, { maxItems: 20 }),
  },
  strict,
);

export const DirectorySeed = Type.Object(
  {
    $comment: Type.Optional(Type.String()),
    memberStates: Type.Array(SeedMemberState, { minItems: 1, maxItems: 100 }),
    // At least one unit: an empty unit table is what marks the first start.
    units: Type.Array(SeedUnit, { minItems: 1, maxItems: 1000 }),
    legalBases: Type.Array(SeedLegalBasis, { maxItems: 100 }),
    agreements: Type.Array(SeedAgreement, { maxItems: 1000 }),
  },
  strict,
);
export type DirectorySeed = Static<typeof DirectorySeed>;
