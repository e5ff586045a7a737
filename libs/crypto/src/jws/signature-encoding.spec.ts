import fc from 'fast-check';
import { codeOf } from '../../test-vectors/jose-vectors';
import { ED25519_L, P256_N } from '../keys/profiles';
import type { JwsAlgorithm } from '../keys/types';
import { checkSignatureEncoding } from './signature-encoding';

const bytes32 = (value: bigint) => Buffer.from(value.toString(16).padStart(64, '0'), 'hex');
const toBigInt = (bytes: Uint8Array) => BigInt(`0x${Buffer.from(bytes).toString('hex')}`);

/** The rule in integers: ES256 0 < R, S < n (big-endian); EdDSA S < L (little-endian). */
function referenceAccepts(alg: JwsAlgorithm, signature: Buffer): boolean {
  if (alg === 'ES256') {
    const [r, s] = [toBigInt(signature.subarray(0, 32)), toBigInt(signature.subarray(32))];
    return r > 0n && r < P256_N && s > 0n && s < P256_N;
  }
  return toBigInt(Buffer.from(signature.subarray(32)).reverse()) < ED25519_L;
}

// Random scalars, and the edges of both ranges where an off-by-one would hide.
const edges = [0n, 1n, P256_N - 1n, P256_N, P256_N + 1n, ED25519_L - 1n, ED25519_L, ED25519_L + 1n, 2n ** 256n - 1n];
const scalar = fc.oneof(fc.constantFrom(...edges), fc.bigInt({ min: 0n, max: 2n ** 256n - 1n }));

describe('checkSignatureEncoding against the rule in integers', () => {
  it.each<JwsAlgorithm>(['ES256', 'EdDSA'])('%s: refuses exactly what the integers say', async (alg) => {
    await fc.assert(
      fc.asyncProperty(scalar, scalar, async (first, second) => {
        // EdDSA's S is the second half, little-endian.
        const signature = Buffer.concat([bytes32(first), alg === 'ES256' ? bytes32(second) : bytes32(second).reverse()]);
        const code = await codeOf(() => checkSignatureEncoding(alg, signature));
        expect(code).toBe(referenceAccepts(alg, signature) ? 'OK' : 'JWS_SIGNATURE_NONCANONICAL');
      }),
      { numRuns: 2000 },
    );
  });
});
