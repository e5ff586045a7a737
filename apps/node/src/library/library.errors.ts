import { HttpException } from '@nestjs/common';
import { type ValidationIssue } from '@cicu/protocol';

/**
 * A refusal of a library route: the node's own (VALIDATION before anything is sent, NOT_ENROLLED,
 * CONTROL_NUMBER_MISMATCH) or the hub's, passed on with its code and status (docs/adr-library.md).
 */
export class LibraryNodeError extends HttpException {
  constructor(
    readonly code: string,
    message: string,
    status: number,
    extra: { issues?: ValidationIssue[] | unknown[]; findings?: unknown[] } = {},
  ) {
    super({ code, message, ...extra }, status);
  }
}

export const libraryValidation = (message: string, issues: ValidationIssue[]) => new LibraryNodeError('VALIDATION', message, 400, { issues });
