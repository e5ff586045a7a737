import type { KeyObject } from 'node:crypto';
import type { CryptoKey, JWK } from 'jose';

/** The only curves this project accepts anywhere (RFC 8725 §3.1: an explicit allow-list). */
export type KeyCurve = 'Ed25519' | 'X25519' | 'P-256';
export type SigningKeyType = 'Ed25519' | 'P-256';
export type EncryptionKeyType = 'X25519' | 'P-256';

export type JwsAlgorithm = 'EdDSA' | 'ES256';
export const JWS_ALGORITHMS: readonly JwsAlgorithm[] = ['EdDSA', 'ES256'];

export const JWE_ALG = 'ECDH-ES+A256KW';
export const JWE_ENC = 'A256GCM';
export type JweAlgorithm = typeof JWE_ALG;

export type KeyAlgorithm = JwsAlgorithm | JweAlgorithm;
export type KeyUse = 'sig' | 'enc';

/** A key as callers may hold it: a Node KeyObject, a WebCrypto CryptoKey or a JWK object. */
export type KeyInput = KeyObject | CryptoKey | JWK;

/** What a key must be good for; a JWK's own `use`/`alg`, when present, must agree. */
export interface KeyExpectation {
  use?: KeyUse;
  alg?: KeyAlgorithm;
}

/**
 * Public JWK as published by this project: required members plus kid/use/alg.
 * (Type aliases, not interfaces, so they stay assignable to index-signature JWK types such as
 * node:crypto's JsonWebKey.)
 */
export type PublicJwk = {
  kty: 'OKP' | 'EC';
  crv: KeyCurve;
  x: string;
  y?: string;
  kid: string;
  use: KeyUse;
  alg: KeyAlgorithm;
};

export type PrivateJwk = PublicJwk & { d: string };

export interface GeneratedKeyPair {
  /** RFC 7638 SHA-256 thumbprint of the public key, base64url. */
  kid: string;
  publicJwk: PublicJwk;
  /** Extractable private JWK; seal it (sealPrivateJwk) before it touches a disk. */
  privateJwk: PrivateJwk;
}

export interface JsonWebKeySet<K = PublicJwk> {
  keys: K[];
}
