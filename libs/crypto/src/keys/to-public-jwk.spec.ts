import { codeOf, vectors } from '../../test-vectors/jose-vectors';
import { generateEncryptionKeyPair } from './generate-encryption-key-pair';
import { generateSigningKeyPair } from './generate-signing-key-pair';
import { publicJwks } from './public-jwks';
import { jwkThumbprint } from './thumbprint';
import { toPublicJwk } from './to-public-jwk';

const rfc = vectors.rfc8037_ed25519_jws;

describe('jwkThumbprint', () => {
  it('reproduces the RFC 8037 A.3 Ed25519 thumbprint (from the public and the private JWK)', async () => {
    expect(await jwkThumbprint(rfc.key_public_jwk)).toBe(rfc.jwk_thumbprint_sha256);
    expect(await jwkThumbprint(rfc.key_private_jwk)).toBe('kPrK_qmxVWaYVA9wwBF6Iuo3vVzz7TxHCTwXBygrS4k');
  });

  it('ignores kid/use/alg but refuses keys outside the allow-list', async () => {
    expect(await jwkThumbprint({ ...rfc.key_public_jwk, kid: 'x', use: 'sig', alg: 'EdDSA' })).toBe(rfc.jwk_thumbprint_sha256);
    expect(await codeOf(() => jwkThumbprint({ kty: 'oct', k: 'AAAA' }))).toBe('KEY_TYPE_NOT_ALLOWED');
  });
});

describe('toPublicJwk', () => {
  it('publishes the RFC 8037 key with kid = thumbprint, use sig, alg EdDSA, and no d', async () => {
    expect(await toPublicJwk(rfc.key_private_jwk)).toEqual({
      kty: 'OKP',
      crv: 'Ed25519',
      x: rfc.key_public_jwk.x,
      kid: rfc.jwk_thumbprint_sha256,
      use: 'sig',
      alg: 'EdDSA',
    });
  });

  it('drops every member that is not kty/crv/x/y and replaces a foreign kid', async () => {
    const published = await toPublicJwk({ ...rfc.key_public_jwk, kid: 'mine', ext: true, key_ops: ['verify'], x5c: ['MII'] });
    expect(Object.keys(published).sort()).toEqual(['alg', 'crv', 'kid', 'kty', 'use', 'x']);
    expect(published.kid).toBe(rfc.jwk_thumbprint_sha256);
  });

  it('infers enc for X25519 and needs an explicit use for P-256', async () => {
    const x = await generateEncryptionKeyPair('X25519');
    const { kid: _kid, use: _use, alg: _alg, ...bare } = x.publicJwk;
    expect(await toPublicJwk(bare)).toEqual(x.publicJwk);
    const p = await generateSigningKeyPair('P-256');
    const { kid: _pk, use: _pu, alg: _pa, ...bareP } = p.publicJwk;
    expect(await codeOf(() => toPublicJwk(bareP))).toBe('KEY_INVALID');
    expect(await toPublicJwk(bareP, 'sig')).toEqual(p.publicJwk);
    expect((await toPublicJwk(bareP, 'enc')).alg).toBe('ECDH-ES+A256KW');
  });

  it('refuses a non-object', async () => {
    expect(await codeOf(() => toPublicJwk('key'))).toBe('KEY_INVALID');
  });

  it('refuses a use that contradicts the key', async () => {
    expect(await codeOf(() => toPublicJwk(rfc.key_public_jwk, 'enc'))).toBe('KEY_TYPE_NOT_ALLOWED');
    const p = await generateSigningKeyPair('P-256');
    expect(await codeOf(() => toPublicJwk(p.publicJwk, 'enc'))).toBe('KEY_TYPE_NOT_ALLOWED');
  });

  it('refuses a private JWK whose x does not belong to its d', async () => {
    const other = await generateSigningKeyPair('Ed25519');
    expect(await codeOf(() => toPublicJwk({ ...rfc.key_private_jwk, x: other.publicJwk.x }))).toBe('KEY_INVALID');
  });
});

describe('publicJwks', () => {
  it('builds a JWK Set of public keys', async () => {
    const sig = await generateSigningKeyPair('Ed25519');
    const enc = await generateEncryptionKeyPair('P-256');
    const set = await publicJwks([sig.privateJwk, enc.publicJwk]);
    expect(set).toEqual({ keys: [sig.publicJwk, enc.publicJwk] });
    expect(JSON.stringify(set)).not.toContain('"d"');
  });

  it('refuses the same key twice (one kid must name one key)', async () => {
    const p = await generateSigningKeyPair('P-256');
    expect(await codeOf(() => publicJwks([p.publicJwk, { ...p.publicJwk, use: 'enc', alg: 'ECDH-ES+A256KW' }]))).toBe('KEY_INVALID');
  });
});
