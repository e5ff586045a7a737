import type { TFunction } from 'i18next';
import { isApiError } from './api';

/** A refusal in the user's language: by its stable code, else the server's own message. */
export function errorText(t: TFunction, error: unknown): string {
  if (!isApiError(error)) return t('errors.unknown', { message: error instanceof Error ? error.message : String(error) });
  return t(`errors.${error.code}`, { defaultValue: t('errors.unknown', { message: error.message }) });
}

/**
 * A VALIDATION refusal's issues by form field: each issue's JSON Pointer goes to the deepest
 * field of `fields` at or above it (`/contactPoints/1/email` → `/contactPoints` when the form
 * edits the list as one field); issues no field edits are kept under '' for the form's alert.
 */
export function issuesByField(error: unknown, fields: readonly string[]): Record<string, string> {
  const out: Record<string, string[]> = {};
  if (!isApiError(error)) return {};
  for (const issue of error.issues ?? []) {
    let field = '';
    for (let at = issue.path; at !== ''; at = at.slice(0, at.lastIndexOf('/'))) {
      if (fields.includes(at)) {
        field = at;
        break;
      }
    }
    (out[field] ??= []).push(issue.message);
  }
  return Object.fromEntries(Object.entries(out).map(([field, messages]) => [field, messages.join('; ')]));
}
