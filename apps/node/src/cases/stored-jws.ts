/**
 * The payload of a compact JWS this node stored after verifying it (or signed itself), or
 * undefined: read back without verifying again, since only verified or own JWS are stored.
 */
export function storedPayload(jws: string | null): Record<string, unknown> | undefined {
  if (jws === null) return undefined;
  try {
    const value = JSON.parse(Buffer.from(jws.split('.')[1] ?? '', 'base64url').toString('utf8')) as unknown;
    return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
