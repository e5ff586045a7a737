import { codeOf } from '../../test-vectors/jose-vectors';
import { signJws } from '../jws/sign';
import { generateEncryptionKeyPair } from '../keys/generate-encryption-key-pair';
import { generateSigningKeyPair } from '../keys/generate-signing-key-pair';
import type { GeneratedKeyPair, PublicJwk } from '../keys/types';
import { createKeyProof } from './create-key-proof';
import { ENROLLMENT_PROOF_TYP, KEY_ROTATION_PROOF_TYP } from './types';
import { verifyKeyProof } from './verify-key-proof';

const AUD = 'cicu-hub';
const NOW = new Date('2026-03-01T12:00:00Z');
const T = NOW.getTime() / 1000;
const NODE = '0b6f0c52-4a55-4bb5-9d32-7c4a0c1b6a01';

let sig: GeneratedKeyPair;
let sigEc: GeneratedKeyPair;
let other: GeneratedKeyPair;
let enc: GeneratedKeyPair;
beforeAll(async () => {
  [sig, sigEc, other, enc] = await Promise.all([generateSigningKeyPair('Ed25519'), generateSigningKeyPair('P-256'), generateSigningKeyPair('Ed25519'), generateEncryptionKeyPair('X25519')]);
});

const jwks = (...pairs: GeneratedKeyPair[]) => ({ keys: pairs.map((p) => p.publicJwk) });
const proof = (options: Partial<Parameters<typeof createKeyProof>[0]> = {}) =>
  createKeyProof({ typ: ENROLLMENT_PROOF_TYP, aud: AUD, jwks: jwks(sig, enc), claims: { token_hash: 'h' }, privateKey: sig.privateJwk, kid: sig.kid, alg: 'EdDSA', ttlSeconds: 120, now: NOW, ...options });
const verify = (compact: string, options: Partial<Parameters<typeof verifyKeyProof>[1]> = {}) => verifyKeyProof(compact, { typ: ENROLLMENT_PROOF_TYP, audience: AUD, now: NOW, ...options });
/** Signs arbitrary claims with `pair` under `kid` (by default its own), bypassing createKeyProof's checks. */
const forge = (claims: Record<string, unknown>, pair = sig, kid = pair.kid, typ = ENROLLMENT_PROOF_TYP) =>
  signJws(JSON.stringify(claims), pair.privateJwk, { alg: pair === sigEc ? 'ES256' : 'EdDSA', kid, typ });
/** The refusal code of verifying the proof `token` resolves to ('OK' when accepted). */
const refusal = async (token: Promise<string>, options: Partial<Parameters<typeof verifyKeyProof>[1]> = {}) => {
  const compact = await token;
  return codeOf(() => verify(compact, options));
};
const claims = (extra: Record<string, unknown> = {}) => ({ aud: AUD, iat: T, exp: T + 60, jti: 'jti-0123456789abcdef', jwks: jwks(sig, enc), ...extra });

