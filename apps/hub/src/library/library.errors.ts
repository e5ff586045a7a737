import { type ValidationIssue } from '@cicu/protocol';
import { CodedError } from '@cicu/shared';

/** Refusals of the library routes (besides the sharing, extraction and authentication ones); statuses in hub-exception.filter.ts. */
export const LIBRARY_ERROR_CODES = [
  /** The content, a form field or a query parameter fails validation (`issues` says where). */
  'VALIDATION',
  /** The uploaded file is not the one the signed content describes (size or control number). */
  'FILE_MISMATCH',
  /** The upload is larger than LIBRARY_MAX_FILE_BYTES. */
  'FILE_TOO_LARGE',
  /** No such document, or not visible to the caller's unit (the two are not told apart). */
  'DOCUMENT_NOT_FOUND',
  'VERSION_NOT_FOUND',
  /** Only the author's unit adds versions. */
  'NOT_AUTHOR_UNIT',
] as const;
export type LibraryErrorCode = (typeof LIBRARY_ERROR_CODES)[number];

export class LibraryError extends CodedError<LibraryErrorCode> {
  override readonly name = 'LibraryError';

  constructor(code: LibraryErrorCode, message: string, readonly issues: ValidationIssue[] = []) {
    super(code, message);
  }
}
