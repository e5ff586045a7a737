export { createClientAssertion } from './create-client-assertion';
export { verifyClientAssertion } from './verify-client-assertion';
export { createKeyProof } from './create-key-proof';
export { verifyKeyProof } from './verify-key-proof';
export {
  CLIENT_ASSERTION_JTI_MAX_LENGTH,
  CLIENT_ASSERTION_JTI_MIN_LENGTH,
  CLIENT_ASSERTION_TYP,
  ENROLLMENT_PROOF_TYP,
  HUB_ASSERTION_TYP,
  KEY_PROOF_RESERVED_CLAIMS,
  KEY_ROTATION_PROOF_TYP,
  MAX_CLIENT_ASSERTION_TTL_SECONDS,
  MAX_KEY_PROOF_TTL_SECONDS,
} from './types';
export type {
  AssertionTyp,
  ClientAssertionKey,
  ClientAssertionKeyResolver,
  CreateClientAssertionOptions,
  CreateKeyProofOptions,
  KeyProofTyp,
  VerifiedClientAssertion,
  VerifiedKeyProof,
  VerifyClientAssertionOptions,
  VerifyKeyProofOptions,
} from './types';
