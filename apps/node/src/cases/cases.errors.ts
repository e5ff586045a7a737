import { HttpException } from '@nestjs/common';
import { type ValidationIssue } from '@cicu/protocol';

/** Error codes of the case routes and their HTTP statuses (docs/adr-cases.md). */
export const CASE_ERROR_STATUS = {
  VALIDATION: 400,
  FOUR_EYES: 403,
  NOT_AUTHOR: 403,
  ASSIGN_FORBIDDEN: 403,
  NOT_FOUND: 404,
  WRONG_STATUS: 409,
  NO_ENCRYPTION_KEY: 409,
  NOT_COVERED: 422,
  ATTACHMENT_NOT_UPLOADED: 422,
  FILE_TOO_LARGE: 413,
  NOT_ENROLLED: 503,
} as const;
export type CaseErrorCode = keyof typeof CASE_ERROR_STATUS;

/** `{code, message, issues?, part?}` with the code's status; values of the input are never echoed. */
export class CaseError extends HttpException {
  constructor(
    readonly code: CaseErrorCode,
    message: string,
    extra: { issues?: ValidationIssue[]; part?: string } = {},
  ) {
    super({ code, message, ...extra }, CASE_ERROR_STATUS[code]);
  }
}
