import fc from 'fast-check';
import { codeOf } from '../../test-vectors/jose-vectors';
import { generateSigningKeyPair } from '../keys/generate-signing-key-pair';
import type { GeneratedKeyPair, JwsAlgorithm } from '../keys/types';
import { signJws } from './sign';
import { verifyJws } from './verify';

const TYP = 'prop+jws';
const keys: Partial<Record<JwsAlgorithm, GeneratedKeyPair>> = {};
beforeAll(async () => {
  keys.EdDSA = await generateSigningKeyPair('Ed25519');
  keys.ES256 = await generateSigningKeyPair('P-256');
});
const pair = (alg: JwsAlgorithm) => keys[alg] as GeneratedKeyPair;
const resolve = (alg: JwsAlgorithm) => (kid: string) => (kid === pair(alg).kid ? pair(alg).publicJwk : undefined);
const sign = (alg: JwsAlgorithm, payload: Uint8Array) => signJws(payload, pair(alg).privateJwk, { alg, kid: pair(alg).kid, typ: TYP });
const flipBit = (bytes: Buffer, bit: number) => {
  const copy = Buffer.from(bytes);
  copy[bit >> 3] = (copy[bit >> 3] as number) ^ (1 << (bit & 7));
  return copy;
};

describe.each<JwsAlgorithm>(['EdDSA', 'ES256'])('%s properties', (alg) => {
  it('sign → verify returns the payload for any bytes', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 512 }), async (payload) => {
        const result = await verifyJws(await sign(alg, payload), resolve(alg), { typ: TYP });
        expect(Buffer.from(result.payload).equals(Buffer.from(payload))).toBe(true);
      }),
      { numRuns: 60 },
    );
  });

  it('flipping any single bit of the signature fails', async () => {
    const compact = await sign(alg, new TextEncoder().encode('fixed payload'));
    const [h, p, s] = compact.split('.') as [string, string, string];
    const signature = Buffer.from(s, 'base64url');
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: signature.length * 8 - 1 }), async (bit) => {
        const forged = `${h}.${p}.${flipBit(signature, bit).toString('base64url')}`;
        expect(['JWS_SIGNATURE_INVALID', 'JWS_SIGNATURE_NONCANONICAL']).toContain(await codeOf(() => verifyJws(forged, resolve(alg), { typ: TYP })));
      }),
      { numRuns: 100 },
    );
  });

  it('flipping any single bit of the payload fails', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ minLength: 1, maxLength: 64 }), fc.nat(), async (payload, seed) => {
        const [h, , s] = (await sign(alg, payload)).split('.') as [string, string, string];
        const forged = `${h}.${flipBit(Buffer.from(payload), seed % (payload.length * 8)).toString('base64url')}.${s}`;
        expect(await codeOf(() => verifyJws(forged, resolve(alg), { typ: TYP }))).toBe('JWS_SIGNATURE_INVALID');
      }),
      { numRuns: 60 },
    );
  });

  it('changing any single character of the compact form fails', async () => {
    const compact = await sign(alg, new TextEncoder().encode('{"hello":"world"}'));
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.=+/ ';
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: compact.length - 1 }), fc.constantFrom(...alphabet), async (index, char) => {
        fc.pre(compact[index] !== char);
        const forged = compact.slice(0, index) + char + compact.slice(index + 1);
        expect(await codeOf(() => verifyJws(forged, resolve(alg), { typ: TYP }))).toMatch(/^(JWS_|KEY_)/);
      }),
      { numRuns: 150 },
    );
  });
});
