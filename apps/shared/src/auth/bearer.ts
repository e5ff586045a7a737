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
 * The `typ` of a compact JWS's protected header, read WITHOUT verification: only to tell
 * which strategy a token is meant for (an officer's or coordinator's token, a node's
 * assertion). The verification that follows checks the typ again, exactly.
 */
export function unverifiedJwsTyp(token: string): unknown {
  const header = token.split('.', 1)[0] ?? '';
  if (!/^[A-Za-z0-9_-]{1,1024}$/.test(header)) return undefined;
  try {
    const value: unknown = JSON.parse(Buffer.from(header, 'base64url').toString('utf8'));
    return typeof value === 'object' && value !== null ? (value as { typ?: unknown }).typ : undefined;
  } catch {
    return undefined;
  }
}
