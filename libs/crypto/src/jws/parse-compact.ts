import { CryptoError } from '../errors';
import { decodeBase64url, parseJsonObject } from '../keys/encoding';
import type { JwsAlgorithm } from '../keys/types';
import { checkAlgorithm, checkHeaderMembers } from './header-policy';
import { checkSignatureEncoding } from './signature-encoding';
import type { JwsProtectedHeader } from './types';

export interface JwsParsePolicy {
  algorithms: readonly JwsAlgorithm[];
  maxBytes: number;
  /** Exact expected typ, or undefined for no typ policy (low-level verifyCompact only). */
  typ: string | undefined;
  requireKid: boolean;
}

export interface ParsedJws {
  header: JwsProtectedHeader;
  alg: JwsAlgorithm;
  kid: string | undefined;
  payload: Uint8Array;
  signature: Uint8Array;
}

/**
 * Internal: every check that needs neither a key nor cryptography, in the order that makes the
 * cheapest and least ambiguous refusal win: size, shape, encoding, header JSON, alg, crit and
 * forbidden members, typ, kid, signature encoding. The compact string is attacker-controlled;
 * nothing here throws anything but a CryptoError.
 */
export function parseCompactJws(compact: unknown, policy: JwsParsePolicy): ParsedJws {
  if (typeof compact !== 'string') throw new CryptoError('JWS_MALFORMED', 'JWS must be a string');
  // A valid compact JWS is ASCII, so characters = bytes; anything non-ASCII fails below anyway.
  if (compact.length > policy.maxBytes) throw new CryptoError('JWS_TOO_LARGE', `JWS exceeds ${policy.maxBytes} bytes`);
  const segments = compact.split('.');
  if (segments.length !== 3) throw new CryptoError('JWS_MALFORMED', 'compact JWS must have exactly three segments');
  const [encodedHeader, encodedPayload, encodedSignature] = segments as [string, string, string];
  const headerBytes = decodeBase64url(encodedHeader);
  const payload = decodeBase64url(encodedPayload);
  const signature = decodeBase64url(encodedSignature);
  if (headerBytes === undefined || payload === undefined || signature === undefined) {
    throw new CryptoError('JWS_MALFORMED', 'JWS segment is not unpadded base64url');
  }
  const header = parseJsonObject(headerBytes);
  if (header === undefined) throw new CryptoError('JWS_MALFORMED', 'JWS protected header is not a JSON object (or repeats a member)');

  const alg = checkAlgorithm(header.alg, policy.algorithms);
  checkHeaderMembers(header);

  if (policy.typ !== undefined && header.typ !== policy.typ) throw new CryptoError('JWS_TYP_MISMATCH', 'JWS "typ" is not the expected one');
  const kid = header.kid as string | undefined;
  if (policy.requireKid && (kid === undefined || kid === '')) throw new CryptoError('JWS_KID_MISSING', 'JWS header has no "kid"');

  checkSignatureEncoding(alg, signature);
  return { header: header as JwsProtectedHeader, alg, kid, payload, signature };
}
