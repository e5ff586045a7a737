import type { JsonWebKeySet, JwsAlgorithm, KeyInput, PublicJwk } from '../keys/types';

/** The protected-header typ of a node's client assertion (never accepted for anything else). */
export const CLIENT_ASSERTION_TYP = 'cicu-node-assertion+jwt';

/**
 * The typ of the hub's assertion when it pushes to a node's inbox: same claims, its own typ,
 * so that a node assertion can never pass as the hub's and the other way round.
 */
export const HUB_ASSERTION_TYP = 'cicu-hub-assertion+jwt';

export type AssertionTyp = typeof CLIENT_ASSERTION_TYP | typeof HUB_ASSERTION_TYP;

/** Longest lifetime (exp - iat) of an assertion: the replay cache holds each jti this long. */
export const MAX_CLIENT_ASSERTION_TTL_SECONDS = 60;

/** jti bounds: long enough to be unguessable, short enough to be a cheap cache key. */
export const CLIENT_ASSERTION_JTI_MIN_LENGTH = 16;
export const CLIENT_ASSERTION_JTI_MAX_LENGTH = 128;

export interface CreateClientAssertionOptions {
  /** The node id (becomes iss and sub). */
  iss: string;
  /** The hub's audience identifier, compared exactly by the hub. */
  aud: string;
  /** The node's private signing key (Ed25519 for EdDSA, P-256 for ES256). */
  privateKey: KeyInput;
  kid: string;
  alg: JwsAlgorithm;
  /** Default: the current time. */
  now?: Date;
  /** 1..60 seconds. */
  ttlSeconds: number;
  /** Default: 32 random base64url characters. */
  jti?: string;
  /** Default: CLIENT_ASSERTION_TYP (a node's); HUB_ASSERTION_TYP for the hub's pushes. */
  typ?: AssertionTyp;
}

/** What the verifier's resolver returns for a kid: the public key and the node that holds it. */
export interface ClientAssertionKey {
  key: KeyInput;
  nodeId: string;
}

export type ClientAssertionKeyResolver = (kid: string) => ClientAssertionKey | undefined | Promise<ClientAssertionKey | undefined>;

export interface VerifyClientAssertionOptions {
  /** The exact aud this verifier accepts. */
  audience: string;
  /** The verifier's clock (explicit: this library reads no clock of its own when verifying). */
  now: Date;
  /** Default and maximum 60. */
  maxTtlSeconds?: number;
  /** Allowed clock skew for exp, iat and nbf; default 5, at most 60. */
  clockToleranceSeconds?: number;
  /** Subset of ['EdDSA', 'ES256']; default both. */
  algorithms?: readonly JwsAlgorithm[];
  /** The one typ accepted; default CLIENT_ASSERTION_TYP. */
  typ?: AssertionTyp;
}

export interface VerifiedClientAssertion {
  nodeId: string;
  kid: string;
  jti: string;
  /** NumericDate (seconds since the epoch). */
  exp: number;
  iat: number;
}

/**
 * The typ of a node's enrolment proof: self-signed by the signing key it submits, binding the
 * enrolment token (by hash), the inbox URL and the public keys (docs/adr-key-lifecycle.md).
 */
export const ENROLLMENT_PROOF_TYP = 'cicu-enrollment+jwt';
/** The typ of a node's key-rotation proof: signed by the new signing key it submits, iss = the node id. */
export const KEY_ROTATION_PROOF_TYP = 'cicu-key-rotation+jwt';
export type KeyProofTyp = typeof ENROLLMENT_PROOF_TYP | typeof KEY_ROTATION_PROOF_TYP;

/** Longest lifetime (exp - iat) of a key proof: made just before it is sent, used once. */
export const MAX_KEY_PROOF_TTL_SECONDS = 300;

/** Claim names the key-proof functions own; the caller's own claims may not use them. */
export const KEY_PROOF_RESERVED_CLAIMS = ['iss', 'sub', 'aud', 'iat', 'exp', 'nbf', 'jti', 'jwks'] as const;

export interface CreateKeyProofOptions {
  typ: KeyProofTyp;
  /** The hub's audience identifier. */
  aud: string;
  /** The node id, when the node has one (rotation); becomes iss and sub. */
  iss?: string;
  /** The public keys being submitted; must hold the signing key `kid`. */
  jwks: JsonWebKeySet<PublicJwk>;
  /** Further claims of the proof's purpose (e.g. token_hash, inbox_url); reserved names refused. */
  claims?: Record<string, unknown>;
  /** The private half of the submitted signing key `kid`. */
  privateKey: KeyInput;
  kid: string;
  alg: JwsAlgorithm;
  /** 1..300 seconds. */
  ttlSeconds: number;
  now?: Date;
  jti?: string;
}

export interface VerifyKeyProofOptions {
  typ: KeyProofTyp;
  audience: string;
  now: Date;
  /** Default and maximum 300. */
  maxTtlSeconds?: number;
  /** Default 5, at most 60. */
  clockToleranceSeconds?: number;
}

export interface VerifiedKeyProof {
  /** The submitted signing key that signed the proof (header kid, its RFC 7638 thumbprint). */
  kid: string;
  /** iss, when the proof carries one (rotation: the node id); not checked against anything here. */
  iss: string | undefined;
  /** The submitted JWK Set, as sent: the caller checks it key by key (it is hostile input). */
  jwks: unknown;
  /** Every claim, for the caller's purpose-specific ones. */
  claims: Record<string, unknown>;
  jti: string;
  iat: number;
  exp: number;
}
