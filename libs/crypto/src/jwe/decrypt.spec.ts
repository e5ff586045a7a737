import { createPublicKey, generateKeyPairSync } from 'node:crypto';
import { CompactEncrypt } from 'jose';
import { codeOf } from '../../test-vectors/jose-vectors';
import { generateEncryptionKeyPair } from '../keys/generate-encryption-key-pair';
import { generateSigningKeyPair } from '../keys/generate-signing-key-pair';
import type { GeneratedKeyPair } from '../keys/types';
import { decryptJwe } from './decrypt';
import { encryptJwe } from './encrypt';
import { DEFAULT_JWE_MAX_BYTES } from './types';

let x: GeneratedKeyPair;
let p: GeneratedKeyPair;
let token: string; // to x
let pToken: string; // to p
beforeAll(async () => {
  [x, p] = await Promise.all([generateEncryptionKeyPair('X25519'), generateEncryptionKeyPair('P-256')]);
  token = await encryptJwe(new TextEncoder().encode('payload'), x.publicJwk, { kid: x.kid });
  pToken = await encryptJwe(new TextEncoder().encode('payload'), p.publicJwk, { kid: p.kid });
});

const b64 = (bytes: Uint8Array | string) => Buffer.from(bytes).toString('base64url');
const segments = (compact: string) => compact.split('.') as [string, string, string, string, string];
const headerOf = (compact: string) => JSON.parse(Buffer.from(segments(compact)[0], 'base64url').toString()) as Record<string, unknown>;
/** Re-encodes the protected header; the AAD no longer matches, so only a pre-check can give a code other than JWE_DECRYPTION_FAILED. */
const withHeader = (compact: string, change: (h: Record<string, unknown>) => Record<string, unknown> | string) => {
  const next = change(headerOf(compact));
  return [b64(typeof next === 'string' ? next : JSON.stringify(next)), ...segments(compact).slice(1)].join('.');
};
const decrypt = (compact: string, key: unknown = x.privateJwk, maxBytes?: number) =>
  codeOf(() => decryptJwe(compact, key as never, maxBytes === undefined ? {} : { maxBytes }));

