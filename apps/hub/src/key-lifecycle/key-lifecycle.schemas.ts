import { type Static, type TSchema, Type } from '@sinclair/typebox';
import { COMPACT_JWS_PATTERN, UTC_TIMESTAMP_PATTERN } from '@cicu/protocol';
import { schemaChecker } from '@cicu/shared';
import { KeyLifecycleError } from './key-lifecycle.errors';

const strict = { additionalProperties: false } as const;

/** 32 random bytes, base64url: what POST …/enrollment-tokens hands out once. */
export const ENROLLMENT_TOKEN_PATTERN = '^[A-Za-z0-9_-]{43}$';
// A proof carries a handful of public keys: a few KiB.
const CompactJws = Type.String({ pattern: COMPACT_JWS_PATTERN, maxLength: 16_384 });

/** Longest life of an enrolment token a coordinator may ask for: a week. */
export const MAX_ENROLLMENT_TOKEN_TTL_SECONDS = 604_800;

/** Why a key is revoked (the reason codes of RFC 5280 §5.3.1 that fit a node key): codes, never free text. */
export const REVOCATION_REASONS = ['unspecified', 'key-compromise', 'superseded', 'cessation-of-operation'] as const;

export const IssueTokenBody = Type.Object(
  { ttlSeconds: Type.Optional(Type.Integer({ minimum: 60, maximum: MAX_ENROLLMENT_TOKEN_TTL_SECONDS, description: 'Default: ENROLLMENT_TOKEN_TTL_SECONDS.' })) },
  strict,
);

export const EnrollmentBody = Type.Object(
  {
    token: Type.String({ pattern: ENROLLMENT_TOKEN_PATTERN, description: 'The enrolment token the coordinator issued.' }),
    proof: { ...CompactJws, description: 'Compact JWS, typ cicu-enrollment+jwt, signed by the signing key it submits.' },
  },
  strict,
);

/** The enrolment proof's own claims (createKeyProof adds aud, iat, exp, jti, jwks). */
export const EnrollmentClaims = Type.Object({
  token_hash: Type.String({ pattern: ENROLLMENT_TOKEN_PATTERN, description: 'base64url SHA-256 of the token' }),
  inbox_url: Type.String({ minLength: 1, maxLength: 2048 }),
});

export const RotationBody = Type.Object({ proof: { ...CompactJws, description: 'Compact JWS, typ cicu-key-rotation+jwt, signed by the new signing key it submits.' } }, strict);

export const RevocationBody = Type.Object(
  {
    effectiveAt: Type.Optional(Type.String({ pattern: UTC_TIMESTAMP_PATTERN, maxLength: 30, description: 'From when the key is refused (RFC 3339, UTC); default now. May be past or future.' })),
    reason: Type.Optional(Type.Unsafe<(typeof REVOCATION_REASONS)[number]>({ type: 'string', enum: [...REVOCATION_REASONS] })),
  },
  strict,
);

/**
 * A checker that returns `value` typed by `schema`, or throws VALIDATION listing each wrong
 * field (paths and schema facts only: the input is never echoed).
 */
export function validator<S extends TSchema>(schema: S, what: string): (value: unknown) => Static<S> {
  const check = schemaChecker(schema);
  return (value) => {
    const result = check(value);
    if (!result.ok) throw new KeyLifecycleError('VALIDATION', `${what} is invalid`, result.issues);
    return result.value;
  };
}
