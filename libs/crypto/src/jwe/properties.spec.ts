import fc from 'fast-check';
import { codeOf, withOneByteChanged } from '../../test-vectors/jose-vectors';
import { generateEncryptionKeyPair } from '../keys/generate-encryption-key-pair';
import type { EncryptionKeyType, GeneratedKeyPair } from '../keys/types';
import { decryptJwe } from './decrypt';
import { encryptJwe } from './encrypt';

const pairs: Partial<Record<EncryptionKeyType, GeneratedKeyPair>> = {};
beforeAll(async () => {
  pairs.X25519 = await generateEncryptionKeyPair('X25519');
  pairs['P-256'] = await generateEncryptionKeyPair('P-256');
});
const pair = (type: EncryptionKeyType) => pairs[type] as GeneratedKeyPair;
const SEGMENTS = ['protected header', 'encrypted key', 'IV', 'ciphertext', 'tag'] as const;

describe.each<EncryptionKeyType>(['X25519', 'P-256'])('%s properties', (type) => {
  it('encrypt → decrypt returns the plaintext for any bytes', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 1024 }), async (plaintext) => {
        const { plaintext: opened } = await decryptJwe(await encryptJwe(plaintext, pair(type).publicJwk), pair(type).privateJwk);
        expect(Buffer.from(opened).equals(Buffer.from(plaintext))).toBe(true);
      }),
      { numRuns: 40 },
    );
  });

  it('changing any single byte of any of the five segments fails', async () => {
    const compact = await encryptJwe(new TextEncoder().encode('a message of some length'), pair(type).publicJwk, { kid: pair(type).kid });
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: 4 }), fc.nat(), fc.integer({ min: 1, max: 255 }), async (segment, position, delta) => {
        const forged = withOneByteChanged(compact, segment, position, delta);
        const code = await codeOf(() => decryptJwe(forged, pair(type).privateJwk));
        if (SEGMENTS[segment] === 'protected header') expect(code).toMatch(/^JWE_/);
        else expect(code).toBe('JWE_DECRYPTION_FAILED');
      }),
      { numRuns: 150 },
    );
  });
});
