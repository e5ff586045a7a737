import { MESSAGE_KINDS, type MessageKind } from './codes';

/**
 * The JOSE profile of the protocol, as data. libs/crypto enforces it; it is stated here so
 * that the contract (and other-language implementers) have one source for the values.
 */

/**
 * JWS `typ` per message kind (explicit typing, RFC 8725 section 3.11). Written and compared
 * exactly as below: no `application/` prefix, case-sensitive, so that a payload of one
 * kind can never be accepted as another.
 */
export const JWS_TYP = {
  request: 'cicu-request+jws',
  answer: 'cicu-answer+jws',
  'hub-receipt': 'cicu-hub-receipt+jws',
  'delivery-receipt': 'cicu-delivery-receipt+jws',
  refusal: 'cicu-refusal+jws',
} as const satisfies Record<MessageKind, string>;
export type JwsTyp = (typeof JWS_TYP)[MessageKind];

export const JWS_TYPS: readonly JwsTyp[] = MESSAGE_KINDS.map((kind) => JWS_TYP[kind]);

/** The message kind a JWS `typ` names, or undefined for anything else. */
export function messageKindForTyp(typ: unknown): MessageKind | undefined {
  if (typeof typ !== 'string') return undefined;
  return MESSAGE_KINDS.find((kind) => JWS_TYP[kind] === typ);
}

/** JWS `alg` values accepted; everything else (none, HS*, RS*, PS*, ES384, …) is refused. */
export const JWS_ALGORITHMS = ['EdDSA', 'ES256'] as const;
export type JwsAlgorithm = (typeof JWS_ALGORITHMS)[number];

/** The only members a JWS protected header may have; all three are required. */
export const JWS_HEADER_PARAMETERS = ['alg', 'kid', 'typ'] as const;

/** JWS header members that are refused outright (key material or references from the sender). */
export const JWS_FORBIDDEN_HEADER_PARAMETERS = ['jwk', 'jku', 'x5u', 'x5c', 'x5t', 'x5t#S256', 'crit', 'b64'] as const;

export const JWE_ALGORITHM = 'ECDH-ES+A256KW';
export const JWE_ENCRYPTION = 'A256GCM';
/** Curves of the recipient node's encryption key (the `crv` of the ephemeral `epk` too). */
export const JWE_CURVES = ['X25519', 'P-256'] as const;
export type JweCurve = (typeof JWE_CURVES)[number];

/** JWE protected header members a sender may set (`kid`: RFC 7638 thumbprint of the recipient key). */
export const JWE_HEADER_PARAMETERS = ['alg', 'enc', 'epk', 'kid', 'apu', 'apv'] as const;
export const JWE_FORBIDDEN_HEADER_PARAMETERS = ['zip', 'jwk', 'jku', 'x5u', 'x5c', 'x5t', 'x5t#S256', 'crit', 'p2s', 'p2c'] as const;
