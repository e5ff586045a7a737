/**
 * The few protocol helpers that take arguments from application code throw a
 * ProtocolError with a stable code; validation of wire data never throws (it returns issues).
 */
export const PROTOCOL_ERROR_CODES = ['INVALID_TIMESTAMP', 'INVALID_ARGUMENT'] as const;
export type ProtocolErrorCode = (typeof PROTOCOL_ERROR_CODES)[number];

export class ProtocolError extends Error {
  override readonly name = 'ProtocolError';

  constructor(
    readonly code: ProtocolErrorCode,
    message: string,
  ) {
    super(message);
  }
}

export function isProtocolError(value: unknown): value is ProtocolError {
  return value instanceof ProtocolError;
}
