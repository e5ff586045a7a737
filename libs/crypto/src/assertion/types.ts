import type { JwsAlgorithm, KeyInput } from '../keys/types';

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
