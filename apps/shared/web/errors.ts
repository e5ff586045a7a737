import type { TFunction } from 'i18next';
import { isApiError } from './api';

/** A refusal in the user's language: by its stable code, else the server's own message. */
export function errorText(t: TFunction, error: unknown): string {
  if (!isApiError(error)) return t('errors.unknown', { message: error instanceof Error ? error.message : String(error) });
  return t(`errors.${error.code}`, { defaultValue: t('errors.unknown', { message: error.message }) });
}
