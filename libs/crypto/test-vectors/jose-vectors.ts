// Typed view of jose_vectors.json for the specs (not part of the library build: outside src/).
import raw from './jose_vectors.json';

export interface Jwk {
  [member: string]: unknown;
  kty?: string;
  crv?: string;
  x?: string;
  y?: string;
  d?: string;
  kid?: string;
}

export interface WycheproofJoseTest {
  tcId: number;
  comment: string;
  result: 'valid' | 'invalid' | 'acceptable';
  flags: string[];
  jws?: string;
  jwe?: string;
  pt?: string;
  enc?: string;
}

export interface WycheproofJoseGroup {
  type: string;
  comment: string;
  private?: Jwk | { keys: Jwk[] };
  public?: Jwk | { keys: Jwk[] };
  tests: WycheproofJoseTest[];
}

export interface WycheproofEcdhCase {
  curve: string;
  tcId: number;
  comment: string;
  flags: string[];
  public: Jwk;
  private: Jwk;
  shared: string;
  result: 'valid' | 'invalid' | 'acceptable';
}

export interface WycheproofEd25519Case {
  tcId: number;
  comment: string;
  flags: string[];
  publicKeyJwk: Jwk;
  msg: string;
  sig: string;
  result: 'valid' | 'invalid';
}

export interface JoseVectors {
  sources: Record<string, string>;
  rfc8037_ed25519_jws: {
    key_private_jwk: Jwk;
    key_public_jwk: Jwk;
    jwk_thumbprint_sha256: string;
    payload_utf8: string;
    protected_b64u: string;
    signing_input: string;
    signature_b64u: string;
    compact: string;
    json_general: Record<string, unknown>;
    json_flattened: Record<string, unknown>;
  };
  ed25519_jws_negatives_derived: { desc: string; compact: string; expect: 'reject'; derived: true }[];
  rfc8037_x25519_ecdh: { recipient_public_jwk: Jwk; ephemeral_private_jwk: Jwk; Z_hex: string };
  rfc7520_5_5_ecdh_es_jwe: {
    recipient_private_jwk: Jwk;
    plaintext_utf8: string;
    alg: string;
    enc: string;
    compact: string;
    json_general: Record<string, unknown>;
    json_flattened: Record<string, unknown>;
  };
  cookbook_x25519_ecdh_es_jwe: { recipient_private_jwk: Jwk; plaintext_utf8: string; compact: string };
  wycheproof_jws_groups: WycheproofJoseGroup[];
  wycheproof_jwe_groups: WycheproofJoseGroup[];
  wycheproof_jwk_groups: WycheproofJoseGroup[];
  wycheproof_ed25519_raw_selection: WycheproofEd25519Case[];
  wycheproof_ecdh_p256_jwk_selection: WycheproofEcdhCase[];
  wycheproof_x25519_jwk_selection: WycheproofEcdhCase[];
}

export const vectors = raw as unknown as JoseVectors;

/** A group's key (or key set) as a list. */
export function groupKeys(keys: Jwk | { keys: Jwk[] } | undefined): Jwk[] {
  if (keys === undefined) return [];
  return Array.isArray((keys as { keys?: unknown }).keys) ? (keys as { keys: Jwk[] }).keys : [keys as Jwk];
}

export const hex = (value: string): Uint8Array => new Uint8Array(Buffer.from(value, 'hex'));
export const utf8 = (value: string): Uint8Array => new TextEncoder().encode(value);

/** The CryptoError code a call fails with, 'OK' if it succeeds, or the foreign error's name. */
export async function codeOf(run: () => unknown): Promise<string> {
  try {
    await run();
    return 'OK';
  } catch (error) {
    if (error instanceof Error && error.name === 'CryptoError') return (error as Error & { code: string }).code;
    return `foreign ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`;
  }
}

/**
 * `compact` with one byte of one segment changed: byte `position` (mod the segment's length) of
 * the decoded `segment` plus `delta` (1..255, so it really changes), re-encoded canonically.
 */
export function withOneByteChanged(compact: string, segment: number, position: number, delta: number): string {
  const parts = compact.split('.');
  const bytes = Buffer.from(parts[segment] as string, 'base64url');
  const index = position % bytes.length;
  bytes[index] = ((bytes[index] as number) + delta) & 0xff;
  parts[segment] = bytes.toString('base64url');
  return parts.join('.');
}
