/**
 * publicKeyFrom / privateKeyFrom remember OpenSSL's import of a JWK (key-input.ts). What is
 * remembered must never stand in for a check: every call checks the JWK it is given in full, and
 * a private JWK changed in place is imported (and its public part checked against d) again.
 */
import { sign, verify } from 'node:crypto';
import { codeOf } from '../../test-vectors/jose-vectors';
import { generateEncryptionKeyPair } from './generate-encryption-key-pair';
import { generateSigningKeyPair } from './generate-signing-key-pair';
import { privateKeyFrom, publicKeyFrom } from './key-input';
import type { GeneratedKeyPair } from './types';

let ed: GeneratedKeyPair;
let other: GeneratedKeyPair;
beforeAll(async () => {
  [ed, other] = await Promise.all([generateSigningKeyPair('Ed25519'), generateSigningKeyPair('Ed25519')]);
});
const sig = { use: 'sig', alg: 'EdDSA' } as const;

describe('publicKeyFrom with a JWK', () => {
  it('imports equal JWKs (new objects, as the directory hands them out) once', () => {
    const first = publicKeyFrom({ ...ed.publicJwk }, sig).key;
    expect(publicKeyFrom({ ...ed.publicJwk }, sig).key).toBe(first);
    expect(publicKeyFrom({ ...other.publicJwk }, sig).key).not.toBe(first);
  });

  it.each<[string, (jwk: Record<string, unknown>) => unknown, unknown, string]>([
    ['a private member, even one that JSON would drop', (jwk) => ({ ...jwk, d: undefined }), sig, 'KEY_INVALID'],
    ['another use', (jwk) => ({ ...jwk, use: 'enc' }), sig, 'KEY_TYPE_NOT_ALLOWED'],
    ['another alg', (jwk) => ({ ...jwk, alg: 'ES256' }), sig, 'KEY_TYPE_NOT_ALLOWED'],
    ['a non-canonical x', (jwk) => ({ ...jwk, x: `${jwk.x as string}=` }), sig, 'KEY_INVALID'],
    ['the same key asked for another purpose', (jwk) => jwk, { use: 'enc' }, 'KEY_TYPE_NOT_ALLOWED'],
  ])('still refuses %s after the key was imported', async (_why, change, expect_, code) => {
    publicKeyFrom({ ...ed.publicJwk }, sig);
    expect(await codeOf(() => publicKeyFrom(change({ ...ed.publicJwk }), expect_ as never))).toBe(code);
  });
});

describe('privateKeyFrom with a JWK', () => {
  const signs = (key: ReturnType<typeof privateKeyFrom>['key'], pair: GeneratedKeyPair) =>
    verify(null, Buffer.from('m'), publicKeyFrom(pair.publicJwk, sig).key, sign(null, Buffer.from('m'), key));

  it('imports one JWK object once', () => {
    const jwk = { ...ed.privateJwk };
    expect(privateKeyFrom(jwk, sig).key).toBe(privateKeyFrom(jwk, sig).key);
  });

  it('re-checks a JWK changed in place: another d under the old x is refused, a whole other key is used', async () => {
    const jwk: Record<string, unknown> = { ...ed.privateJwk };
    expect(signs(privateKeyFrom(jwk, sig).key, ed)).toBe(true);
    jwk.d = other.privateJwk.d;
    expect(await codeOf(() => privateKeyFrom(jwk, sig))).toBe('KEY_INVALID');
    jwk.x = other.privateJwk.x;
    expect(signs(privateKeyFrom(jwk, sig).key, other)).toBe(true);
    jwk.use = 'enc';
    expect(await codeOf(() => privateKeyFrom(jwk, sig))).toBe('KEY_TYPE_NOT_ALLOWED');
  });

  it('keeps signing and encryption keys apart whatever was imported before', async () => {
    const enc = await generateEncryptionKeyPair('P-256');
    privateKeyFrom(enc.privateJwk, { use: 'enc', alg: 'ECDH-ES+A256KW' });
    expect(await codeOf(() => privateKeyFrom(enc.privateJwk, { use: 'sig', alg: 'ES256' }))).toBe('KEY_TYPE_NOT_ALLOWED');
  });
});
