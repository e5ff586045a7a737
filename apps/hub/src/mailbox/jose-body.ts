import { COMPACT_JWS_PATTERN } from '@cicu/protocol';
import { DeliveryError } from '../messages/delivery/delivery.errors';

const COMPACT_JWS = new RegExp(COMPACT_JWS_PATTERN);

/**
 * The compact JWS of an `application/jose` request (parsed as text by the app's body parser,
 * bounded there at 1 MiB): at most `max` characters here, as the route expects.
 */
export function compactJwsBody(contentType: string | undefined, body: unknown, max: number): string {
  if (!/^application\/jose\s*(;|$)/i.test(contentType ?? '') || typeof body !== 'string') {
    throw new DeliveryError('BODY_INVALID', 'the body must be a compact JWS sent as application/jose');
  }
  const text = body.trim();
  if (text.length > max) throw new DeliveryError('RECEIPT_INVALID', `the body exceeds ${max} bytes`);
  if (!COMPACT_JWS.test(text)) throw new DeliveryError('RECEIPT_INVALID', 'the body is not a compact JWS');
  return text;
}
