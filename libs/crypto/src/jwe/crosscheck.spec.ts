/**
 * encryptJwe / decryptJwe call node:crypto directly (Concat KDF, AES key wrap, AES-GCM); jose is
 * the reference they must never drift from. On random plaintexts and headers: what we encrypt
 * jose decrypts, what jose encrypts — with or without apu/apv, which enter the KDF — we decrypt,
 * and a JWE altered in any segment is refused by both.
 */
import fc from 'fast-check';
import { createPublicKey, diffieHellman, generateKeyPairSync, randomBytes } from 'node:crypto';
import { CompactEncrypt, compactDecrypt } from 'jose';
import { codeOf, withOneByteChanged } from '../../test-vectors/jose-vectors';
import { generateEncryptionKeyPair } from '../keys/generate-encryption-key-pair';
import { importPrivateJwk } from '../keys/import-private-jwk';
import { importPublicJwk } from '../keys/import-public-jwk';
import { JWE_ALG, JWE_ENC, type EncryptionKeyType, type GeneratedKeyPair } from '../keys/types';
import { concatKdf, sealContent, wrapKey } from './content-key';
import { decryptJwe } from './decrypt';
import { encryptJwe } from './encrypt';

const pairs = new Map<EncryptionKeyType, GeneratedKeyPair>();
beforeAll(async () => {
  pairs.set('X25519', await generateEncryptionKeyPair('X25519'));
  pairs.set('P-256', await generateEncryptionKeyPair('P-256'));
});

const JOSE_OPTIONS = { keyManagementAlgorithms: [JWE_ALG], contentEncryptionAlgorithms: [JWE_ENC] };
const plaintexts = fc.uint8Array({ maxLength: 2048 });
const options = fc.record({ kid: fc.string({ minLength: 1, maxLength: 43 }), typ: fc.string({ minLength: 1, maxLength: 30, unit: 'grapheme' }) }, { requiredKeys: [] });
const partyInfo = fc.option(fc.uint8Array({ maxLength: 64 }), { nil: undefined });
// jose refuses equal apu and apv (both present); that case is the hand-made one below.
const distinctPartyInfo = fc.tuple(partyInfo, partyInfo).filter(([u, v]) => u === undefined || v === undefined || !Buffer.from(u).equals(Buffer.from(v)));

describe.each<EncryptionKeyType>(['X25519', 'P-256'])('%s: our JWE and jose agree', (type) => {
  const keys = () => pairs.get(type) as GeneratedKeyPair;

  it('jose decrypts what encryptJwe encrypts, to the same plaintext and header', async () => {
    await fc.assert(
      fc.asyncProperty(plaintexts, options, async (plaintext, opts) => {
        const compact = await encryptJwe(plaintext, keys().publicJwk, opts);
        const opened = await compactDecrypt(compact, importPrivateJwk(keys().privateJwk), JOSE_OPTIONS);
        expect(Buffer.from(opened.plaintext).equals(Buffer.from(plaintext))).toBe(true);
        expect(opened.protectedHeader).toEqual({ alg: JWE_ALG, enc: JWE_ENC, ...opts, epk: expect.objectContaining({ kty: keys().publicJwk.kty, crv: type }) });
      }),
      { numRuns: 40 },
    );
  });

  it('decryptJwe opens what jose encrypts, apu/apv included', async () => {
    await fc.assert(
      fc.asyncProperty(plaintexts, options, distinctPartyInfo, async (plaintext, opts, [apu, apv]) => {
        const compact = await new CompactEncrypt(plaintext)
          .setProtectedHeader({ alg: JWE_ALG, enc: JWE_ENC, ...opts })
          .setKeyManagementParameters({ ...(apu && { apu }), ...(apv && { apv }) })
          .encrypt(importPublicJwk(keys().publicJwk));
        const { plaintext: opened, header } = await decryptJwe(compact, keys().privateJwk);
        expect(Buffer.from(opened).equals(Buffer.from(plaintext))).toBe(true);
        expect(header).toMatchObject({ alg: JWE_ALG, enc: JWE_ENC, ...opts });
      }),
      { numRuns: 40 },
    );
  });

  it('both refuse a JWE (jose\'s, with apu/apv) with any one byte of any segment changed', async () => {
    const compact = await new CompactEncrypt(new TextEncoder().encode('a message of some length'))
      .setProtectedHeader({ alg: JWE_ALG, enc: JWE_ENC, kid: keys().kid })
      .setKeyManagementParameters({ apu: new TextEncoder().encode('Alice'), apv: new TextEncoder().encode('Bob') })
      .encrypt(importPublicJwk(keys().publicJwk));
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: 4 }), fc.nat(), fc.integer({ min: 1, max: 255 }), async (segment, position, delta) => {
        const forged = withOneByteChanged(compact, segment, position, delta);
        expect(await codeOf(() => decryptJwe(forged, keys().privateJwk))).toMatch(segment === 0 ? /^JWE_/ : /^JWE_DECRYPTION_FAILED$/);
        await expect(compactDecrypt(forged, importPrivateJwk(keys().privateJwk), JOSE_OPTIONS)).rejects.toThrow();
      }),
      { numRuns: 100 },
    );
  });
});

