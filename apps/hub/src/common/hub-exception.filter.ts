import { type ArgumentsHost, Catch, type ExceptionFilter } from '@nestjs/common';
import { sendUnmappedError } from '@cicu/shared';
import type { Response } from 'express';
import { AccountError, accountStatusOf } from '../accounts/accounts.errors';
import { AgreementsError, agreementsStatusOf } from '../agreements/agreements.errors';
import { AuditError, type AuditErrorCode } from '../audit/audit.errors';
import { ExtractionError, type ExtractionErrorCode } from '../library/extraction/extraction.errors';
import { LibraryError, type LibraryErrorCode } from '../library/library.errors';
import { AccessError, accessStatusOf } from '../auth/access.errors';
import { MembershipError, membershipStatusOf } from '../membership/membership.errors';
import { DirectoryError } from '../directory/directory.errors';
import { directoryStatusOf, KeyLifecycleError, keyLifecycleStatusOf } from '../key-lifecycle/key-lifecycle.errors';
import { type DeliveryErrorCode, DeliveryError } from '../messages/delivery/delivery.errors';
import { type SubmissionErrorDto } from '../messages/submission/dto/submission-error.dto';
import { type SubmissionErrorCode, SubmissionError } from '../messages/submission/submission.errors';
import { AttachmentError, attachmentStatusOf } from '../messages/attachments/attachments.errors';
import { ForumError, forumStatusOf } from '../forum/forum.errors';
import { SharingError, sharingStatusOf } from '../sharing/sharing.errors';
import { UnitDirectoryError, unitDirectoryStatusOf } from '../unit-directory/unit-directory.errors';

/**
 * The hub's one mapping from business error codes to HTTP (docs/adr-routing.md). Business code
 * throws coded errors, never HTTP exceptions; the body is `{ code, message, issues?, refusal? }`
 * and never a stack trace. Any other error is a 500 `INTERNAL` (sendUnmappedError, apps/shared).
 */
type IssuesError = AccessError | AccountError | MembershipError | AgreementsError | KeyLifecycleError;
type HubError = SubmissionError | DeliveryError | AttachmentError | AuditError | DirectoryError | IssuesError | SharingError | LibraryError | ExtractionError | ForumError | UnitDirectoryError;

const HUB_ERRORS = [SubmissionError, DeliveryError, AttachmentError, AuditError, AccessError, AccountError, MembershipError, AgreementsError, KeyLifecycleError, DirectoryError, SharingError, LibraryError, ExtractionError, ForumError, UnitDirectoryError];

// Catches everything: Nest hands an error to one filter only, so what is not the hub's (an HTTP
// exception, a bug) ends in the shared answer (sendUnmappedError: coded, nothing leaked).
@Catch()
export class HubExceptionFilter implements ExceptionFilter {
  catch(error: unknown, host: ArgumentsHost): void {
    if (!HUB_ERRORS.some((type) => error instanceof type)) {
      sendUnmappedError(error, host);
      return;
    }
    this.send(error as HubError, host);
  }

  private send(error: HubError, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    if (error instanceof AccessError || error instanceof AccountError || error instanceof MembershipError || error instanceof AgreementsError || error instanceof KeyLifecycleError) {
      response.status(issuesErrorStatusOf(error)).json({ code: error.code, message: error.message, ...(error.issues.length > 0 && { issues: error.issues }) });
      return;
    }
    if (error instanceof DirectoryError) {
      response.status(directoryStatusOf(error.code)).json({ code: error.code, message: error.message });
      return;
    }
    if (error instanceof UnitDirectoryError) {
      response.status(unitDirectoryStatusOf(error.code)).json({ code: error.code, message: error.message, ...(error.issues !== undefined && { issues: error.issues }) });
      return;
    }
    if (error instanceof ForumError) {
      response.status(forumStatusOf(error.code)).json({ code: error.code, message: error.message, ...(error.issues !== undefined && { issues: error.issues }) });
      return;
    }
    if (error instanceof SharingError) {
      const { issues, findings } = error.details;
      response.status(sharingStatusOf(error.code)).json({ code: error.code, message: error.message, ...(issues !== undefined && { issues }), ...(findings !== undefined && { findings }) });
      return;
    }
    if (error instanceof LibraryError) {
      response.status(libraryStatusOf(error.code)).json({ code: error.code, message: error.message, ...(error.code === 'VALIDATION' && { issues: error.issues }) });
      return;
    }
    if (error instanceof ExtractionError) {
      response.status(extractionStatusOf(error.code)).json({ code: error.code, message: error.message });
      return;
    }
    if (error instanceof AuditError) {
      response.status(auditStatusOf(error.code)).json({ code: error.code, message: error.message });
      return;
    }
    if (error instanceof AttachmentError) {
      response.status(attachmentStatusOf(error.code)).json({ code: error.code, message: error.message });
      return;
    }
    if (error instanceof DeliveryError) {
      response.status(deliveryStatusOf(error.code)).json({ code: error.code, message: error.message });
      return;
    }
    response
      .status(submissionStatusOf(error.code))
      .type('application/json')
      .send(JSON.stringify(submissionErrorBody(error)));
  }
}

