import { CompactEncrypt } from 'jose';
import { codeOf } from '../../test-vectors/jose-vectors';
import { generateEncryptionKeyPair } from './generate-encryption-key-pair';
import { generateSigningKeyPair } from './generate-signing-key-pair';
import { DEFAULT_SEAL_PBES2_COUNT } from './seal-format';
import { sealPrivateJwk } from './seal-private-jwk';
import { unsealPrivateJwk } from './unseal-private-jwk';

const SECRET = 'correct horse battery staple';
const FAST = { pbes2Count: 1_000 };
const OPEN_FAST = { minPbes2Count: 1_000 };
const enc = new TextEncoder();
const b64json = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

/** A PBES2 JWE built with raw jose, to feed unseal things sealPrivateJwk never makes. */
function rawSeal(plaintext: string, header: Record<string, unknown>, p2c = 1_000, secret = SECRET): Promise<string> {
  return new CompactEncrypt(enc.encode(plaintext))
    .setProtectedHeader(header as { alg: string; enc: string })
    .setKeyManagementParameters({ p2c, p2s: new Uint8Array(16).fill(9) })
    .encrypt(enc.encode(secret));
}

describe('sealPrivateJwk / unsealPrivateJwk', () => {
  it('round-trips every kind of private key, with the exact PBES2 header', async () => {
    for (const pair of [await generateSigningKeyPair('Ed25519'), await generateSigningKeyPair('P-256'), await generateEncryptionKeyPair('X25519')]) {
      const sealed = await sealPrivateJwk(pair.privateJwk, SECRET, FAST);
      const header = JSON.parse(Buffer.from(sealed.split('.')[0] as string, 'base64url').toString()) as Record<string, unknown>;
      expect(header).toEqual({ alg: 'PBES2-HS512+A256KW', enc: 'A256GCM', cty: 'jwk+json', p2c: 1_000, p2s: expect.any(String) });
      expect(Buffer.from(header.p2s as string, 'base64url')).toHaveLength(16);
      expect(sealed).not.toContain(pair.privateJwk.d);
      expect(await unsealPrivateJwk(sealed, SECRET, OPEN_FAST)).toEqual(pair.privateJwk);
    }
  });

  it('uses 600 000 iterations by default and opens them with the default bounds', async () => {
    const { privateJwk } = await generateSigningKeyPair('Ed25519');
    const sealed = await sealPrivateJwk(privateJwk, SECRET);
    expect(JSON.parse(Buffer.from(sealed.split('.')[0] as string, 'base64url').toString())).toMatchObject({ p2c: DEFAULT_SEAL_PBES2_COUNT });
    expect(await unsealPrivateJwk(sealed, SECRET)).toEqual(privateJwk);
  });

  it('drops members other than kty/crv/x/y/d/kid/use/alg', async () => {
    const { privateJwk } = await generateSigningKeyPair('Ed25519');
    const sealed = await sealPrivateJwk({ ...privateJwk, ext: true, key_ops: ['sign'], note: 'x' }, SECRET, FAST);
    expect(await unsealPrivateJwk(sealed, SECRET, OPEN_FAST)).toEqual(privateJwk);
  });

  it('refuses a wrong secret with KEY_UNSEAL_FAILED', async () => {
    const { privateJwk } = await generateSigningKeyPair('Ed25519');
    const sealed = await sealPrivateJwk(privateJwk, SECRET, FAST);
    expect(await codeOf(() => unsealPrivateJwk(sealed, `${SECRET}!`, OPEN_FAST))).toBe('KEY_UNSEAL_FAILED');
  });

  it('refuses a tampered ciphertext with KEY_UNSEAL_FAILED', async () => {
    const { privateJwk } = await generateSigningKeyPair('Ed25519');
    const parts = (await sealPrivateJwk(privateJwk, SECRET, FAST)).split('.');
    const ciphertext = Buffer.from(parts[3] as string, 'base64url');
    ciphertext[0] = (ciphertext[0] as number) ^ 1;
    parts[3] = ciphertext.toString('base64url');
    expect(await codeOf(() => unsealPrivateJwk(parts.join('.'), SECRET, OPEN_FAST))).toBe('KEY_UNSEAL_FAILED');
  });

  it('refuses secrets shorter than 16 characters, on both sides', async () => {
    const { privateJwk } = await generateSigningKeyPair('Ed25519');
    expect(await codeOf(() => sealPrivateJwk(privateJwk, 'fifteen chars!!', FAST))).toBe('KEY_INVALID');
    expect(await codeOf(() => sealPrivateJwk(privateJwk, '🔑'.repeat(15), FAST))).toBe('KEY_INVALID'); // 30 UTF-16 units, 15 characters
    const sealed = await sealPrivateJwk(privateJwk, 'sixteen chars!!!', FAST);
    expect(await codeOf(() => unsealPrivateJwk(sealed, 'fifteen chars!!', OPEN_FAST))).toBe('KEY_INVALID');
  });

  it('refuses to seal public, foreign or inconsistent keys', async () => {
    const { publicJwk, privateJwk } = await generateSigningKeyPair('Ed25519');
    expect(await codeOf(() => sealPrivateJwk(publicJwk, SECRET, FAST))).toBe('KEY_INVALID');
    expect(await codeOf(() => sealPrivateJwk({ kty: 'oct', k: 'AAAA' }, SECRET, FAST))).toBe('KEY_TYPE_NOT_ALLOWED');
    expect(await codeOf(() => sealPrivateJwk({ ...privateJwk, kid: 7 }, SECRET, FAST))).toBe('KEY_INVALID');
  });

  it('refuses iteration counts below the floor', async () => {
    const { privateJwk } = await generateSigningKeyPair('Ed25519');
    expect(await codeOf(() => sealPrivateJwk(privateJwk, SECRET, { pbes2Count: 999 }))).toMatch(/^foreign RangeError/);
    expect(await codeOf(() => unsealPrivateJwk('x', SECRET, { minPbes2Count: 10 }))).toMatch(/^foreign RangeError/);
    expect(await codeOf(() => unsealPrivateJwk('x', SECRET, { minPbes2Count: 5_000, maxPbes2Count: 4_000 }))).toMatch(/^foreign RangeError/);
  });

  it('refuses a p2c below the minimum (a weaker blob) and above the maximum (a CPU bomb) before deriving', async () => {
    const { privateJwk } = await generateSigningKeyPair('Ed25519');
    const sealed = await sealPrivateJwk(privateJwk, SECRET, { pbes2Count: 2_000 });
    expect(await codeOf(() => unsealPrivateJwk(sealed, SECRET, { minPbes2Count: 2_001 }))).toBe('KEY_SEALED_FORMAT_INVALID');
    expect(await codeOf(() => unsealPrivateJwk(sealed, SECRET))).toBe('KEY_SEALED_FORMAT_INVALID'); // default minimum 600 000
    expect(await codeOf(() => unsealPrivateJwk(sealed, SECRET, { minPbes2Count: 1_000, maxPbes2Count: 1_999 }))).toBe('KEY_SEALED_FORMAT_INVALID');
    // A header claiming 10^9 iterations is refused at once (this test would time out otherwise).
    const parts = sealed.split('.');
    const header = JSON.parse(Buffer.from(parts[0] as string, 'base64url').toString()) as Record<string, unknown>;
    parts[0] = b64json({ ...header, p2c: 1_000_000_000 });
    expect(await codeOf(() => unsealPrivateJwk(parts.join('.'), SECRET, OPEN_FAST))).toBe('KEY_SEALED_FORMAT_INVALID');
  });

  it.each<[string, Record<string, unknown>]>([
    ['another PBES2 variant', { alg: 'PBES2-HS256+A128KW', enc: 'A256GCM', cty: 'jwk+json' }],
    ['another enc', { alg: 'PBES2-HS512+A256KW', enc: 'A256CBC-HS512', cty: 'jwk+json' }],
    ['another cty', { alg: 'PBES2-HS512+A256KW', enc: 'A256GCM', cty: 'json' }],
    ['no cty', { alg: 'PBES2-HS512+A256KW', enc: 'A256GCM' }],
    ['an extra header member', { alg: 'PBES2-HS512+A256KW', enc: 'A256GCM', cty: 'jwk+json', kid: 'x' }],
    ['compression', { alg: 'PBES2-HS512+A256KW', enc: 'A256GCM', cty: 'jwk+json', zip: 'DEF' }],
  ])('refuses %s with KEY_SEALED_FORMAT_INVALID', async (_why, header) => {
    const { privateJwk } = await generateSigningKeyPair('Ed25519');
    const sealed = await rawSeal(JSON.stringify(privateJwk), header);
    expect(await codeOf(() => unsealPrivateJwk(sealed, SECRET, OPEN_FAST))).toBe('KEY_SEALED_FORMAT_INVALID');
  });

  it('refuses well-sealed content that is not an allowed private JWK', async () => {
    const header = { alg: 'PBES2-HS512+A256KW', enc: 'A256GCM', cty: 'jwk+json' };
    const { publicJwk } = await generateSigningKeyPair('Ed25519');
    for (const content of ['not json', '[1]', '{"a":1,"a":2}', JSON.stringify(publicJwk), JSON.stringify({ kty: 'oct', k: 'AAAA' })]) {
      expect(await codeOf(async () => unsealPrivateJwk(await rawSeal(content, header), SECRET, OPEN_FAST))).toBe('KEY_SEALED_FORMAT_INVALID');
    }
  });

  it.each<[string, unknown]>([
    ['a non-string', 42],
    ['an empty string', ''],
    ['garbage', 'hello world'],
    ['a JWS', 'eyJhbGciOiJFZERTQSJ9.e30.AAAA'],
    ['six segments', 'a.b.c.d.e.f'],
    ['padding', 'eyJhbGciOiJQQkVTMiJ9=.a.b.c.d'],
    ['a huge input', 'a'.repeat(20_000)],
  ])('refuses %s with KEY_SEALED_FORMAT_INVALID', async (_why, sealed) => {
    expect(await codeOf(() => unsealPrivateJwk(sealed as string, SECRET, OPEN_FAST))).toBe('KEY_SEALED_FORMAT_INVALID');
  });

  it('refuses a short salt and a truncated tag', async () => {
    const { privateJwk } = await generateSigningKeyPair('Ed25519');
    const header = { alg: 'PBES2-HS512+A256KW', enc: 'A256GCM', cty: 'jwk+json' };
    const shortSalt = await new CompactEncrypt(enc.encode(JSON.stringify(privateJwk)))
      .setProtectedHeader(header)
      .setKeyManagementParameters({ p2c: 1_000, p2s: new Uint8Array(8) })
      .encrypt(enc.encode(SECRET));
    expect(await codeOf(() => unsealPrivateJwk(shortSalt, SECRET, OPEN_FAST))).toBe('KEY_SEALED_FORMAT_INVALID');
    const parts = (await sealPrivateJwk(privateJwk, SECRET, FAST)).split('.');
    parts[4] = (parts[4] as string).slice(0, 10);
    expect(await codeOf(() => unsealPrivateJwk(parts.join('.'), SECRET, OPEN_FAST))).toBe('KEY_SEALED_FORMAT_INVALID');
  });
});
