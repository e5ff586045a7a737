import { createPublicKey, verify } from 'node:crypto';
import { codeOf, groupKeys, hex, vectors, type Jwk, type WycheproofJoseGroup } from '../../test-vectors/jose-vectors';
import { importPublicJwk } from '../keys/import-public-jwk';
import { checkSignatureEncoding } from './signature-encoding';
import { signCompact } from './sign-compact';
import { verifyCompact } from './verify-compact';
import { verifyJws } from './verify';

const rfc = vectors.rfc8037_ed25519_jws;
const utf8 = (s: string) => new TextEncoder().encode(s);

describe('RFC 8037 A.4 (Ed25519 JWS)', () => {
  it('signCompact reproduces the RFC compact serialization byte for byte', async () => {
    // Ed25519 is deterministic; the RFC header is {"alg":"EdDSA"} (no kid/typ), hence the low-level path.
    expect(await signCompact(utf8(rfc.payload_utf8), rfc.key_private_jwk, { alg: 'EdDSA' })).toBe(rfc.compact);
    expect(rfc.compact.startsWith(`${rfc.signing_input}.`)).toBe(true);
  });

  it('verifyCompact (no kid/typ policy) accepts it', async () => {
    const { header, payload } = await verifyCompact(rfc.compact, () => rfc.key_public_jwk, { requireKid: false });
    expect(header).toEqual({ alg: 'EdDSA' });
    expect(Buffer.from(payload).toString()).toBe(rfc.payload_utf8);
  });

  it('verifyJws refuses it: our tokens must carry typ and kid', async () => {
    const resolve = jest.fn(() => rfc.key_public_jwk);
    expect(await codeOf(() => verifyJws(rfc.compact, resolve, { typ: 'JWT' }))).toBe('JWS_TYP_MISMATCH');
    expect(resolve).not.toHaveBeenCalled();
  });

  // Helper-derived single mutations; each is refused for its own reason, with kid/typ policy off
  // so that no earlier policy check masks the one under test.
  const expected: Record<string, string> = {
    'payload changed (last char)': 'JWS_SIGNATURE_INVALID',
    'signature bit flipped': 'JWS_SIGNATURE_INVALID',
    'alg none, empty signature': 'JWS_ALG_NOT_ALLOWED',
    'alg HS256 header, same signature (alg confusion)': 'JWS_ALG_NOT_ALLOWED',
    'signature truncated to 63 bytes': 'JWS_SIGNATURE_NONCANONICAL',
    'signature with trailing zero byte (65 bytes)': 'JWS_SIGNATURE_NONCANONICAL',
    'missing signature segment': 'JWS_MALFORMED',
    'crit header with unknown extension (re-signed would still be rejected; here signature also mismatches)': 'JWS_CRIT_UNSUPPORTED',
  };

  it('refuses the JSON serializations of the same JWS (compact only) with JWS_MALFORMED', async () => {
    for (const json of [rfc.json_general, rfc.json_flattened]) {
      expect(await codeOf(() => verifyCompact(JSON.stringify(json), () => rfc.key_public_jwk, { requireKid: false }))).toBe('JWS_MALFORMED');
    }
  });

  it('has the 8 derived negatives', () => {
    expect(vectors.ed25519_jws_negatives_derived.map((n) => n.desc).sort()).toEqual(Object.keys(expected).sort());
  });

  it.each(vectors.ed25519_jws_negatives_derived.map((n) => [n.desc, n.compact] as const))('refuses derived negative: %s', async (desc, compact) => {
    expect(await codeOf(() => verifyCompact(compact, () => rfc.key_public_jwk, { requireKid: false }))).toBe(expected[desc]);
    expect(await codeOf(() => verifyJws(compact, () => rfc.key_public_jwk, { typ: 'JWT' }))).not.toBe('OK');
  });
});

