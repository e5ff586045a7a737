import { type ArgumentsHost, Catch, type ExceptionFilter } from '@nestjs/common';
import type { Response } from 'express';
import { type SubmissionErrorCode, SubmissionError } from '../messages/submission/submission.errors';

/**
 * The hub's one mapping from business error codes to HTTP (docs/adr-routing.md). Business code
 * throws coded errors, never HTTP exceptions; the body is `{ code, message, issues?, refusal? }`
 * and never a stack trace. Other errors keep Nest's default handling (a bare 500).
 */
@Catch(SubmissionError)
export class HubExceptionFilter implements ExceptionFilter<SubmissionError> {
  catch(error: SubmissionError, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    response
      .status(submissionStatusOf(error.code))
      .type('application/json')
      .send(
        JSON.stringify({
          code: error.code,
          message: error.message,
          ...(error.issues !== undefined && error.issues.length > 0 && { issues: error.issues }),
          ...(error.refusal !== undefined && { refusal: error.refusal }),
        }),
      );
  }
}

/** Exhaustive: a new refusal reason does not compile until its status is decided here. */
export function submissionStatusOf(code: SubmissionErrorCode): 400 | 403 | 409 | 422 {
  switch (code) {
    case 'SCHEMA':
      return 400;
    // The caller is authenticated (client assertion); it is the message's signature that is
    // not acceptable: 403, so that 401 keeps meaning "authenticate again".
    case 'BAD_SIGNATURE':
    case 'UNKNOWN_KEY':
    case 'REVOKED_KEY':
    case 'NO_AGREEMENT':
    case 'AGREEMENT_EXPIRED':
    case 'TYPE_NOT_COVERED':
    case 'AREA_NOT_COVERED':
    case 'LEGAL_BASIS_NOT_COVERED':
    case 'SENDER_SUSPENDED':
    case 'RECIPIENT_SUSPENDED':
      return 403;
    case 'REPLAY':
      return 409;
    // Well-formed, but not acceptable as sent: a new message (new id, new createdAt) may be.
    case 'CLOCK_SKEW':
    case 'PERSONAL_DATA_SUSPECTED':
      return 422;
    default: {
      const unhandled: never = code;
      return unhandled;
    }
  }
}
