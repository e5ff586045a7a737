import { randomBytes } from 'node:crypto';
import { CompactEncrypt } from 'jose';
import { CryptoError } from '../errors';
import { checkJwk } from './check-jwk';
import { importPrivateJwk } from './import-private-jwk';
import { checkCount, DEFAULT_SEAL_PBES2_COUNT, SEAL_ALG, SEAL_CTY, SEAL_ENC, SEAL_SALT_BYTES, secretBytes } from './seal-format';

export interface SealOptions {
  /** PBKDF2 iterations (p2c); default 600 000, never below 1 000. Lower only in tests. */
  pbes2Count?: number;
}

/**
 * Encrypts a private JWK under an operator secret for storage at rest:
 * compact JWE, PBES2-HS512+A256KW / A256GCM, cty "jwk+json", random 16-byte p2s.
 * The JWK is validated first (allow-listed curve, consistent x/y/d) and only its
 * kty/crv/x/y/d/kid/use/alg members are sealed. Secret shorter than 16 characters: KEY_INVALID.
 */
export async function sealPrivateJwk(jwk: unknown, secret: string, options: SealOptions = {}): Promise<string> {
  const key = secretBytes(secret);
  const p2c = checkCount(options.pbes2Count ?? DEFAULT_SEAL_PBES2_COUNT, 'pbes2Count');
  importPrivateJwk(jwk);
  const { kty, crv, x, y, d } = checkJwk(jwk, 'private');
  const { kid, use, alg } = jwk as Record<string, unknown>;
  if (kid !== undefined && (typeof kid !== 'string' || kid === '')) throw new CryptoError('KEY_INVALID', 'JWK "kid" must be a non-empty string');
  const sealed = { kty, crv, x, ...(y !== undefined && { y }), d, ...(kid !== undefined && { kid }), ...(use !== undefined && { use }), ...(alg !== undefined && { alg }) };
  return new CompactEncrypt(new TextEncoder().encode(JSON.stringify(sealed)))
    .setProtectedHeader({ alg: SEAL_ALG, enc: SEAL_ENC, cty: SEAL_CTY })
    .setKeyManagementParameters({ p2c, p2s: randomBytes(SEAL_SALT_BYTES) })
    .encrypt(key);
}
