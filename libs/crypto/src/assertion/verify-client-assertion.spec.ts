import { codeOf } from '../../test-vectors/jose-vectors';
import { signJws } from '../jws/sign';
import { generateSigningKeyPair } from '../keys/generate-signing-key-pair';
import type { GeneratedKeyPair } from '../keys/types';
import { createClientAssertion } from './create-client-assertion';
import { CLIENT_ASSERTION_TYP, HUB_ASSERTION_TYP } from './types';
import { verifyClientAssertion } from './verify-client-assertion';

const NODE_A = '0b6f0c52-4a55-4bb5-9d32-7c4a0c1b6a01';
const NODE_B = '7d1e5a44-33c2-4f0e-8f7b-2b9e6f7e1b02';
const AUD = 'cicu-hub';
const NOW = new Date('2026-03-01T12:00:00Z');
const T = NOW.getTime() / 1000;
const JTI = 'jti-0123456789abcdef';

let a: GeneratedKeyPair;
let aEc: GeneratedKeyPair;
let b: GeneratedKeyPair;
beforeAll(async () => {
  [a, aEc, b] = await Promise.all([generateSigningKeyPair('Ed25519'), generateSigningKeyPair('P-256'), generateSigningKeyPair('Ed25519')]);
});

const owners = () => new Map([[a.kid, NODE_A], [aEc.kid, NODE_A], [b.kid, NODE_B]]);
const resolve = (kid: string) => {
  const pair = [a, aEc, b].find((p) => p.kid === kid);
  return pair && { key: pair.publicJwk, nodeId: owners().get(kid) as string };
};

/** Signs arbitrary claims as node A (or `pair`), so only the claim rule under test can refuse. */
function forge(claims: Record<string, unknown>, pair = a, typ = CLIENT_ASSERTION_TYP): Promise<string> {
  return signJws(JSON.stringify(claims), pair.privateJwk, { alg: pair === aEc ? 'ES256' : 'EdDSA', kid: pair.kid, typ });
}
const claims = (extra: Record<string, unknown> = {}) => ({ iss: NODE_A, sub: NODE_A, aud: AUD, iat: T, exp: T + 30, jti: JTI, ...extra });
const verify = (compact: string, options: Partial<Parameters<typeof verifyClientAssertion>[2]> = {}) =>
  verifyClientAssertion(compact, resolve, { audience: AUD, now: NOW, ...options });
const refusal = async (compact: string | Promise<string>, options: Partial<Parameters<typeof verifyClientAssertion>[2]> = {}) => {
  const token = await compact;
  return codeOf(() => verify(token, options));
};

