import { generateKeyPairSync, KeyObject, webcrypto } from 'node:crypto';
import { codeOf, vectors } from '../../test-vectors/jose-vectors';
import { importPrivateJwk } from './import-private-jwk';
import { importPublicJwk } from './import-public-jwk';
import { privateKeyFrom, publicKeyFrom } from './key-input';

const rfcPrivate = vectors.rfc8037_ed25519_jws.key_private_jwk;
const rfcPublic = vectors.rfc8037_ed25519_jws.key_public_jwk;
const p256 = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const p256Private = p256.privateKey.export({ format: 'jwk' }) as Record<string, string>;
const { d: _d, ...p256Public } = p256Private;
const x25519Public = generateKeyPairSync('x25519').publicKey.export({ format: 'jwk' });
const b64 = (bytes: number[] | Buffer) => Buffer.from(bytes).toString('base64url');
const P256_P = Buffer.from('ffffffff00000001000000000000000000000000ffffffffffffffffffffffff', 'hex');
const P256_N = Buffer.from('ffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551', 'hex');

describe('importPublicJwk', () => {
  it('imports Ed25519, X25519 and P-256 public keys', () => {
    expect(importPublicJwk(rfcPublic).asymmetricKeyType).toBe('ed25519');
    expect(importPublicJwk(x25519Public).asymmetricKeyType).toBe('x25519');
    expect(importPublicJwk(p256Public).asymmetricKeyDetails?.namedCurve).toBe('prime256v1');
  });

  it.each<[string, unknown, string]>([
    ['a non-object', 'key', 'KEY_INVALID'],
    ['an array', [rfcPublic], 'KEY_INVALID'],
    ['a missing kty', { crv: 'Ed25519', x: rfcPublic.x }, 'KEY_INVALID'],
    ['a missing crv', { kty: 'OKP', x: rfcPublic.x }, 'KEY_INVALID'],
    ['kty oct', { kty: 'oct', k: 'AAAA' }, 'KEY_TYPE_NOT_ALLOWED'],
    ['kty RSA', { kty: 'RSA', n: 'AQAB', e: 'AQAB' }, 'KEY_TYPE_NOT_ALLOWED'],
    ['crv Ed448', { kty: 'OKP', crv: 'Ed448', x: rfcPublic.x }, 'KEY_TYPE_NOT_ALLOWED'],
    ['crv P-384', { ...p256Public, crv: 'P-384' }, 'KEY_TYPE_NOT_ALLOWED'],
    ['crv secp256k1', { ...p256Public, crv: 'secp256k1' }, 'KEY_TYPE_NOT_ALLOWED'],
    ['kty EC with an OKP curve', { kty: 'EC', crv: 'Ed25519', x: rfcPublic.x }, 'KEY_TYPE_NOT_ALLOWED'],
    ['a d member', rfcPrivate, 'KEY_INVALID'],
    ['a d member on P-256', p256Private, 'KEY_INVALID'],
    ['an empty d member', { ...rfcPublic, d: '' }, 'KEY_INVALID'],
    ['a k member', { ...rfcPublic, k: 'AAAA' }, 'KEY_INVALID'],
    ['a short x', { ...rfcPublic, x: b64(Array(31).fill(1)) }, 'KEY_INVALID'],
    ['a long x', { ...rfcPublic, x: b64(Array(33).fill(1)) }, 'KEY_INVALID'],
    ['a padded x', { ...rfcPublic, x: `${rfcPublic.x as string}=` }, 'KEY_INVALID'],
    ['a non-string x', { ...rfcPublic, x: 7 }, 'KEY_INVALID'],
    ['a y on an OKP key', { ...rfcPublic, y: rfcPublic.x }, 'KEY_INVALID'],
    ['a missing y on P-256', { kty: 'EC', crv: 'P-256', x: p256Public.x }, 'KEY_INVALID'],
    ['x = p on P-256', { ...p256Public, x: b64(P256_P) }, 'KEY_INVALID'],
    ['y = p on P-256', { ...p256Public, y: b64(P256_P) }, 'KEY_INVALID'],
    ['a point off the curve', { ...p256Public, y: p256Public.x }, 'KEY_INVALID'],
    ['use "enc" on Ed25519', { ...rfcPublic, use: 'enc' }, 'KEY_TYPE_NOT_ALLOWED'],
    ['use "sig" on X25519', { ...x25519Public, use: 'sig' }, 'KEY_TYPE_NOT_ALLOWED'],
    ['alg ES256 on Ed25519', { ...rfcPublic, alg: 'ES256' }, 'KEY_TYPE_NOT_ALLOWED'],
    ['alg Ed25519 (not our spelling)', { ...rfcPublic, alg: 'Ed25519' }, 'KEY_TYPE_NOT_ALLOWED'],
    ['alg ECDH-ES on X25519', { ...x25519Public, alg: 'ECDH-ES' }, 'KEY_TYPE_NOT_ALLOWED'],
    ['a non-string use', { ...rfcPublic, use: 1 }, 'KEY_INVALID'],
    ['a non-string alg', { ...rfcPublic, alg: 1 }, 'KEY_INVALID'],
    ['use and alg disagreeing', { ...p256Public, use: 'sig', alg: 'ECDH-ES+A256KW' }, 'KEY_INVALID'],
    ['key_ops not an array', { ...rfcPublic, key_ops: 'verify' }, 'KEY_INVALID'],
  ])('refuses %s', async (_why, jwk, code) => {
    expect(await codeOf(() => importPublicJwk(jwk))).toBe(code);
  });

  it('checks use/alg against what the caller needs', async () => {
    expect(await codeOf(() => importPublicJwk(rfcPublic, { use: 'enc' }))).toBe('KEY_TYPE_NOT_ALLOWED');
    expect(await codeOf(() => importPublicJwk(p256Public, { alg: 'EdDSA' }))).toBe('KEY_TYPE_NOT_ALLOWED');
    expect(await codeOf(() => importPublicJwk({ ...p256Public, use: 'enc' }, { use: 'sig' }))).toBe('KEY_TYPE_NOT_ALLOWED');
    expect(await codeOf(() => importPublicJwk({ ...p256Public, alg: 'ECDH-ES+A256KW' }, { alg: 'ES256' }))).toBe('KEY_TYPE_NOT_ALLOWED');
    expect(await codeOf(() => importPublicJwk({ ...p256Public, alg: 'ES256' }, { use: 'enc' }))).toBe('KEY_TYPE_NOT_ALLOWED');
    expect(await codeOf(() => importPublicJwk({ ...p256Public, use: 'sig', alg: 'ES256' }, { use: 'sig', alg: 'ES256' }))).toBe('OK');
  });

  it('imports only kty/crv/x/y, ignoring kid and ext', () => {
    const key = importPublicJwk({ ...rfcPublic, kid: 'k', ext: true, use: 'sig', alg: 'EdDSA' });
    expect(key.export({ format: 'jwk' })).toEqual(rfcPublic);
  });
});