/** The body of a refused submission (SubmissionErrorDto): also each refused item of a batch. */
export function submissionErrorBody(error: SubmissionError): SubmissionErrorDto {
  return {
    code: error.code,
    message: error.message,
    ...(error.issues !== undefined && error.issues.length > 0 && { issues: error.issues }),
    ...(error.refusal !== undefined && { refusal: error.refusal }),
  };
}

/** The admin side's refusals (`{code, message, issues?}`), each class with its own exhaustive switch. */
function issuesErrorStatusOf(error: IssuesError): number {
  if (error instanceof AccessError) return accessStatusOf(error.code);
  if (error instanceof AccountError) return accountStatusOf(error.code);
  if (error instanceof MembershipError) return membershipStatusOf(error.code);
  if (error instanceof AgreementsError) return agreementsStatusOf(error.code);
  return keyLifecycleStatusOf(error.code);
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
    // Well-formed, but not acceptable as sent: a new message (new id, new createdAt) may be;
    // for ATTACHMENT_MISSING nothing was stored, so the same bytes after the uploads are.
    case 'CLOCK_SKEW':
    case 'PERSONAL_DATA_SUSPECTED':
    case 'ATTACHMENT_MISSING':
      return 422;
    default: {
      const unhandled: never = code;
      return unhandled;
    }
  }
}

/** HTTP status of each delivery refusal: the one place the HTTP layer knows them. */
export function deliveryStatusOf(code: DeliveryErrorCode): 400 | 401 | 404 | 409 | 415 | 503 {
  switch (code) {
    case 'MESSAGE_NOT_FOUND':
      return 404;
    case 'RECEIPT_INVALID':
    case 'RECEIPT_MISMATCH':
    case 'MAILBOX_LIMIT_INVALID':
      return 400;
    case 'BODY_INVALID':
      return 415;
    case 'RECEIPT_SIGNATURE_INVALID':
      return 401;
    case 'MESSAGE_NOT_UNDELIVERABLE':
    case 'RECIPIENT_NOT_ACTIVE':
      return 409;
    // Only raised by the push worker; here it would be a defect of ours, not the caller's.
    case 'RECIPIENT_UNAVAILABLE':
      return 503;
    default: {
      const unhandled: never = code;
      return unhandled;
    }
  }
}

/** HTTP status of each audit-log API refusal. */
export function auditStatusOf(code: AuditErrorCode): 400 | 404 {
  switch (code) {
    case 'AUDIT_PARAM_INVALID':
    case 'TREE_SIZE_OUT_OF_RANGE':
    case 'LEAF_INDEX_OUT_OF_RANGE':
    case 'SIZES_NOT_ORDERED':
      return 400;
    case 'TREE_HEAD_NOT_FOUND':
      return 404;
    default: {
      const unhandled: never = code;
      return unhandled;
    }
  }
}

/** HTTP status of each library refusal. */
export function libraryStatusOf(code: LibraryErrorCode): 400 | 403 | 404 | 413 {
  switch (code) {
    case 'VALIDATION':
    case 'FILE_MISMATCH':
      return 400;
    case 'NOT_AUTHOR_UNIT':
      return 403;
    case 'DOCUMENT_NOT_FOUND':
    case 'VERSION_NOT_FOUND':
      return 404;
    case 'FILE_TOO_LARGE':
      return 413;
    default: {
      const unhandled: never = code;
      return unhandled;
    }
  }
}

/** HTTP status of each refusal of an uploaded file's content. */
export function extractionStatusOf(code: ExtractionErrorCode): 413 | 415 | 422 {
  switch (code) {
    case 'UNSUPPORTED_FILE_TYPE':
    case 'FILE_TYPE_MISMATCH':
      return 415;
    case 'FILE_UNREADABLE':
      return 422;
    case 'TEXT_TOO_LONG':
      return 413;
    default: {
      const unhandled: never = code;
      return unhandled;
    }
  }
}
