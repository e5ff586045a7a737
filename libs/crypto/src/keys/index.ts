export type {
  EncryptionKeyType,
  GeneratedKeyPair,
  JsonWebKeySet,
  JweAlgorithm,
  JwsAlgorithm,
  KeyAlgorithm,
  KeyCurve,
  KeyExpectation,
  KeyInput,
  KeyUse,
  PrivateJwk,
  PublicJwk,
  SigningKeyType,
} from './types';
export { JWE_ALG, JWE_ENC, JWS_ALGORITHMS } from './types';
export { generateSigningKeyPair } from './generate-signing-key-pair';
export { generateEncryptionKeyPair } from './generate-encryption-key-pair';
export { jwkThumbprint } from './thumbprint';
export { toPublicJwk } from './to-public-jwk';
export { publicJwks } from './public-jwks';
export { importPublicJwk } from './import-public-jwk';
export { importPrivateJwk } from './import-private-jwk';
export { createJwksResolver } from './create-jwks-resolver';
export type { JwksResolver } from './create-jwks-resolver';
export { sealPrivateJwk } from './seal-private-jwk';
export type { SealOptions } from './seal-private-jwk';
export { unsealPrivateJwk } from './unseal-private-jwk';
export type { UnsealOptions } from './unseal-private-jwk';
export {
  DEFAULT_SEAL_PBES2_COUNT,
  MAX_SEAL_PBES2_COUNT,
  MIN_SEAL_PBES2_COUNT,
  MIN_SEAL_SECRET_LENGTH,
  SEAL_ALG,
  SEAL_CTY,
  SEAL_ENC,
} from './seal-format';
