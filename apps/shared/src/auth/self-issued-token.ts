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
  /** Where this app remembers the tokens that already verified (one per token kind). */
  verified?: VerifiedTokens<C>;
}

/** How many verified tokens an app remembers: far more than a unit or the hub has sessions at once. */
const VERIFIED_TOKENS_KEPT = 4096;

/**
 * The tokens this app has verified, by their exact text. A client sends the same token with
 * every call for the token's lifetime, and the Ed25519 verification is the costliest step of
 * an authenticated call (one of the six verifications of an exchanged request). Only the
 * steps whose outcome depends on the text alone are skipped: the signature, the JSON and the
 * claims' shape. On every call the token's key must still be one of this app's, and `aud`,
 * `exp` and `iat` are checked again against the clock. Revocation and the account are the
 * caller's checks and are not affected. Only a token that verified is remembered, so a client
 * cannot fill the cache without tokens of ours; when it is full the oldest entry goes.
 */
export class VerifiedTokens<C extends SelfIssuedClaims> {
  private readonly byText = new Map<string, { kid: string; claims: Readonly<C> }>();

  constructor(readonly capacity: number = VERIFIED_TOKENS_KEPT) {}

  get size(): number {
    return this.byText.size;
  }

  get(token: string): { kid: string; claims: Readonly<C> } | undefined {
    return this.byText.get(token);
  }

  remember(token: string, kid: string, claims: C): void {
    if (this.byText.size >= this.capacity) this.byText.delete(this.byText.keys().next().value as string);
    this.byText.set(token, { kid, claims: deepFreeze(claims) });
  }

  forget(token: string): void {
    this.byText.delete(token);
  }
}

/** Claims are JSON: freezing every object and array in them keeps a remembered token's claims as they were verified. */
function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}

/**
 * Verifies an access token this app signed with its own keyring (EdDSA, `typ` exact): only
 * this app's signing keys, current and retired (a token may outlive a rotation by its TTL),
 * verify; then the claims' shape, `aud`, `exp` (no tolerance: we check our own tokens), `iat`
 * (at most 5 s ahead) and the lifetime. With `options.verified`, a token that verified before
 * skips the signature, the JSON and the claims' shape (VerifiedTokens). Throws SelfIssuedTokenError; never logs the token.
 */
export async function verifySelfIssuedToken<C extends SelfIssuedClaims>(keyring: KeyringService, token: string, options: VerifySelfIssuedOptions<C>): Promise<C> {
  const ownKey = (kid: string): PublicJwk | undefined => keyring.publicJwks().keys.find((key) => key.kid === kid && key.use === 'sig');
  let remembered = options.verified?.get(token);
  if (remembered !== undefined && ownKey(remembered.kid) === undefined) {
    // Its key is no longer the app's: verified again (and refused), and forgotten.
    options.verified?.forget(token);
    remembered = undefined;
  }
  const claims = remembered?.claims ?? (await verifiedClaims(token, ownKey, options));
  const nowSeconds = options.now.getTime() / 1000;
  if (claims.aud !== options.audience) throw new SelfIssuedTokenError('aud', 'another audience');
  if (claims.exp <= nowSeconds) {
    options.verified?.forget(token);
    throw new SelfIssuedTokenError('expired', 'expired');
  }
  if (claims.iat > nowSeconds + CLOCK_TOLERANCE_SECONDS || claims.exp - claims.iat > options.maxTtlSeconds) throw new SelfIssuedTokenError('lifetime', 'lifetime');
  return claims;
}

/** The signature (with one of the app's own keys), the JSON and the claims' shape; remembered in `options.verified` when they pass. */
async function verifiedClaims<C extends SelfIssuedClaims>(token: string, ownKey: (kid: string) => PublicJwk | undefined, options: VerifySelfIssuedOptions<C>): Promise<C> {
  let payload: Uint8Array;
  let kid: string;
  try {
    ({ payload, kid } = await verifyJws(token, ownKey, { typ: options.typ, maxBytes: MAX_TOKEN_BYTES }));
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
  options.verified?.remember(token, kid, checked.value);
  return checked.value;
}
