import { applyDecorators } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiProduces } from '@nestjs/swagger';
import type { Response } from 'express';
import { CaseErrorDto } from '../cases/cases.dto';
import { type AttachmentDownload } from './attachments.service';

/** Header naming the file's control number (sha256 of the bytes) on a download. */
export const CONTROL_NUMBER_HEADER = 'Cicu-Control-Number';

/**
 * Writes a file for an officer's browser. The name and type come from a partner's payload:
 * always a download (Content-Disposition attachment, the name encoded by Express's
 * content-disposition, RFC 6266), never rendered (octet-stream, nosniff, a sandbox CSP), so a
 * partner's "text/html" cannot run in this node's origin. The declared type is kept aside.
 */
export function sendAttachment(res: Response, { attachment, bytes }: AttachmentDownload): void {
  res.attachment(attachment.fileName);
  res.set({
    'Content-Type': 'application/octet-stream',
    'X-Content-Type-Options': 'nosniff',
    'Content-Security-Policy': "sandbox; default-src 'none'",
    'Cicu-Media-Type': attachment.mediaType,
    [CONTROL_NUMBER_HEADER]: attachment.controlNumber,
  });
  res.status(200).send(bytes);
}

/** The OpenAPI description of a download route answered by sendAttachment. */
export function AttachmentDownloadDocs(): MethodDecorator {
  return applyDecorators(
    ApiProduces('application/octet-stream'),
    ApiOkResponse({
      description: 'The bytes, as a download (Content-Disposition attachment with the file name); Cicu-Control-Number: sha256 of the bytes; Cicu-Media-Type: the declared type.',
      content: { 'application/octet-stream': { schema: { type: 'string', format: 'binary' } } },
    }),
    ApiNotFoundResponse({ type: CaseErrorDto, description: 'NOT_FOUND: no such item, or no attachment n' }),
  );
}