describe('createKeyProof / verifyKeyProof', () => {
  it('round-trips a proof signed by the submitted key and returns its set and claims', async () => {
    const result = await verify(await proof());
    expect(result).toEqual({
      kid: sig.kid,
      iss: undefined,
      jwks: jwks(sig, enc),
      claims: expect.objectContaining({ token_hash: 'h', aud: AUD }),
      jti: expect.stringMatching(/^[A-Za-z0-9_-]{32}$/),
      iat: T,
      exp: T + 120,
    });
  });

  it('carries iss = sub for a rotation and accepts ES256', async () => {
    const compact = await proof({ typ: KEY_ROTATION_PROOF_TYP, iss: NODE, jwks: jwks(sigEc, enc), privateKey: sigEc.privateJwk, kid: sigEc.kid, alg: 'ES256', claims: {} });
    const result = await verify(compact, { typ: KEY_ROTATION_PROOF_TYP });
    expect({ kid: result.kid, iss: result.iss, sub: result.claims.sub }).toEqual({ kid: sigEc.kid, iss: NODE, sub: NODE });
  });

  it('keeps enrolment and rotation proofs apart by typ', async () => {
    expect(await refusal(proof(), { typ: KEY_ROTATION_PROOF_TYP })).toBe('JWS_TYP_MISMATCH');
  });

  describe('refuses a proof signed by a key other than one submitted', () => {
    it('JWS_KID_UNKNOWN: the kid names a key outside the set', async () => {
      expect(await refusal(forge(claims(), other))).toBe('JWS_KID_UNKNOWN');
    });

    it('JWS_SIGNATURE_INVALID: the kid names a submitted key, another key signed', async () => {
      expect(await refusal(forge(claims(), other, sig.kid))).toBe('JWS_SIGNATURE_INVALID');
    });

    it('JWS_KID_UNKNOWN: the named key is an encryption key, carries a kid that is not its thumbprint, or is named twice', async () => {
      expect(await refusal(forge(claims(), sig, enc.kid))).toBe('JWS_KID_UNKNOWN');
      const lying: PublicJwk = { ...other.publicJwk, kid: sig.kid };
      expect(await refusal(forge(claims({ jwks: { keys: [lying, enc.publicJwk] } }), other, sig.kid))).toBe('JWS_KID_UNKNOWN');
      expect(await refusal(forge(claims({ jwks: { keys: [sig.publicJwk, sig.publicJwk] } })))).toBe('JWS_KID_UNKNOWN');
      expect(await refusal(forge(claims({ jwks: 'none' })))).toBe('JWS_KID_UNKNOWN');
    });

    it('JWS_KID_UNKNOWN: a private key in the set picks no key', async () => {
      expect(await refusal(forge(claims({ jwks: { keys: [sig.privateJwk] } })))).toBe('JWS_KID_UNKNOWN');
    });
  });

  describe('refuses claims as client assertions do', () => {
    it.each<[string, Record<string, unknown>, string]>([
      ['another audience', { aud: 'other-hub' }, 'ASSERTION_AUDIENCE_MISMATCH'],
      ['an array audience', { aud: [AUD] }, 'ASSERTION_AUDIENCE_MISMATCH'],
      ['no audience', { aud: undefined }, 'ASSERTION_CLAIMS_INVALID'],
      ['an expired proof', { iat: T - 400, exp: T - 10 }, 'ASSERTION_EXPIRED'],
      ['a proof from the future', { iat: T + 60, exp: T + 120 }, 'ASSERTION_NOT_YET_VALID'],
      ['a lifetime above 300 s', { exp: T + 301 }, 'ASSERTION_TTL_TOO_LONG'],
      ['no jti', { jti: undefined }, 'ASSERTION_CLAIMS_INVALID'],
      ['a short jti', { jti: 'short' }, 'ASSERTION_CLAIMS_INVALID'],
      ['exp before iat', { exp: T - 1 }, 'ASSERTION_CLAIMS_INVALID'],
      ['an empty iss', { iss: '', sub: '' }, 'ASSERTION_CLAIMS_INVALID'],
      ['sub without iss', { sub: NODE }, 'ASSERTION_CLAIMS_INVALID'],
      ['sub other than iss', { iss: NODE, sub: 'x' }, 'ASSERTION_CLAIMS_INVALID'],
    ])('%s', async (_why, extra, code) => {
      expect(await refusal(forge(claims(extra)))).toBe(code);
    });

    it('accepts a lifetime of exactly 300 s and an exp within the tolerance', async () => {
      expect(await refusal(forge(claims({ exp: T + 300 })))).toBe('OK');
      expect(await refusal(forge(claims({ iat: T - 100, exp: T - 4 })))).toBe('OK');
    });

    it('refuses a tampered payload (JWS_SIGNATURE_INVALID)', async () => {
      const [h, , s] = (await proof()).split('.') as [string, string, string];
      const tampered = `${h}.${Buffer.from(JSON.stringify(claims({ inbox_url: 'https://evil.example/v1/inbox' }))).toString('base64url')}.${s}`;
      expect(await codeOf(() => verify(tampered))).toBe('JWS_SIGNATURE_INVALID');
    });
  });

  it('createKeyProof refuses what the verifier would: a kid outside the set, a bad ttl, a reserved claim', async () => {
    expect(await codeOf(() => proof({ kid: other.kid, privateKey: other.privateJwk }))).toBe('JWS_KID_UNKNOWN');
    expect(await codeOf(() => proof({ kid: enc.kid }))).toBe('JWS_KID_UNKNOWN');
    expect(await codeOf(() => proof({ ttlSeconds: 301 }))).toBe('ASSERTION_TTL_TOO_LONG');
    expect(await codeOf(() => proof({ claims: { aud: 'x' } }))).toBe('ASSERTION_CLAIMS_INVALID');
    expect(await codeOf(() => proof({ claims: { jwks: {} } }))).toBe('ASSERTION_CLAIMS_INVALID');
    expect(await codeOf(() => proof({ iss: '' }))).toBe('ASSERTION_CLAIMS_INVALID');
  });

  it('rejects caller mistakes in the verify options as TypeErrors', async () => {
    const compact = await proof();
    await expect(verify(compact, { audience: '' })).rejects.toThrow(TypeError);
    await expect(verify(compact, { maxTtlSeconds: 301 })).rejects.toThrow(TypeError);
    await expect(verify(compact, { now: new Date('x') })).rejects.toThrow(TypeError);
  });
});
