import { isCryptoError, type PublicJwk, verifyJws } from '@cicu/crypto';
import { type ValidationIssue } from '@cicu/protocol';
import { CodedError } from '../errors/coded-error';
import { type KeyringService } from '../keyring/keyring.service';

// A token is a few hundred bytes; anything much larger is not one of ours.
const MAX_TOKEN_BYTES = 4096;
// Tokens are made and checked by this app (or a replica sharing its clock source).
const CLOCK_TOLERANCE_SECONDS = 5;

/** What every access token an app issues to people carries, besides its own claims. */
export interface SelfIssuedClaims {
  aud: string;
  iat: number;
  exp: number;
  jti: string;
}

/**
 * Why a token was refused, for the log (the caller only learns "not valid" or "expired"):
 * `signature` (not a JWS of ours: alg, kid, typ, size, signature), `payload` (signed by us
 * yet not JSON), `claims` (not our claims' shape), `aud`, `expired`, `lifetime` (issued in the
 * future, or living longer than we issue).
 */
export const TOKEN_REFUSALS = ['signature', 'payload', 'claims', 'aud', 'expired', 'lifetime'] as const;
export type TokenRefusal = (typeof TOKEN_REFUSALS)[number];

export class SelfIssuedTokenError extends CodedError<TokenRefusal> {
  override readonly name = 'SelfIssuedTokenError';
}

export interface VerifySelfIssuedOptions<C extends SelfIssuedClaims> {
  typ: string;
  audience: string;
  /** The longest lifetime this app issues (exp − iat). */
  maxTtlSeconds: number;
  /** The closed schema of the claims (schemaChecker). */
  check: (value: unknown) => { ok: true; value: C } | { ok: false; issues: ValidationIssue[] };
  now: Date;
}

/**
 * Verifies an access token this app signed with its own keyring (EdDSA, `typ` exact): only
 * this app's signing keys, current and retired (a token may outlive a rotation by its TTL),
 * verify; then the claims' shape, `aud`, `exp` (no tolerance: we check our own tokens), `iat`
 * (at most 5 s ahead) and the lifetime. Throws SelfIssuedTokenError; never logs the token.
 */
export async function verifySelfIssuedToken<C extends SelfIssuedClaims>(keyring: KeyringService, token: string, options: VerifySelfIssuedOptions<C>): Promise<C> {
  const ownKey = (kid: string): PublicJwk | undefined => keyring.publicJwks().keys.find((key) => key.kid === kid && key.use === 'sig');
  let payload: Uint8Array;
  try {
    ({ payload } = await verifyJws(token, ownKey, { typ: options.typ, maxBytes: MAX_TOKEN_BYTES }));
  } catch (cause) {
    if (!isCryptoError(cause)) throw cause;
    throw new SelfIssuedTokenError('signature', cause.code, { cause });
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(payload));
  } catch (cause) {
    throw new SelfIssuedTokenError('payload', 'not UTF-8 JSON', { cause });
  }
  const checked = options.check(parsed);
  if (!checked.ok) throw new SelfIssuedTokenError('claims', 'unexpected claims');
  const claims = checked.value;
  const nowSeconds = options.now.getTime() / 1000;
  if (claims.aud !== options.audience) throw new SelfIssuedTokenError('aud', 'another audience');
  if (claims.exp <= nowSeconds) throw new SelfIssuedTokenError('expired', 'expired');
  if (claims.iat > nowSeconds + CLOCK_TOLERANCE_SECONDS || claims.exp - claims.iat > options.maxTtlSeconds) throw new SelfIssuedTokenError('lifetime', 'lifetime');
  return claims;
}
