export { encryptJwe } from './encrypt';
export { decryptJwe } from './decrypt';
export { DEFAULT_JWE_MAX_BYTES } from './types';
export type { DecryptedJwe, DecryptJweOptions, EncryptJweOptions, JweProtectedHeader } from './types';
