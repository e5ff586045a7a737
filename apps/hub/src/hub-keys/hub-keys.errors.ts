export const HUB_KEY_ERROR_CODES = ['HUB_KEY_UNSEAL_FAILED', 'HUB_KEY_CORRUPT', 'HUB_KEY_NOT_LOADED'] as const;
export type HubKeyErrorCode = (typeof HUB_KEY_ERROR_CODES)[number];

/** Start-up and signing failures of the hub's own key; messages never carry key material. */
export class HubKeyError extends Error {
  override readonly name = 'HubKeyError';

  constructor(
    readonly code: HubKeyErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
