import { createPrivateKey, createPublicKey, diffieHellman, sign, verify } from 'node:crypto';
import { codeOf } from '../../test-vectors/jose-vectors';
import { generateEncryptionKeyPair } from './generate-encryption-key-pair';
import { generateSigningKeyPair } from './generate-signing-key-pair';
import { importPrivateJwk } from './import-private-jwk';
import { importPublicJwk } from './import-public-jwk';
import { jwkThumbprint } from './thumbprint';
import type { SigningKeyType, EncryptionKeyType } from './types';

describe('generateSigningKeyPair', () => {
  it.each<[SigningKeyType, string, string]>([
    ['Ed25519', 'OKP', 'EdDSA'],
    ['P-256', 'EC', 'ES256'],
  ])('makes a %s pair whose kid is its RFC 7638 thumbprint', async (type, kty, alg) => {
    const pair = await generateSigningKeyPair(type);
    expect(pair.publicJwk).toMatchObject({ kty, crv: type, use: 'sig', alg, kid: pair.kid });
    expect(pair.publicJwk).not.toHaveProperty('d');
    expect(pair.privateJwk).toMatchObject({ ...pair.publicJwk, d: expect.any(String) });
    expect(await jwkThumbprint(pair.publicJwk)).toBe(pair.kid);
    // The halves belong together and are usable for what they say.
    const data = Buffer.from('probe');
    const signature = sign(type === 'Ed25519' ? null : 'sha256', data, importPrivateJwk(pair.privateJwk));
    expect(verify(type === 'Ed25519' ? null : 'sha256', data, importPublicJwk(pair.publicJwk, { use: 'sig', alg: pair.publicJwk.alg }), signature)).toBe(true);
  });

  it('makes a new key every time', async () => {
    const [a, b] = await Promise.all([generateSigningKeyPair('Ed25519'), generateSigningKeyPair('Ed25519')]);
    expect(a.kid).not.toBe(b.kid);
  });

  it('refuses other key types', async () => {
    expect(await codeOf(() => generateSigningKeyPair('X25519' as SigningKeyType))).toMatch(/^foreign TypeError/);
  });
});

describe('generateEncryptionKeyPair', () => {
  it.each<[EncryptionKeyType, string]>([
    ['X25519', 'OKP'],
    ['P-256', 'EC'],
  ])('makes a %s ECDH-ES+A256KW pair', async (type, kty) => {
    const pair = await generateEncryptionKeyPair(type);
    expect(pair.publicJwk).toMatchObject({ kty, crv: type, use: 'enc', alg: 'ECDH-ES+A256KW', kid: pair.kid });
    expect(await jwkThumbprint(pair.privateJwk)).toBe(pair.kid);
    const peer = await generateEncryptionKeyPair(type);
    const z1 = diffieHellman({ privateKey: createPrivateKey({ key: pair.privateJwk, format: 'jwk' }), publicKey: createPublicKey({ key: peer.publicJwk, format: 'jwk' }) });
    const z2 = diffieHellman({ privateKey: createPrivateKey({ key: peer.privateJwk, format: 'jwk' }), publicKey: createPublicKey({ key: pair.publicJwk, format: 'jwk' }) });
    expect(z1.equals(z2)).toBe(true);
  });

  it('refuses other key types', async () => {
    expect(await codeOf(() => generateEncryptionKeyPair('Ed25519' as EncryptionKeyType))).toMatch(/^foreign TypeError/);
  });
});