/*
 * Wycheproof json_web_signature_test / json_web_key_test (C2SP/wycheproof doc/json_web_crypto.md).
 * Every case is run through verifyCompact with the group's public key (or key set) found by kid.
 * Mapping:
 * - valid ES256 cases (18, 378) must verify. They carry no typ, so verifyJws refuses them with
 *   JWS_TYP_MISMATCH — our policy, checked below — and verifyCompact (typ policy off) is used.
 * - invalid cases must be refused; the expected code documents which check does it:
 *   segment/shape damage → JWS_MALFORMED; HS256/none/NONE (symmetric confusion, unsecured) →
 *   JWS_ALG_NOT_ALLOWED before any key is looked up; embedded jwk → JWS_HEADER_NOT_ALLOWED;
 *   changed kid → JWS_KID_UNKNOWN; ES256 signatures that are not 64 bytes of 0<r,s<n →
 *   JWS_SIGNATURE_NONCANONICAL; 64-byte in-range forgeries (r,s ∈ {1, n-1}) and modified
 *   payload/signature → JWS_SIGNATURE_INVALID.
 * - key groups: a key whose own alg says ES521/ES224, whose use says enc, or whose kty/crv is
 *   RSA/P-384 may not verify ES256 → KEY_TYPE_NOT_ALLOWED; a point off the curve → KEY_INVALID;
 *   HS256 tokens against mixed or duplicate-kid sets fall at the alg allow-list.
 */
const WYCHEPROOF_EXPECTED: Record<number, string> = {
  18: 'OK', 19: 'JWS_SIGNATURE_INVALID', 20: 'JWS_SIGNATURE_NONCANONICAL', 21: 'JWS_MALFORMED', 22: 'JWS_SIGNATURE_INVALID',
  23: 'JWS_SIGNATURE_INVALID', 24: 'JWS_MALFORMED', 25: 'JWS_KID_UNKNOWN', 26: 'JWS_MALFORMED', 27: 'JWS_MALFORMED',
  28: 'JWS_MALFORMED', 29: 'JWS_MALFORMED', 30: 'JWS_MALFORMED', 31: 'JWS_ALG_NOT_ALLOWED', 32: 'JWS_HEADER_NOT_ALLOWED',
  378: 'OK', 379: 'JWS_SIGNATURE_NONCANONICAL', 380: 'JWS_SIGNATURE_NONCANONICAL', 381: 'JWS_SIGNATURE_NONCANONICAL',
  382: 'JWS_SIGNATURE_NONCANONICAL', 383: 'JWS_SIGNATURE_NONCANONICAL', 384: 'JWS_SIGNATURE_NONCANONICAL',
  385: 'JWS_SIGNATURE_NONCANONICAL', 386: 'JWS_SIGNATURE_NONCANONICAL', 387: 'JWS_SIGNATURE_NONCANONICAL',
  388: 'JWS_SIGNATURE_NONCANONICAL', 389: 'JWS_SIGNATURE_NONCANONICAL', 390: 'JWS_SIGNATURE_NONCANONICAL',
  391: 'JWS_SIGNATURE_INVALID', 392: 'JWS_SIGNATURE_INVALID', 393: 'JWS_SIGNATURE_NONCANONICAL', 394: 'JWS_SIGNATURE_NONCANONICAL',
  395: 'JWS_SIGNATURE_INVALID', 396: 'JWS_SIGNATURE_INVALID', 397: 'JWS_SIGNATURE_NONCANONICAL', 398: 'JWS_SIGNATURE_NONCANONICAL',
  399: 'JWS_SIGNATURE_NONCANONICAL', 400: 'JWS_SIGNATURE_NONCANONICAL', 401: 'JWS_SIGNATURE_NONCANONICAL',
  16: 'JWS_ALG_NOT_ALLOWED', 341: 'JWS_ALG_NOT_ALLOWED', 342: 'JWS_ALG_NOT_ALLOWED', 343: 'JWS_ALG_NOT_ALLOWED', 344: 'JWS_ALG_NOT_ALLOWED',
};

// json_web_key_test (its tcIds overlap the JWS file's, hence a second table).
const WYCHEPROOF_JWK_EXPECTED: Record<number, string> = {
  1: 'JWS_ALG_NOT_ALLOWED', 4: 'JWS_ALG_NOT_ALLOWED', 19: 'KEY_TYPE_NOT_ALLOWED', 20: 'KEY_TYPE_NOT_ALLOWED',
  21: 'KEY_TYPE_NOT_ALLOWED', 22: 'KEY_INVALID', 23: 'KEY_TYPE_NOT_ALLOWED', 24: 'KEY_TYPE_NOT_ALLOWED',
};

