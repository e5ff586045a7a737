import { createPrivateKey, createPublicKey, diffieHellman } from 'node:crypto';
import { compactDecrypt } from 'jose';
import { codeOf, groupKeys, vectors, type Jwk, type WycheproofEcdhCase } from '../../test-vectors/jose-vectors';
import { importPrivateJwk } from '../keys/import-private-jwk';
import { decryptJwe } from './decrypt';
import { encryptJwe } from './encrypt';
import { agreeWithEphemeralKey, assertNonZeroSharedSecret } from './epk';

const withoutKid = ({ kid: _kid, ...rest }: Jwk): Jwk => rest;
const publicOf = ({ d: _d, ...rest }: Jwk): Jwk => rest;

describe('RFC 8037 A.6 (X25519)', () => {
  it('node:crypto diffieHellman reproduces the shared secret Z', () => {
    const { recipient_public_jwk: recipient, ephemeral_private_jwk: ephemeral, Z_hex: z } = vectors.rfc8037_x25519_ecdh;
    const shared = diffieHellman({
      privateKey: createPrivateKey({ key: ephemeral, format: 'jwk' }),
      publicKey: createPublicKey({ key: recipient, format: 'jwk' }),
    });
    expect(shared.toString('hex')).toBe(z);
  });

  it('our key import accepts both keys, and the ephemeral one passes the epk checks on the recipient side', () => {
    const { ephemeral_private_jwk: ephemeral } = vectors.rfc8037_x25519_ecdh;
    // The cookbook recipient key has the same public x as RFC 8037 A.6's recipient.
    const recipient = importPrivateJwk(vectors.cookbook_x25519_ecdh_es_jwe.recipient_private_jwk);
    expect(recipient.export({ format: 'jwk' }).x).toBe(vectors.rfc8037_x25519_ecdh.recipient_public_jwk.x);
    expect(agreeWithEphemeralKey(publicOf(ephemeral), recipient).toString('hex')).toBe(vectors.rfc8037_x25519_ecdh.Z_hex);
  });
});

/*
 * Negative vectors for our allow-list: RFC 7520 §5.5 (ECDH-ES direct + A128CBC-HS256) and the
 * cookbook X25519 example (ECDH-ES direct + A128GCM) are sound JWEs — raw jose decrypts them — but
 * decryptJwe accepts only ECDH-ES+A256KW / A256GCM, so both are refused on "alg".
 */
describe.each([
  ['RFC 7520 §5.5 (ECDH-ES, P-256, A128CBC-HS256)', vectors.rfc7520_5_5_ecdh_es_jwe],
  ['ietf-jose cookbook X25519 (ECDH-ES, A128GCM)', vectors.cookbook_x25519_ecdh_es_jwe],
])('%s', (_name, vector) => {
  it('is sound: raw jose decrypts it to the published plaintext', async () => {
    const { plaintext } = await compactDecrypt(vector.compact, vector.recipient_private_jwk as never);
    expect(new TextDecoder().decode(plaintext)).toBe(vector.plaintext_utf8);
  });

  it('is refused by decryptJwe with JWE_ALG_NOT_ALLOWED', async () => {
    expect(await codeOf(() => decryptJwe(vector.compact, vector.recipient_private_jwk as never))).toBe('JWE_ALG_NOT_ALLOWED');
  });
});

/*
 * Wycheproof json_web_encryption_test: no group uses ECDH-ES+A256KW, so there is no case we
 * "support": every one, valid or not, must be refused by decryptJwe. The expected code records
 * which check does it: ECDH-ES, ECDH-ES+A128KW and A128KW are outside the allow-list
 * (JWE_ALG_NOT_ALLOWED, checked before the key, the epk or the ciphertext are looked at, so this
 * includes 51 "InvalidCurvePoint" and the tampered-segment cases); a missing separator or header,
 * or a header whose "alg" was renamed "Alg" (48), is JWE_MALFORMED. The valid cases are shown
 * sound with raw jose.
 */
const JWE_MALFORMED_IDS = new Set([38, 41, 44, 47, 48, 49, 50]);
const jweCases = vectors.wycheproof_jwe_groups.flatMap((group) => group.tests.map((test) => ({ group, test, key: groupKeys(group.private)[0] as Jwk })));

describe('JWE JSON serialization (RFC 7520 §5.5 general and flattened)', () => {
  it('is refused as JWE_MALFORMED: compact serialization only', async () => {
    const vector = vectors.rfc7520_5_5_ecdh_es_jwe;
    for (const json of [vector.json_general, vector.json_flattened]) {
      expect(await codeOf(() => decryptJwe(JSON.stringify(json), vector.recipient_private_jwk as never))).toBe('JWE_MALFORMED');
    }
  });
});

