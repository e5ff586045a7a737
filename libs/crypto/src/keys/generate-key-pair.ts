import { exportJWK, generateKeyPair, type JWK } from 'jose';
import { KEY_PROFILES } from './profiles';
import { toPublicJwk } from './to-public-jwk';
import type { GeneratedKeyPair, KeyCurve, KeyUse } from './types';

/** internal: shared by generateSigningKeyPair and generateEncryptionKeyPair. */
export async function generateKeyPairFor(curve: KeyCurve, use: KeyUse): Promise<GeneratedKeyPair> {
  const profile = KEY_PROFILES[curve];
  if (!(profile.uses as readonly string[]).includes(use)) throw new TypeError(`${String(curve)} cannot be a ${use} key`);
  const alg = use === 'enc' ? 'ECDH-ES+A256KW' : curve === 'Ed25519' ? 'Ed25519' : 'ES256';
  const { privateKey } = await generateKeyPair(alg, { ...(use === 'enc' && { crv: curve }), extractable: true });
  const exported: JWK = await exportJWK(privateKey);
  const publicJwk = await toPublicJwk(exported, use);
  const privateJwk = { ...publicJwk, d: exported.d as string };
  return { kid: publicJwk.kid, publicJwk, privateJwk };
}
