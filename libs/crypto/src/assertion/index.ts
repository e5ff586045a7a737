export { createClientAssertion } from './create-client-assertion';
export { verifyClientAssertion } from './verify-client-assertion';
export {
  CLIENT_ASSERTION_JTI_MAX_LENGTH,
  CLIENT_ASSERTION_JTI_MIN_LENGTH,
  CLIENT_ASSERTION_TYP,
  HUB_ASSERTION_TYP,
  MAX_CLIENT_ASSERTION_TTL_SECONDS,
} from './types';
export type {
  AssertionTyp,
  ClientAssertionKey,
  ClientAssertionKeyResolver,
  CreateClientAssertionOptions,
  VerifiedClientAssertion,
  VerifyClientAssertionOptions,
} from './types';
