import type { Request } from 'express';

// RFC 6750 §2.1 b64token; the scheme is case-insensitive (RFC 7235 §2.1).
const BEARER = /^Bearer +([A-Za-z0-9._~+/-]+=*)$/i;

/** The token of `Authorization: Bearer <token>`, or undefined when there is no such header. */
export function bearerToken(req: Pick<Request, 'headers'>): string | undefined {
  const header = req.headers.authorization;
  const match = typeof header === 'string' ? BEARER.exec(header) : null;
  return match?.[1];
}

/**
 * The protected header (0) or the payload (1) of a compact JWS as a JSON object, read WITHOUT
 * verification: the token is attacker-controlled, so it is parsed defensively (at most
 * `maxLength` base64url characters) and the result only picks what to verify with, or names
 * what was refused. Undefined when the segment is not a base64url JSON object.
 */
export function unverifiedJwsSegment(jws: string, index: 0 | 1, maxLength = Number.POSITIVE_INFINITY): Record<string, unknown> | undefined {
  const segment = jws.split('.', index + 1)[index];
  if (segment === undefined || segment.length === 0 || segment.length > maxLength || !/^[A-Za-z0-9_-]+$/.test(segment)) return undefined;
  try {
    const value: unknown = JSON.parse(Buffer.from(segment, 'base64url').toString('utf8'));
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The `typ` of a compact JWS's protected header, read WITHOUT verification: only to tell
 * which strategy a token is meant for (an officer's or coordinator's token, a node's
 * assertion). The verification that follows checks the typ again, exactly.
 */
export function unverifiedJwsTyp(token: string): unknown {
  return unverifiedJwsSegment(token, 0, 1024)?.typ;
}