describe('importPrivateJwk', () => {
  it('imports the RFC 8037 Ed25519 private key', () => {
    const key = importPrivateJwk(rfcPrivate);
    expect(key.type).toBe('private');
    expect(key.export({ format: 'jwk' })).toEqual({ kty: 'OKP', crv: 'Ed25519', x: rfcPrivate.x, d: rfcPrivate.d });
  });

  it.each<[string, unknown, string]>([
    ['a missing d', rfcPublic, 'KEY_INVALID'],
    ['a short d', { ...rfcPrivate, d: b64(Array(31).fill(1)) }, 'KEY_INVALID'],
    ['a foreign private member', { ...rfcPrivate, p: 'AAAA' }, 'KEY_INVALID'],
    ['an x that is not derived from d (OKP)', { ...rfcPrivate, x: x25519Public.x }, 'KEY_INVALID'],
    ['an x/y that is not derived from d (P-256)', { ...p256Private, d: b64(Buffer.alloc(32, 7)) }, 'KEY_INVALID'],
    ['d = 0 on P-256', { ...p256Private, d: b64(Buffer.alloc(32)) }, 'KEY_INVALID'],
    ['d = n on P-256', { ...p256Private, d: b64(P256_N) }, 'KEY_INVALID'],
    ['an oct key', { kty: 'oct', k: 'AAAA' }, 'KEY_TYPE_NOT_ALLOWED'],
  ])('refuses %s', async (_why, jwk, code) => {
    expect(await codeOf(() => importPrivateJwk(jwk))).toBe(code);
  });
});

describe('key inputs (KeyObject, CryptoKey, JWK)', () => {
  it('accepts KeyObjects and CryptoKeys of an allowed curve', async () => {
    const ed = generateKeyPairSync('ed25519');
    expect(publicKeyFrom(ed.publicKey, { alg: 'EdDSA' }).curve).toBe('Ed25519');
    const pair = (await webcrypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, false, ['sign', 'verify'])) as webcrypto.CryptoKeyPair;
    expect(privateKeyFrom(pair.privateKey, { alg: 'ES256' }).key).toBeInstanceOf(KeyObject);
  });

  it.each<[string, () => unknown, string]>([
    ['a private key where a public one is needed', () => publicKeyFrom(generateKeyPairSync('ed25519').privateKey, {}), 'KEY_INVALID'],
    ['a public key where a private one is needed', () => privateKeyFrom(generateKeyPairSync('ed25519').publicKey, {}), 'KEY_INVALID'],
    ['an RSA KeyObject', () => publicKeyFrom(generateKeyPairSync('rsa', { modulusLength: 1024 }).publicKey, {}), 'KEY_TYPE_NOT_ALLOWED'],
    ['a P-384 KeyObject', () => publicKeyFrom(generateKeyPairSync('ec', { namedCurve: 'P-384' }).publicKey, {}), 'KEY_TYPE_NOT_ALLOWED'],
    ['an Ed25519 key for ES256', () => publicKeyFrom(generateKeyPairSync('ed25519').publicKey, { alg: 'ES256' }), 'KEY_TYPE_NOT_ALLOWED'],
    ['an X25519 key for signatures', () => publicKeyFrom(generateKeyPairSync('x25519').publicKey, { use: 'sig' }), 'KEY_TYPE_NOT_ALLOWED'],
    ['a string', () => publicKeyFrom('-----BEGIN PUBLIC KEY-----', {}), 'KEY_INVALID'],
    ['a Uint8Array (secret key)', () => publicKeyFrom(new Uint8Array(32), {}), 'KEY_INVALID'],
    ['null', () => publicKeyFrom(null, {}), 'KEY_INVALID'],
  ])('refuses %s', async (_why, run, code) => {
    expect(await codeOf(run)).toBe(code);
  });
});