describe('a JWE made by hand (X25519) with the header members jose puts into the KDF', () => {
  /** ECDH-ES+A256KW / A256GCM step by step with our primitives, apu/apv as given. */
  function handMade(plaintext: Uint8Array, apu: string | undefined, apv: string | undefined): string {
    const recipient = createPublicKey({ key: (pairs.get('X25519') as GeneratedKeyPair).publicJwk, format: 'jwk' });
    const ephemeral = generateKeyPairSync('x25519');
    const { kty, crv, x } = ephemeral.publicKey.export({ format: 'jwk' });
    const header = { alg: JWE_ALG, enc: JWE_ENC, ...(apu !== undefined && { apu }), ...(apv !== undefined && { apv }), epk: { kty, crv, x } };
    const encodedHeader = Buffer.from(JSON.stringify(header)).toString('base64url');
    const z = diffieHellman({ privateKey: ephemeral.privateKey, publicKey: recipient });
    const kek = concatKdf(z, Buffer.from(apu ?? '', 'base64url'), Buffer.from(apv ?? '', 'base64url'));
    const cek = randomBytes(32);
    const iv = randomBytes(12);
    const { ciphertext, tag } = sealContent(cek, iv, Buffer.from(encodedHeader), plaintext);
    return [encodedHeader, ...[wrapKey(kek, cek), iv, ciphertext, tag].map((part) => part.toString('base64url'))].join('.');
  }
  const open = async (compact: string) => {
    const key = (pairs.get('X25519') as GeneratedKeyPair).privateJwk;
    const ours = await codeOf(() => decryptJwe(compact, key));
    const theirs = await compactDecrypt(compact, importPrivateJwk(key), JOSE_OPTIONS).then(() => 'OK', () => 'refused');
    return [ours, theirs];
  };

  it.each<[string, string | undefined, string | undefined]>([
    ['no apu/apv', undefined, undefined],
    ['apu only', 'QWxpY2U', undefined],
    ['apv only', undefined, 'Qm9i'],
    ['distinct apu and apv', 'QWxpY2U', 'Qm9i'],
    ['an empty apu', '', 'Qm9i'],
  ])('both open it with %s', async (_why, apu, apv) => {
    expect(await open(handMade(new TextEncoder().encode('hello'), apu, apv))).toEqual(['OK', 'OK']);
  });

  it.each<[string, string | undefined, string | undefined]>([
    ['apu equal to apv', 'QWxpY2U', 'QWxpY2U'],
    ['both empty', '', ''],
  ])('both refuse it with %s (JWE_DECRYPTION_FAILED, as when jose decided)', async (_why, apu, apv) => {
    expect(await open(handMade(new TextEncoder().encode('hello'), apu, apv))).toEqual(['JWE_DECRYPTION_FAILED', 'refused']);
  });

  it('refuses an apu that is not strict base64url (JWE_DECRYPTION_FAILED)', async () => {
    // "QR" has non-zero unused bits: Buffer decodes it, our strict decoder does not.
    expect((await open(handMade(new Uint8Array(1), 'QR', undefined)))[0]).toBe('JWE_DECRYPTION_FAILED');
  });
});
