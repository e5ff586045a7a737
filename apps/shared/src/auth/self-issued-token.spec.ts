import { Type } from '@sinclair/typebox';
import { generateSigningKeyPair, type PrivateJwk, type PublicJwk, signJws } from '@cicu/crypto';
import { type KeyringService } from '../keyring/keyring.service';
import { schemaChecker } from '../validation/schema-checker';
import { type SelfIssuedClaims, SelfIssuedTokenError, VerifiedTokens, verifySelfIssuedToken } from './self-issued-token';

/**
 * The remembered verification of the app's own tokens (VerifiedTokens): what it may skip (the
 * signature, counted at node:crypto) and what it must not (the key still the app's, the clock).
 */
const nodeCrypto = jest.requireActual<typeof import('node:crypto')>('node:crypto');

const TYP = 'cicu-test-token+jwt';
const AUDIENCE = 'unit-under-test';
const TTL = 900;
const Claims = Type.Object(
  { sub: Type.String(), aud: Type.String(), roles: Type.Array(Type.String()), iat: Type.Integer(), exp: Type.Integer(), jti: Type.String() },
  { additionalProperties: false },
);
type Claims = SelfIssuedClaims & { sub: string; roles: string[] };
const check = schemaChecker(Claims);
const issuedAt = new Date('2026-12-03T12:00:00Z');
const seconds = issuedAt.getTime() / 1000;

describe('verifySelfIssuedToken with remembered verifications', () => {
  let signing: { kid: string; privateJwk: PrivateJwk; publicJwk: PublicJwk };
  let ownKeys: PublicJwk[];
  const keyring = { publicJwks: () => ({ keys: ownKeys.map((key) => ({ ...key })) }) } as unknown as KeyringService;
  let verifications: jest.SpyInstance;

  const token = (jti: string, claims: Partial<Claims> = {}) =>
    signJws(JSON.stringify({ sub: 'officer-1', aud: AUDIENCE, roles: ['officer'], iat: seconds, exp: seconds + TTL, jti, ...claims }), signing.privateJwk, { alg: 'EdDSA', kid: signing.kid, typ: TYP });
  const verify = (text: string, verified: VerifiedTokens<Claims>, now = issuedAt) => verifySelfIssuedToken(keyring, text, { typ: TYP, audience: AUDIENCE, maxTtlSeconds: TTL, check, now, verified });
  const refusal = (promise: Promise<unknown>) =>
    promise.then(
      () => 'accepted',
      (error: unknown) => (error instanceof SelfIssuedTokenError ? error.code : error),
    );

  beforeAll(async () => {
    signing = await generateSigningKeyPair('Ed25519');
  });

  beforeEach(() => {
    ownKeys = [signing.publicJwk];
    verifications = jest.spyOn(nodeCrypto, 'verify');
  });

  afterEach(() => verifications.mockRestore());

  it('checks the signature of a token once, then answers its next calls with the same frozen claims', async () => {
    const verified = new VerifiedTokens<Claims>();
    const text = await token('a');
    const first = await verify(text, verified);
    expect(verifications).toHaveBeenCalledTimes(1);
    const again = await verify(text, verified, new Date(issuedAt.getTime() + 60_000));
    expect(verifications).toHaveBeenCalledTimes(1);
    expect(again).toBe(first);
    expect(again).toEqual({ sub: 'officer-1', aud: AUDIENCE, roles: ['officer'], iat: seconds, exp: seconds + TTL, jti: 'a' });
    expect(() => (again.roles as string[]).push('supervisor')).toThrow(TypeError);
  });

  it('refuses a remembered token once it has expired, and forgets it', async () => {
    const verified = new VerifiedTokens<Claims>();
    const text = await token('b');
    await verify(text, verified);
    expect(verified.size).toBe(1);
    expect(await refusal(verify(text, verified, new Date((seconds + TTL) * 1000)))).toBe('expired');
    expect(verified.size).toBe(0);
  });

  it('refuses a remembered token whose key is no longer one of the app\'s, and forgets it', async () => {
    const verified = new VerifiedTokens<Claims>();
    const text = await token('c');
    await verify(text, verified);
    ownKeys = [];
    expect(await refusal(verify(text, verified))).toBe('signature');
    expect(verified.size).toBe(0);
  });

  it('still checks the audience and the lifetime of a remembered token on every call', async () => {
    const verified = new VerifiedTokens<Claims>();
    const foreign = await token('d', { aud: 'another-unit' });
    expect(await refusal(verify(foreign, verified))).toBe('aud');
    expect(await refusal(verify(foreign, verified))).toBe('aud');
    const early = await token('e', { iat: seconds + 60, exp: seconds + 60 + TTL });
    expect(await refusal(verify(early, verified))).toBe('lifetime');
    expect(await refusal(verify(early, verified, new Date(issuedAt.getTime() + 30_000)))).toBe('lifetime');
    expect(await refusal(verify(early, verified, new Date(issuedAt.getTime() + 60_000)))).toBe('accepted');
  });

  it('verifies a token that differs from a remembered one by one character, and does not remember a refused one', async () => {
    const verified = new VerifiedTokens<Claims>();
    const text = await token('f');
    await verify(text, verified);
    const last = text.at(-2) === 'A' ? 'B' : 'A';
    const forged = `${text.slice(0, -2)}${last}${text.at(-1)}`;
    expect(await refusal(verify(forged, verified))).toBe('signature');
    expect(verifications).toHaveBeenCalledTimes(2);
    expect(verified.size).toBe(1);
  });

  it('keeps at most its capacity, dropping the oldest', async () => {
    const verified = new VerifiedTokens<Claims>(2);
    const [first, second, third] = await Promise.all(['g', 'h', 'i'].map((jti) => token(jti)));
    for (const text of [first!, second!, third!]) await verify(text, verified);
    expect(verified.size).toBe(2);
    expect(verifications).toHaveBeenCalledTimes(3);
    await verify(third!, verified);
    expect(verifications).toHaveBeenCalledTimes(3);
    await verify(first!, verified);
    expect(verifications).toHaveBeenCalledTimes(4);
  });

  it('verifies every call when the caller keeps no cache', async () => {
    const text = await token('j');
    const options = { typ: TYP, audience: AUDIENCE, maxTtlSeconds: TTL, check, now: issuedAt };
    await verifySelfIssuedToken(keyring, text, options);
    await verifySelfIssuedToken(keyring, text, options);
    expect(verifications).toHaveBeenCalledTimes(2);
  });
});