describe('decryptJwe', () => {
  it('decrypts and returns the protected header', async () => {
    const { plaintext, header } = await decryptJwe(token, x.privateJwk);
    expect(new TextDecoder().decode(plaintext)).toBe('payload');
    expect(header).toMatchObject({ alg: 'ECDH-ES+A256KW', enc: 'A256GCM', kid: x.kid });
  });

  it('JWE_TOO_LARGE: default 1 MiB and custom', async () => {
    const big = await encryptJwe(new Uint8Array(DEFAULT_JWE_MAX_BYTES), x.publicJwk);
    expect(await decrypt(big)).toBe('JWE_TOO_LARGE');
    expect(await decrypt(big, x.privateJwk, big.length)).toBe('OK');
    expect(await decrypt(token, x.privateJwk, 100)).toBe('JWE_TOO_LARGE');
  });

  it.each<[string, () => string]>([
    ['four segments', () => segments(token).slice(0, 4).join('.')],
    ['six segments', () => `${token}.`],
    ['an empty string', () => ''],
    ['padding', () => token.replace('.', '=.')],
    ['a "/" in the ciphertext', () => { const s = segments(token); s[3] = `${s[3]}/A`.slice(1); return s.join('.'); }],
    ['non-JSON header', () => withHeader(token, () => 'alg')],
    ['a header that is an array', () => withHeader(token, () => '["ECDH-ES+A256KW"]')],
    ['a duplicate alg', () => withHeader(token, () => '{"alg":"ECDH-ES+A256KW","enc":"A256GCM","alg":"dir"}')],
    ['a missing alg', () => withHeader(token, ({ alg: _a, ...h }) => h)],
    ['a missing enc', () => withHeader(token, ({ enc: _e, ...h }) => h)],
    ['a numeric kid', () => withHeader(token, (h) => ({ ...h, kid: 1 }))],
    ['a non-string apu', () => withHeader(token, (h) => ({ ...h, apu: {} }))],
    ['an empty encrypted key', () => { const s = segments(token); s[1] = ''; return s.join('.'); }],
    ['a short IV', () => { const s = segments(token); s[2] = b64(new Uint8Array(8)); return s.join('.'); }],
    ['a truncated tag', () => { const s = segments(token); s[4] = s[4].slice(0, 16); return s.join('.'); }],
    ['a missing tag', () => { const s = segments(token); s[4] = ''; return s.join('.'); }],
  ])('JWE_MALFORMED: %s', async (_why, make) => {
    expect(await decrypt(make())).toBe('JWE_MALFORMED');
  });

  it('JWE_MALFORMED: a non-string input', async () => {
    expect(await decrypt(7 as unknown as string)).toBe('JWE_MALFORMED');
  });

  it.each(['ECDH-ES', 'ECDH-ES+A128KW', 'ECDH-ES+A192KW', 'ecdh-es+a256kw', 'RSA-OAEP-256', 'RSA1_5', 'A256KW', 'A256GCMKW', 'dir', 'PBES2-HS512+A256KW', 'none', ''])(
    'JWE_ALG_NOT_ALLOWED: alg %p',
    async (alg) => {
      expect(await decrypt(withHeader(token, (h) => ({ ...h, alg })))).toBe('JWE_ALG_NOT_ALLOWED');
    },
  );

  it('refuses the alg before looking at the key', async () => {
    expect(await decrypt(withHeader(token, (h) => ({ ...h, alg: 'dir' })), 'not a key')).toBe('JWE_ALG_NOT_ALLOWED');
  });

  it.each(['A128GCM', 'A192GCM', 'A256CBC-HS512', 'A128CBC-HS256', 'a256gcm', ''])('JWE_ENC_NOT_ALLOWED: enc %p', async (enc) => {
    expect(await decrypt(withHeader(token, (h) => ({ ...h, enc })))).toBe('JWE_ENC_NOT_ALLOWED');
  });

  it.each(['DEF', 'none', '', null])('JWE_ZIP_NOT_ALLOWED: zip %p', async (zip) => {
    expect(await decrypt(withHeader(token, (h) => ({ ...h, zip })))).toBe('JWE_ZIP_NOT_ALLOWED');
  });

  it('JWE_ZIP_NOT_ALLOWED for a genuinely compressed, correctly encrypted JWE', async () => {
    // jose can still produce zip:DEF; the header is authentic here, so only our checks refuse it.
    const zipped = await new CompactEncrypt(new TextEncoder().encode('a'.repeat(1000)))
      .setProtectedHeader({ alg: 'ECDH-ES+A256KW', enc: 'A256GCM', zip: 'DEF' })
      .encrypt(createPublicKey({ key: x.publicJwk, format: 'jwk' }));
    expect(await decrypt(zipped)).toBe('JWE_ZIP_NOT_ALLOWED');
  });

  it.each<[string, unknown]>([
    ['jku', 'https://attacker.example/jwks'],
    ['jwk', { kty: 'OKP', crv: 'X25519', x: 'AAAA' }],
    ['x5u', 'https://attacker.example/c.pem'],
    ['x5c', ['MIIB']],
    ['x5t', 'AAAA'],
    ['x5t#S256', 'AAAA'],
    ['p2c', 1000],
    ['p2s', 'AAAAAAAAAAA'],
    ['iv', 'AAAAAAAAAAAAAAAA'],
    ['tag', 'AAAAAAAAAAAAAAAAAAAAAA'],
    ['crit', ['exp']],
    ['crit', []],
  ])('JWE_HEADER_NOT_ALLOWED: %s', async (name, value) => {
    expect(await decrypt(withHeader(token, (h) => ({ ...h, [name]: value })))).toBe('JWE_HEADER_NOT_ALLOWED');
  });

  describe('JWE_EPK_INVALID', () => {
    it.each<[string, (epk: Record<string, unknown>) => unknown]>([
      ['missing', () => undefined],
      ['not an object', () => 'epk'],
      ['carrying d', (epk) => ({ ...epk, d: x.privateJwk.d })],
      ['carrying an extra member', (epk) => ({ ...epk, kid: 'k' })],
      ['of another curve (P-256 epk, X25519 recipient)', () => ({ ...p.publicJwk, kid: undefined, use: undefined, alg: undefined })],
      ['of another kty', (epk) => ({ ...epk, kty: 'EC' })],
      ['of a foreign curve', (epk) => ({ ...epk, crv: 'X448' })],
      ['with a short x', (epk) => ({ ...epk, x: b64(new Uint8Array(31)) })],
      ['the all-zero point', (epk) => ({ ...epk, x: b64(new Uint8Array(32)) })],
      ['the point u = 1 (low order)', (epk) => ({ ...epk, x: b64(Uint8Array.of(1, ...new Uint8Array(31))) })],
    ])('X25519 epk %s', async (_why, change) => {
      const compact = withHeader(token, (h) => {
        const epk = change(h.epk as Record<string, unknown>);
        const { epk: _old, ...rest } = h;
        return epk === undefined ? rest : { ...rest, epk: JSON.parse(JSON.stringify(epk)) as unknown };
      });
      expect(await decrypt(compact)).toBe('JWE_EPK_INVALID');
    });

    it.each<[string, (epk: Record<string, string>) => unknown]>([
      ['off the curve', (epk) => ({ ...epk, y: epk.x })],
      ['(0, 0)', (epk) => ({ ...epk, x: b64(new Uint8Array(32)), y: b64(new Uint8Array(32)) })],
      ['without y', (epk) => ({ kty: epk.kty, crv: epk.crv, x: epk.x })],
      ['with x = p', (epk) => ({ ...epk, x: b64(Buffer.from('ffffffff00000001000000000000000000000000ffffffffffffffffffffffff', 'hex')) })],
      ['on P-384', (epk) => ({ ...epk, crv: 'P-384' })],
    ])('P-256 epk %s', async (_why, change) => {
      const compact = withHeader(pToken, (h) => ({ ...h, epk: change(h.epk as Record<string, string>) }));
      expect(await decrypt(compact, p.privateJwk)).toBe('JWE_EPK_INVALID');
    });
  });

  describe('JWE_DECRYPTION_FAILED', () => {
    const flip = (segment: string, index = 0) => {
      const bytes = Buffer.from(segment, 'base64url');
      bytes[index] = (bytes[index] as number) ^ 0x01;
      return b64(bytes);
    };
    it.each<[string, number]>([
      ['encrypted key', 1],
      ['IV', 2],
      ['ciphertext', 3],
      ['tag', 4],
    ])('tampered %s', async (_name, index) => {
      const s = segments(token);
      s[index] = flip(s[index] as string);
      expect(await decrypt(s.join('.'))).toBe('JWE_DECRYPTION_FAILED');
    });

    it('tampered header (an acceptable extra member, so only the AAD check can catch it)', async () => {
      expect(await decrypt(withHeader(token, (h) => ({ ...h, cty: 'x' })))).toBe('JWE_DECRYPTION_FAILED');
    });

    it('another epk of the right curve', async () => {
      const other = await generateEncryptionKeyPair('X25519');
      expect(await decrypt(withHeader(token, (h) => ({ ...h, epk: { kty: 'OKP', crv: 'X25519', x: other.publicJwk.x } })))).toBe('JWE_DECRYPTION_FAILED');
    });

    it('another recipient key of the same type', async () => {
      const other = await generateEncryptionKeyPair('X25519');
      expect(await decrypt(token, other.privateJwk)).toBe('JWE_DECRYPTION_FAILED');
    });
  });

  it('refuses private keys that are not X25519 / P-256 encryption keys', async () => {
    const sig = await generateSigningKeyPair('Ed25519');
    const ecSig = await generateSigningKeyPair('P-256');
    expect(await decrypt(token, sig.privateJwk)).toBe('KEY_TYPE_NOT_ALLOWED');
    expect(await decrypt(pToken, ecSig.privateJwk)).toBe('KEY_TYPE_NOT_ALLOWED'); // a P-256 key published for signatures
    expect(await decrypt(token, x.publicJwk)).toBe('KEY_INVALID');
    expect(await decrypt(token, generateKeyPairSync('ec', { namedCurve: 'P-384' }).privateKey)).toBe('KEY_TYPE_NOT_ALLOWED');
    // A P-256 recipient key given an X25519 token: the epk is on the wrong curve.
    expect(await decrypt(token, p.privateJwk)).toBe('JWE_EPK_INVALID');
  });

  it('rejects a nonsensical maxBytes as a TypeError', async () => {
    expect(await decrypt(token, x.privateJwk, 0)).toMatch(/^foreign TypeError/);
  });
});
