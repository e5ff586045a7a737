import { generatePrivateJwk } from './jwk-keygen';
import { KEY_PROFILES } from './profiles';
import { toPublicJwk } from './to-public-jwk';
import type { GeneratedKeyPair, KeyCurve, KeyUse } from './types';

/** internal: shared by generateSigningKeyPair and generateEncryptionKeyPair. */
export async function generateKeyPairFor(curve: KeyCurve, use: KeyUse): Promise<GeneratedKeyPair> {
  const profile = KEY_PROFILES[curve];
  if (!(profile.uses as readonly string[]).includes(use)) throw new TypeError(`${String(curve)} cannot be a ${use} key`);
  const generated = await generatePrivateJwk(curve);
  const publicJwk = await toPublicJwk(generated, use);
  const privateJwk = { ...publicJwk, d: generated.d as string };
  return { kid: publicJwk.kid, publicJwk, privateJwk };
}
