import { generateKeyPair, generateKeyPairSync, type JsonWebKey, type KeyObject } from 'node:crypto';
import type { KeyCurve } from './types';

/**
 * Internal: key generation that asks node's keygen job itself for the JWKs, never a KeyObject
 * exported afterwards.
 *
 * Why: on Node 20, `keyObject.export({ format: 'jwk' })` (and WebCrypto's `exportKey('jwk')`,
 * which jose uses) holds the key's mutex while it allocates on the V8 heap, and the destructor
 * of the keygen job that made the key takes that same mutex. When the allocation starts a full
 * GC that finalizes the job (unreachable once it returned its keys), the main thread waits on
 * itself and the process freezes for good: no crash, no log, every socket silent. Seen once in
 * the e2e bench (gdb: ExportJWKEdKey → GC → ~KeyGenJob → uv_mutex_lock); reproduced by
 * generateKeyPairSync('x25519') + export in a loop under `--gc-global`, frozen after 4,500 to
 * 73,500 keys. Encoded by the job, the JWK is made while the job still runs, so the GC cannot
 * finalize it then. docs/adr-crypto-fast-path.md, "Keys come out of keygen as JWKs".
 */

const JWK_ENCODING = { format: 'jwk' } as const;

/** node's key type and options for one of our curves. */
function keygenArguments(curve: KeyCurve): ['ed25519' | 'x25519', object] | ['ec', { namedCurve: 'P-256' }] {
  return curve === 'P-256' ? ['ec', { namedCurve: 'P-256' }] : [curve === 'Ed25519' ? 'ed25519' : 'x25519', {}];
}

// @types/node declares no overload for JWK encodings, which node takes (docs of generateKeyPair): one
// signature, cast once, with what node returns for them.
const generateAsync = generateKeyPair as unknown as (
  type: string,
  options: object,
  callback: (error: Error | null, publicKey: KeyObject, privateKey: JsonWebKey) => void,
) => void;
const generateEphemeralSync = generateKeyPairSync as unknown as (type: string, options: object) => { publicKey: JsonWebKey; privateKey: KeyObject };

/** A new private key on `curve` as a JWK (kty, crv, x[, y], d): the public key is in it. */
export function generatePrivateJwk(curve: KeyCurve): Promise<JsonWebKey> {
  const [type, options] = keygenArguments(curve);
  return new Promise((resolve, reject) => {
    generateAsync(type, { ...options, privateKeyEncoding: JWK_ENCODING }, (error, _publicKey, privateJwk) => (error === null ? resolve(privateJwk) : reject(error)));
  });
}

/**
 * An ephemeral key pair for one key agreement: the public half as a JWK (for the JWE's epk),
 * the private half as a KeyObject for diffieHellman, which does not export it.
 */
export function generateEphemeralKeyPair(curve: 'X25519' | 'P-256'): { publicJwk: JsonWebKey; privateKey: KeyObject } {
  const [type, options] = keygenArguments(curve);
  const { publicKey, privateKey } = generateEphemeralSync(type, { ...options, publicKeyEncoding: JWK_ENCODING });
  return { publicJwk: publicKey, privateKey };
}
