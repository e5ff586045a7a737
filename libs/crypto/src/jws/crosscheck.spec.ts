/**
 * signJws / verifyJws call node:crypto directly; jose is the reference they must never drift
 * from. On random payloads and headers: what we sign jose verifies (and, Ed25519 being
 * deterministic, jose signs to the same bytes), what jose signs we verify, and a token altered
 * anywhere is refused by both.
 */
import fc from 'fast-check';
import { CompactSign, compactVerify } from 'jose';
import { codeOf, withOneByteChanged } from '../../test-vectors/jose-vectors';
import { generateSigningKeyPair } from '../keys/generate-signing-key-pair';
import { importPrivateJwk } from '../keys/import-private-jwk';
import { importPublicJwk } from '../keys/import-public-jwk';
import type { GeneratedKeyPair, JwsAlgorithm } from '../keys/types';
import { signJws } from './sign';
import { verifyJws } from './verify';

const pairs = new Map<JwsAlgorithm, GeneratedKeyPair>();
beforeAll(async () => {
  pairs.set('EdDSA', await generateSigningKeyPair('Ed25519'));
  pairs.set('ES256', await generateSigningKeyPair('P-256'));
});

const payloads = fc.uint8Array({ maxLength: 2048 });
// typ of any Unicode (JSON escaping and UTF-8 must agree); kid printable, as the directory's are.
const typs = fc.string({ minLength: 1, maxLength: 40, unit: 'grapheme' });
const kids = fc.string({ minLength: 1, maxLength: 64, unit: fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_') });
const extras = fc.option(fc.dictionary(fc.constantFrom('cty', 'iss', 'nonce'), fc.string({ maxLength: 20 })), { nil: undefined });

describe.each<JwsAlgorithm>(['EdDSA', 'ES256'])('%s: our JWS and jose agree', (alg) => {
  const keys = () => pairs.get(alg) as GeneratedKeyPair;

  it('jose verifies what signJws signs, to the same header and payload', async () => {
    await fc.assert(
      fc.asyncProperty(payloads, kids, typs, extras, async (payload, kid, typ, extraHeader) => {
        const token = await signJws(payload, keys().privateJwk, { alg, kid, typ, ...(extraHeader && { extraHeader }) });
        const verified = await compactVerify(token, importPublicJwk(keys().publicJwk), { algorithms: [alg] });
        expect(Buffer.from(verified.payload).equals(Buffer.from(payload))).toBe(true);
        expect(verified.protectedHeader).toEqual({ alg, kid, typ, ...extraHeader });
        if (alg === 'EdDSA') {
          const theirs = await new CompactSign(payload).setProtectedHeader({ alg, kid, typ, ...extraHeader }).sign(importPrivateJwk(keys().privateJwk));
          expect(token).toBe(theirs);
        }
      }),
      { numRuns: 60 },
    );
  });

  it('verifyJws accepts what jose signs, to the same header and payload', async () => {
    await fc.assert(
      fc.asyncProperty(payloads, kids, typs, async (payload, kid, typ) => {
        const token = await new CompactSign(payload).setProtectedHeader({ alg, kid, typ }).sign(importPrivateJwk(keys().privateJwk));
        const verified = await verifyJws(token, (k) => (k === kid ? keys().publicJwk : undefined), { typ });
        expect(Buffer.from(verified.payload).equals(Buffer.from(payload))).toBe(true);
        expect(verified.header).toEqual({ alg, kid, typ });
      }),
      { numRuns: 60 },
    );
  });

  it('both refuse a token with any one byte of its payload or signature changed', async () => {
    const token = await signJws(new TextEncoder().encode('{"a message":"of some length"}'), keys().privateJwk, { alg, kid: keys().kid, typ: 't' });
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 2 }), fc.nat(), fc.integer({ min: 1, max: 255 }), async (segment, position, delta) => {
        const forged = withOneByteChanged(token, segment, position, delta);
        expect(await codeOf(() => verifyJws(forged, () => keys().publicJwk, { typ: 't' }))).toMatch(/^JWS_SIGNATURE_(INVALID|NONCANONICAL)$/);
        await expect(compactVerify(forged, importPublicJwk(keys().publicJwk), { algorithms: [alg] })).rejects.toThrow();
      }),
      { numRuns: 100 },
    );
  });
});
