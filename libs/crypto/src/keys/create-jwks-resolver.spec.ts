import { codeOf, groupKeys, vectors } from '../../test-vectors/jose-vectors';
import { createJwksResolver } from './create-jwks-resolver';
import { generateEncryptionKeyPair } from './generate-encryption-key-pair';
import { generateSigningKeyPair } from './generate-signing-key-pair';

describe('createJwksResolver', () => {
  it('looks keys up by kid', async () => {
    const a = await generateSigningKeyPair('Ed25519');
    const b = await generateSigningKeyPair('P-256');
    const resolve = createJwksResolver({ keys: [a.publicJwk, b.publicJwk] }, { use: 'sig' });
    expect(resolve(a.kid)).toEqual(a.publicJwk);
    expect(resolve(b.kid)).toEqual(b.publicJwk);
    expect(resolve('unknown')).toBeUndefined();
  });

  it('refuses a set with a duplicate kid (Wycheproof DuplicateKid, with allowed key types)', async () => {
    const a = await generateSigningKeyPair('Ed25519');
    const b = await generateSigningKeyPair('Ed25519');
    expect(await codeOf(() => createJwksResolver({ keys: [a.publicJwk, { ...b.publicJwk, kid: a.kid }] }))).toBe('KEY_INVALID');
  });

  it('refuses the Wycheproof mixed-symmetry and duplicate-kid key sets (they hold oct keys)', async () => {
    for (const comment of ['jws_mixedSymmetryKeyset', 'jws_duplicate_kid']) {
      const group = vectors.wycheproof_jwk_groups.find((g) => g.comment === comment);
      expect(await codeOf(() => createJwksResolver({ keys: groupKeys(group?.private) }))).toBe('KEY_TYPE_NOT_ALLOWED');
    }
  });

  it('refuses private keys, keys without kid, keys of the wrong use, and non-sets', async () => {
    const a = await generateSigningKeyPair('Ed25519');
    const e = await generateEncryptionKeyPair('X25519');
    expect(await codeOf(() => createJwksResolver({ keys: [a.privateJwk] }))).toBe('KEY_INVALID');
    const { kid: _kid, ...noKid } = a.publicJwk;
    expect(await codeOf(() => createJwksResolver({ keys: [noKid] }))).toBe('KEY_INVALID');
    expect(await codeOf(() => createJwksResolver({ keys: [e.publicJwk] }, { use: 'sig' }))).toBe('KEY_TYPE_NOT_ALLOWED');
    expect(await codeOf(() => createJwksResolver([a.publicJwk]))).toBe('KEY_INVALID');
  });
});
