export { signJws } from './sign';
export { verifyJws } from './verify';
export { DEFAULT_JWS_MAX_BYTES } from './types';
export type { JwsAlgorithm, JwsKeyResolver, JwsProtectedHeader, SignJwsOptions, VerifiedJws, VerifyJwsOptions } from './types';
