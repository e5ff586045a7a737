import { CodedError } from '@cicu/shared';

/** Why a call to the hub failed: configuration, transport, or an unexpected answer. */
export const HUB_CLIENT_ERROR_CODES = ['HUB_NOT_CONFIGURED', 'HUB_UNREACHABLE', 'HUB_BAD_RESPONSE'] as const;
export type HubClientErrorCode = (typeof HUB_CLIENT_ERROR_CODES)[number];

export class HubClientError extends CodedError<HubClientErrorCode> {
  override readonly name = 'HubClientError';
}
