import { CodedError } from '@cicu/shared';

/**
 * Why a call to the hub failed: configuration, transport, an unexpected answer, or a refusal
 * the hub explained with a code (HUB_REFUSED: `refusal` holds its status and code).
 */
export const HUB_CLIENT_ERROR_CODES = ['HUB_NOT_CONFIGURED', 'HUB_UNREACHABLE', 'HUB_BAD_RESPONSE', 'HUB_REFUSED'] as const;
export type HubClientErrorCode = (typeof HUB_CLIENT_ERROR_CODES)[number];

export class HubClientError extends CodedError<HubClientErrorCode> {
  override readonly name = 'HubClientError';
  readonly refusal: { httpStatus: number; code: string } | undefined;

  constructor(code: HubClientErrorCode, message: string, options?: { cause?: unknown; refusal?: { httpStatus: number; code: string } }) {
    super(code, message, options);
    this.refusal = options?.refusal;
  }
}
