/** 1 MiB: a JWE carries one structured request or answer (attachments travel separately). */
export const DEFAULT_JWE_MAX_BYTES = 1024 * 1024;

export interface JweProtectedHeader {
  alg: 'ECDH-ES+A256KW';
  enc: 'A256GCM';
  epk: { kty: 'OKP' | 'EC'; crv: 'X25519' | 'P-256'; x: string; y?: string };
  kid?: string;
  cty?: string;
  typ?: string;
  [member: string]: unknown;
}

export interface EncryptJweOptions {
  /** The recipient key's kid, so the recipient can pick its private key. */
  kid?: string;
  cty?: string;
  typ?: string;
}

export interface DecryptJweOptions {
  /** Largest accepted compact JWE in bytes (= characters); default 1 MiB. */
  maxBytes?: number;
}

export interface DecryptedJwe {
  plaintext: Uint8Array;
  header: JweProtectedHeader;
}