describe('Wycheproof JWE groups', () => {
  it('has 33 cases', () => expect(jweCases).toHaveLength(33));

  it.each(jweCases.map((c) => [c.test.tcId, c.test.comment, c.test.result, c] as const))('tcId %i %s (%s) is refused', async (_id, _comment, result, { test, key }) => {
    const code = await codeOf(() => decryptJwe(test.jwe as string, key as never));
    expect(code).toBe(JWE_MALFORMED_IDS.has(test.tcId) ? 'JWE_MALFORMED' : 'JWE_ALG_NOT_ALLOWED');
    if (result === 'valid') {
      const { plaintext } = await compactDecrypt(test.jwe as string, key as never);
      expect(Buffer.from(plaintext).toString('hex')).toBe(test.pt);
    }
  });
});

/*
 * Wycheproof ECDH selections, run through agreeWithEphemeralKey (the epk check decryptJwe uses)
 * with the case's private key as the recipient's and its public key as the epk, and through
 * decryptJwe itself by grafting the public key into a real JWE for that recipient.
 * - P-256 valid (1 normal; 2 Z = 0, a legitimate x-coordinate): accepted, Z matches "shared".
 *   The grafted JWE then reaches the key unwrap and fails it (JWE_DECRYPTION_FAILED), proving
 *   the epk itself was accepted.
 * - P-256 invalid (off-curve InvalidCurveAttack, (0,0), secp256k1/P-384/P-521): JWE_EPK_INVALID.
 * - X25519 valid (1) and "acceptable" twist point (2): accepted (X25519 is defined on the twist
 *   and Z is not zero), Z matches.
 * - X25519 "acceptable" low-order points (32, 33, 63-66, ZeroSharedSecret): we REFUSE them
 *   (JWE_EPK_INVALID), as RFC 7748 §6.1 allows and Wycheproof permits.
 * - X25519 invalid (EC/X448/wrong-kty/empty/missing-member keys): JWE_EPK_INVALID.
 */
function ecdhCases(list: WycheproofEcdhCase[]) {
  return list.map((c) => [c.tcId, c.comment, c.result, c] as const);
}

async function graftedDecrypt(c: WycheproofEcdhCase): Promise<string> {
  const recipient = importPrivateJwk(c.private);
  const compact = await encryptJwe(new Uint8Array([1]), createPublicKey(recipient));
  const [header, ...rest] = compact.split('.');
  const parsed = JSON.parse(Buffer.from(header as string, 'base64url').toString()) as Record<string, unknown>;
  const grafted = Buffer.from(JSON.stringify({ ...parsed, epk: withoutKid(c.public) })).toString('base64url');
  return codeOf(() => decryptJwe([grafted, ...rest].join('.'), recipient));
}

describe.each([
  ['Wycheproof ECDH P-256 (webcrypto JWK)', vectors.wycheproof_ecdh_p256_jwk_selection, 25],
  ['Wycheproof X25519 (JWK)', vectors.wycheproof_x25519_jwk_selection, 21],
])('%s', (_name, list, count) => {
  it(`has ${count} cases`, () => expect(list).toHaveLength(count));

  it.each(ecdhCases(list))('tcId %i %s (%s)', async (_id, _comment, _result, c) => {
    const recipient = importPrivateJwk(c.private);
    const lowOrder = c.flags.includes('ZeroSharedSecret') && c.curve === 'curve25519';
    const accept = c.result === 'valid' || (c.result === 'acceptable' && !lowOrder);
    const code = await codeOf(() => agreeWithEphemeralKey(withoutKid(c.public), recipient));
    if (accept) {
      expect(code).toBe('OK');
      // The Z decryptJwe derives its KEK from.
      expect(agreeWithEphemeralKey(withoutKid(c.public), recipient).toString('hex')).toBe(c.shared);
      expect(await graftedDecrypt(c)).toBe('JWE_DECRYPTION_FAILED');
    } else {
      expect(code).toBe('JWE_EPK_INVALID');
      expect(await graftedDecrypt(c)).toBe('JWE_EPK_INVALID');
    }
  });
});

describe('assertNonZeroSharedSecret', () => {
  it('refuses an all-zero (or empty) shared secret and accepts anything else', async () => {
    expect(await codeOf(() => assertNonZeroSharedSecret(new Uint8Array(32)))).toBe('JWE_EPK_INVALID');
    expect(await codeOf(() => assertNonZeroSharedSecret(new Uint8Array(0)))).toBe('JWE_EPK_INVALID');
    const almost = new Uint8Array(32);
    almost[31] = 1;
    expect(await codeOf(() => assertNonZeroSharedSecret(almost))).toBe('OK');
  });
});
