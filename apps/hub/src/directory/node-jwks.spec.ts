import { generateEncryptionKeyPair, generateSigningKeyPair } from '@cicu/crypto';
import { checkInboxUrl, checkNodeJwks } from './node-jwks';

async function pairs() {
  const [sig, enc, p256] = await Promise.all([generateSigningKeyPair('Ed25519'), generateEncryptionKeyPair('X25519'), generateSigningKeyPair('P-256')]);
  return { sig, enc, p256 };
}

describe('checkNodeJwks', () => {
  it('returns the keys in published form, kid = thumbprint', async () => {
    const { sig, enc } = await pairs();
    const { kid: _kid, use: _use, alg: _alg, ...bareSig } = sig.publicJwk;
    expect(await checkNodeJwks({ keys: [bareSig, enc.publicJwk] })).toEqual([sig.publicJwk, enc.publicJwk]);
  });

  it('accepts an ES256 key that says it signs', async () => {
    const { p256, enc } = await pairs();
    expect(await checkNodeJwks({ keys: [p256.publicJwk, enc.publicJwk] })).toEqual([p256.publicJwk, enc.publicJwk]);
  });

  it.each([
    ['not a JWK Set', () => Promise.resolve([] as unknown), /JWK Set/],
    ['an empty set', () => Promise.resolve({ keys: [] }), /1 to 10 keys/],
  ])('refuses %s', async (_name, make, message) => {
    await expect(checkNodeJwks(await make())).rejects.toMatchObject({ code: 'JWKS_INVALID', message: expect.stringMatching(message) });
  });

  it('refuses a private key rather than publishing its public half', async () => {
    const { sig, enc } = await pairs();
    await expect(checkNodeJwks({ keys: [sig.privateJwk, enc.publicJwk] })).rejects.toMatchObject({ code: 'JWKS_INVALID', message: expect.stringContaining('keys[0]') });
  });

  it('refuses keys outside the allow-list, malformed, or ambiguous', async () => {
    const { sig, enc, p256 } = await pairs();
    const { use: _use, alg: _alg, ...p256WithoutUse } = p256.publicJwk;
    for (const bad of [{ kty: 'RSA', n: 'AQAB', e: 'AQAB' }, { kty: 'OKP', crv: 'Ed448', x: sig.publicJwk.x }, { ...sig.publicJwk, x: 'short' }, { ...sig.publicJwk, use: 'enc' }, p256WithoutUse, 'a string']) {
      await expect(checkNodeJwks({ keys: [bad, enc.publicJwk] })).rejects.toMatchObject({ code: 'JWKS_INVALID' });
    }
  });

  it('refuses a kid that is not the thumbprint, a repeated key, and a set without a signing or an encryption key', async () => {
    const { sig, enc } = await pairs();
    await expect(checkNodeJwks({ keys: [{ ...sig.publicJwk, kid: 'mine' }, enc.publicJwk] })).rejects.toThrow(/thumbprint/);
    await expect(checkNodeJwks({ keys: [sig.publicJwk, sig.publicJwk, enc.publicJwk] })).rejects.toThrow(/twice/);
    await expect(checkNodeJwks({ keys: [sig.publicJwk] })).rejects.toThrow(/no encryption/);
    await expect(checkNodeJwks({ keys: [enc.publicJwk] })).rejects.toThrow(/no signing/);
  });
});

describe('checkInboxUrl', () => {
  it('accepts http(s) URLs and returns them normalised', () => {
    expect(checkInboxUrl('https://node.fr.example/v1/inbox')).toBe('https://node.fr.example/v1/inbox');
    expect(checkInboxUrl('http://127.0.0.1:4001')).toBe('http://127.0.0.1:4001/');
  });

  it.each(['ftp://node.example/inbox', 'not a url', 'https://user:pw@node.example/inbox', 'https://node.example/inbox#x', `https://node.example/${'a'.repeat(2048)}`])('refuses %s', (url) => {
    expect(() => checkInboxUrl(url)).toThrow(expect.objectContaining({ code: 'INBOX_URL_INVALID' }));
  });
});
