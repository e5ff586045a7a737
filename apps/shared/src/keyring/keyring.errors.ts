import { CodedError } from '../errors/coded-error';
export const KEYRING_ERROR_CODES = ['KEYRING_UNSEAL_FAILED', 'KEYRING_CORRUPT', 'KEYRING_NOT_LOADED', 'KEYRING_KEY_NOT_FOUND'] as const;
export type KeyringErrorCode = (typeof KEYRING_ERROR_CODES)[number];

/** Start-up, signing and decryption failures of the app's own keys; messages never carry key material. */
export class KeyringError extends CodedError<KeyringErrorCode> {
  override readonly name = 'KeyringError';
}