describe('createClientAssertion / verifyClientAssertion', () => {
  it.each([
    ['EdDSA', () => a],
    ['ES256', () => aEc],
  ] as const)('round-trips a %s assertion and names the node that holds the key', async (alg, pair) => {
    const compact = await createClientAssertion({ iss: NODE_A, aud: AUD, privateKey: pair().privateJwk, kid: pair().kid, alg, now: NOW, ttlSeconds: 60 });
    const header = JSON.parse(Buffer.from(compact.split('.')[0] as string, 'base64url').toString('utf8'));
    expect(header).toEqual({ alg, kid: pair().kid, typ: 'cicu-node-assertion+jwt' });
    const result = await verify(compact);
    expect(result).toEqual({ nodeId: NODE_A, kid: pair().kid, jti: expect.stringMatching(/^[A-Za-z0-9_-]{32}$/), iat: T, exp: T + 60 });
  });

  it('keeps the hub\'s and the nodes\' assertions apart by typ', async () => {
    const hubAssertion = await createClientAssertion({ iss: NODE_A, aud: AUD, privateKey: a.privateJwk, kid: a.kid, alg: 'EdDSA', now: NOW, ttlSeconds: 30, typ: HUB_ASSERTION_TYP });
    expect(await refusal(hubAssertion)).toBe('JWS_TYP_MISMATCH');
    expect(await refusal(hubAssertion, { typ: HUB_ASSERTION_TYP })).toBe('OK');
    expect(await refusal(forge(claims()), { typ: HUB_ASSERTION_TYP })).toBe('JWS_TYP_MISMATCH');
  });

  it('uses a fresh random jti each time unless one is given', async () => {
    const make = (jti?: string) => createClientAssertion({ iss: NODE_A, aud: AUD, privateKey: a.privateJwk, kid: a.kid, alg: 'EdDSA', now: NOW, ttlSeconds: 10, ...(jti && { jti }) });
    const [one, two, three] = await Promise.all([make(), make(), make(JTI)]);
    const [r1, r2, r3] = await Promise.all([verify(one as string), verify(two as string), verify(three as string)]);
    expect(r1.jti).not.toBe(r2.jti);
    expect(r3.jti).toBe(JTI);
  });

  it('accepts within the clock tolerance, and an nbf in the past', async () => {
    expect(await refusal(forge(claims({ iat: T + 5, exp: T + 30 })))).toBe('OK');
    expect(await refusal(forge(claims({ iat: T - 60, exp: T - 4 })))).toBe('OK');
    expect(await refusal(forge(claims({ nbf: T - 1 })))).toBe('OK');
    expect(await refusal(forge(claims({ sub: undefined })))).toBe('OK');
  });

  describe('refuses', () => {
    it('ASSERTION_EXPIRED: exp past beyond the tolerance', async () => {
      expect(await refusal(forge(claims({ iat: T - 60, exp: T - 5 })))).toBe('ASSERTION_EXPIRED');
      expect(await refusal(forge(claims({ iat: T - 60, exp: T - 1 })), { clockToleranceSeconds: 0 })).toBe('ASSERTION_EXPIRED');
    });

    it('ASSERTION_NOT_YET_VALID: iat or nbf in the future', async () => {
      expect(await refusal(forge(claims({ iat: T + 6, exp: T + 30 })))).toBe('ASSERTION_NOT_YET_VALID');
      expect(await refusal(forge(claims({ nbf: T + 6 })))).toBe('ASSERTION_NOT_YET_VALID');
    });

    it('ASSERTION_TTL_TOO_LONG: exp - iat above the maximum', async () => {
      expect(await refusal(forge(claims({ exp: T + 61 })))).toBe('ASSERTION_TTL_TOO_LONG');
      expect(await refusal(forge(claims({ exp: T + 31 })), { maxTtlSeconds: 30 })).toBe('ASSERTION_TTL_TOO_LONG');
      expect(await refusal(forge(claims({ exp: T + 60 })))).toBe('OK');
    });

    it('ASSERTION_AUDIENCE_MISMATCH: another, a differently cased or an array aud', async () => {
      expect(await refusal(forge(claims({ aud: 'other-hub' })))).toBe('ASSERTION_AUDIENCE_MISMATCH');
      expect(await refusal(forge(claims({ aud: 'CICU-HUB' })))).toBe('ASSERTION_AUDIENCE_MISMATCH');
      expect(await refusal(forge(claims({ aud: [AUD] })))).toBe('ASSERTION_AUDIENCE_MISMATCH');
      expect(await refusal(forge(claims({ aud: [AUD, 'other-hub'] })))).toBe('ASSERTION_AUDIENCE_MISMATCH');
    });

    it('ASSERTION_ISSUER_MISMATCH: node A claiming to be node B, and node B using its key as A', async () => {
      expect(await refusal(forge(claims({ iss: NODE_B, sub: NODE_B })))).toBe('ASSERTION_ISSUER_MISMATCH');
      expect(await refusal(forge(claims(), b))).toBe('ASSERTION_ISSUER_MISMATCH');
    });

    it.each<[string, Record<string, unknown>]>([
      ['a missing iss', { iss: undefined }],
      ['an empty iss', { iss: '', sub: '' }],
      ['a numeric iss', { iss: 1 }],
      ['sub different from iss', { sub: NODE_B }],
      ['a missing aud', { aud: undefined }],
      ['a missing exp', { exp: undefined }],
      ['a string exp', { exp: String(T + 30) }],
      ['a missing iat', { iat: undefined }],
      ['a negative iat', { iat: -1 }],
      ['exp not after iat', { exp: T }],
      ['a string nbf', { nbf: 'now' }],
      ['a missing jti', { jti: undefined }],
      ['a 15-character jti', { jti: 'a'.repeat(15) }],
      ['a 129-character jti', { jti: 'a'.repeat(129) }],
      ['a jti with a space', { jti: 'abcdefgh ijklmnop' }],
      ['a numeric jti', { jti: 12345678901234 }],
    ])('ASSERTION_CLAIMS_INVALID: %s', async (_why, extra) => {
      expect(await refusal(forge(claims(extra)))).toBe('ASSERTION_CLAIMS_INVALID');
    });

    it('ASSERTION_CLAIMS_INVALID: a payload that is not a JSON object, or repeats a claim', async () => {
      const sign = (text: string) => signJws(text, a.privateJwk, { alg: 'EdDSA', kid: a.kid, typ: CLIENT_ASSERTION_TYP });
      expect(await refusal(sign('[1]'))).toBe('ASSERTION_CLAIMS_INVALID');
      expect(await refusal(sign('not json'))).toBe('ASSERTION_CLAIMS_INVALID');
      const dup = JSON.stringify(claims()).replace('{', `{"iss":"${NODE_B}",`);
      expect(await refusal(sign(dup))).toBe('ASSERTION_CLAIMS_INVALID');
    });

    it('what verifyJws refuses: another typ, an unknown kid, a bad signature, alg none', async () => {
      expect(await refusal(forge(claims(), a, 'cicu-request+jws'))).toBe('JWS_TYP_MISMATCH');
      expect(await codeOf(async () => verifyClientAssertion(await forge(claims()), () => undefined, { audience: AUD, now: NOW }))).toBe('JWS_KID_UNKNOWN');
      const [h, p, s] = (await forge(claims())).split('.') as [string, string, string];
      const tampered = `${h}.${Buffer.from(JSON.stringify(claims({ exp: T + 40 }))).toString('base64url')}.${s}`;
      expect(await refusal(tampered)).toBe('JWS_SIGNATURE_INVALID');
      const none = `${Buffer.from(JSON.stringify({ alg: 'none', kid: a.kid, typ: CLIENT_ASSERTION_TYP })).toString('base64url')}.${p}.`;
      expect(await refusal(none)).toBe('JWS_ALG_NOT_ALLOWED');
      expect(await refusal(forge(claims()), { algorithms: ['ES256'] })).toBe('JWS_ALG_NOT_ALLOWED');
      expect(await refusal(`${h}.${Buffer.from('x'.repeat(5000)).toString('base64url')}.${s}`)).toBe('JWS_TOO_LARGE');
    });

    it('does not call the resolver for a token refused on its header', async () => {
      const resolver = jest.fn(resolve);
      const [, p, s] = (await forge(claims())).split('.');
      const hs = `${Buffer.from(JSON.stringify({ alg: 'HS256', kid: a.kid, typ: CLIENT_ASSERTION_TYP })).toString('base64url')}.${p}.${s}`;
      expect(await codeOf(() => verifyClientAssertion(hs, resolver, { audience: AUD, now: NOW }))).toBe('JWS_ALG_NOT_ALLOWED');
      expect(resolver).not.toHaveBeenCalled();
    });
  });

  it('createClientAssertion refuses a ttl outside 1..60, a bad jti and empty iss/aud', async () => {
    const base = { iss: NODE_A, aud: AUD, privateKey: a.privateJwk, kid: a.kid, alg: 'EdDSA' as const, ttlSeconds: 30 };
    expect(await codeOf(() => createClientAssertion({ ...base, ttlSeconds: 61 }))).toBe('ASSERTION_TTL_TOO_LONG');
    expect(await codeOf(() => createClientAssertion({ ...base, ttlSeconds: 0 }))).toBe('ASSERTION_TTL_TOO_LONG');
    expect(await codeOf(() => createClientAssertion({ ...base, ttlSeconds: 1.5 }))).toBe('ASSERTION_TTL_TOO_LONG');
    expect(await codeOf(() => createClientAssertion({ ...base, jti: 'short' }))).toBe('ASSERTION_CLAIMS_INVALID');
    expect(await codeOf(() => createClientAssertion({ ...base, iss: '' }))).toBe('ASSERTION_CLAIMS_INVALID');
    expect(await codeOf(() => createClientAssertion({ ...base, aud: '' }))).toBe('ASSERTION_CLAIMS_INVALID');
  });

  it('rejects caller mistakes in the verify options as TypeErrors', async () => {
    const token = await forge(claims());
    await expect(verify(token, { audience: '' })).rejects.toThrow(TypeError);
    await expect(verify(token, { now: new Date('x') })).rejects.toThrow(TypeError);
    await expect(verify(token, { maxTtlSeconds: 61 })).rejects.toThrow(TypeError);
    await expect(verify(token, { clockToleranceSeconds: -1 })).rejects.toThrow(TypeError);
    await expect(verifyClientAssertion(token, () => ({ key: a.publicJwk, nodeId: '' }), { audience: AUD, now: NOW })).rejects.toThrow(TypeError);
  });
});