function cases(groups: WycheproofJoseGroup[], table: Record<number, string>) {
  return groups.flatMap((group) => {
    // Public key (set) when the group has one; else the "private" set, whose EC entry is public.
    const keys: Jwk[] = groupKeys(group.public ?? group.private);
    return group.tests.map((test) => ({ group: group.comment, test, keys, expected: table[test.tcId] }));
  });
}

const jwsCases = cases(vectors.wycheproof_jws_groups, WYCHEPROOF_EXPECTED);
const jwkCases = cases(vectors.wycheproof_jwk_groups, WYCHEPROOF_JWK_EXPECTED);

describe('Wycheproof JWS and JWK groups', () => {
  it('covers every case, each with a recorded verdict', () => {
    expect(jwsCases).toHaveLength(44);
    expect(jwkCases).toHaveLength(8);
    for (const { expected } of [...jwsCases, ...jwkCases]) expect(expected).toEqual(expect.any(String));
  });

  it.each([...jwsCases, ...jwkCases].map((c) => [c.group, c.test.tcId, c.test.comment, c] as const))(
    '%s tcId %i (%s)',
    async (_group, _tcId, _comment, { test, keys, expected }) => {
      const resolve = jest.fn((kid: string | undefined) => keys.find((key) => key.kid === kid));
      const code = await codeOf(() => verifyCompact(test.jws as string, resolve));
      expect(code).toBe(expected);
      if (test.result === 'valid') expect(code).toBe('OK');
      else expect(code).not.toBe('OK');
      // Key-free refusals never reach the resolver.
      if (['JWS_MALFORMED', 'JWS_ALG_NOT_ALLOWED', 'JWS_HEADER_NOT_ALLOWED', 'JWS_SIGNATURE_NONCANONICAL'].includes(code)) {
        expect(resolve).not.toHaveBeenCalled();
      }
      // Through the public API every case is refused: none of them carries a typ.
      expect(await codeOf(() => verifyJws(test.jws as string, (kid) => keys.find((key) => key.kid === kid), { typ: 'JWT' }))).not.toBe('OK');
    },
  );
});

/*
 * Wycheproof ed25519_test selection (raw signatures, not JWS). Run through the two primitives
 * verifyJws relies on for EdDSA: our encoding check (checkSignatureEncoding: 64 bytes, S < L)
 * and node:crypto Ed25519 verification. Verdicts:
 * - valid (1-3): both accept.
 * - truncated / too long / with garbage (30-35): wrong length → JWS_SIGNATURE_NONCANONICAL, and
 *   node refuses them too.
 * - S + kL (63-65, SignatureMalleability): S ≥ L → JWS_SIGNATURE_NONCANONICAL; node refuses too.
 * - a flipped bit in R (42-44, InvalidEncoding): 64 bytes with S < L, so the encoding check passes
 *   and the verification equation refuses them (node verify → false).
 */
describe('Wycheproof Ed25519 raw selection', () => {
  const cases = vectors.wycheproof_ed25519_raw_selection;
  it('has 15 cases', () => expect(cases).toHaveLength(15));

  it.each(cases.map((c) => [c.tcId, c.comment, c.result, c] as const))('tcId %i %s (%s)', async (tcId, _comment, result, c) => {
    const message = hex(c.msg);
    const signature = hex(c.sig);
    const encoding = await codeOf(() => checkSignatureEncoding('EdDSA', signature));
    const key = importPublicJwk(c.publicKeyJwk, { use: 'sig', alg: 'EdDSA' });
    const nodeVerdict = verify(null, message, key, signature);
    expect(nodeVerdict).toBe(result === 'valid');
    expect(encoding).toBe([1, 2, 3, 42, 43, 44].includes(tcId) ? 'OK' : 'JWS_SIGNATURE_NONCANONICAL');
    expect(encoding === 'OK' && nodeVerdict).toBe(result === 'valid');
    // Same key through node's own JWK import, to be sure our import did not alter it.
    expect(createPublicKey({ key: c.publicKeyJwk, format: 'jwk' }).export({ format: 'jwk' }).x).toBe(key.export({ format: 'jwk' }).x);
  });
});
