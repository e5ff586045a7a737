import { CodedError } from '@cicu/shared';

/** Why a file was not taken into the library; statuses in hub-exception.filter.ts. */
export const EXTRACTION_ERROR_CODES = [
  /** The bytes are of no accepted type (PDF, DOCX, ODT, plain text, Markdown, PNG, JPEG), whatever the name says. */
  'UNSUPPORTED_FILE_TYPE',
  /** The bytes are of an accepted type, but the file name's extension says another. */
  'FILE_TYPE_MISMATCH',
  /** The bytes are of an accepted type but cannot be read: damaged, encrypted, or an archive that inflates beyond the limits. */
  'FILE_UNREADABLE',
  /** More text than the library indexes and the guard scans in one file. */
  'TEXT_TOO_LONG',
] as const;
export type ExtractionErrorCode = (typeof EXTRACTION_ERROR_CODES)[number];

export class ExtractionError extends CodedError<ExtractionErrorCode> {
  override readonly name = 'ExtractionError';
}
