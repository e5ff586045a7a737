import { type CryptoErrorCode, isCryptoError, type KeyProofTyp, type VerifiedKeyProof, verifyKeyProof } from '@cicu/crypto';
import { KeyLifecycleError } from './key-lifecycle.errors';

const KEY_MISMATCH = new Set<CryptoErrorCode>(['JWS_KID_UNKNOWN', 'JWS_SIGNATURE_INVALID', 'KEY_TYPE_NOT_ALLOWED', 'KEY_INVALID']);

/**
 * verifyKeyProof with its refusals as KeyLifecycleErrors: a proof that does not verify with
 * the signing key it submits (its kid names none, or another key signed it, or it was altered)
 * is PROOF_KEY_MISMATCH; anything else wrong with it (form, typ, audience, lifetime, claims)
 * PROOF_INVALID, naming the crypto code.
 */
export async function verifiedProof(proof: string, typ: KeyProofTyp, audience: string, now: Date): Promise<VerifiedKeyProof> {
  try {
    return await verifyKeyProof(proof, { typ, audience, now });
  } catch (error) {
    if (!isCryptoError(error)) throw error;
    if (KEY_MISMATCH.has(error.code)) throw new KeyLifecycleError('PROOF_KEY_MISMATCH', `the proof does not verify with a signing key it submits (${error.code})`, [], { cause: error });
    throw new KeyLifecycleError('PROOF_INVALID', `the proof is refused (${error.code})`, [], { cause: error });
  }
}
