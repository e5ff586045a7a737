import type { JwsAlgorithm, KeyInput } from '../keys/types';

export type { JwsAlgorithm } from '../keys/types';

/** 256 KiB: a request envelope is a few KiB; its JWE payload carries no attachments. */
export const DEFAULT_JWS_MAX_BYTES = 256 * 1024;

export interface JwsProtectedHeader {
  alg: JwsAlgorithm;
  kid?: string;
  typ?: string;
  cty?: string;
  [member: string]: unknown;
}

/** Looks a signer's key up by kid; sync or async; `undefined` means "no such key". */
export type JwsKeyResolver = (kid: string) => KeyInput | undefined | Promise<KeyInput | undefined>;

export interface SignJwsOptions {
  alg: JwsAlgorithm;
  kid: string;
  typ: string;
  /** More protected-header members; may not repeat alg/kid/typ nor use crit, b64, jwk, jku, x5*. */
  extraHeader?: Record<string, unknown>;
}

export interface VerifyJwsOptions {
  /** Expected `typ`, compared exactly (no media-type normalization, case-sensitive). */
  typ: string;
  /** Subset of ['EdDSA', 'ES256']; default both. */
  algorithms?: readonly JwsAlgorithm[];
  /** Largest accepted compact JWS in bytes (= characters); default 256 KiB. */
  maxBytes?: number;
}

export interface VerifiedJws {
  header: JwsProtectedHeader & { kid: string; typ: string };
  payload: Uint8Array;
  kid: string;
}
