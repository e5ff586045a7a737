import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, HttpStatus } from '@nestjs/common';
import type { Response } from 'express';

/**
 * Nest's FileInterceptor reports multer's refusals as bare HttpExceptions (413 for a file over
 * the size limit, 415 for a body of another type, 400 for a missing boundary, an unexpected
 * field, too many parts). On the upload routes of the hub and the node they become the
 * library's `{code, message}`;
 * exceptions that already carry a code (authentication refusals, the node's own) pass as they are.
 */
@Catch(HttpException)
export class UploadErrorFilter implements ExceptionFilter<HttpException> {
  catch(error: HttpException, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    const status = error.getStatus();
    const body = error.getResponse();
    if (typeof body === 'object' && body !== null && 'code' in body) {
      response.status(status).json(body);
      return;
    }
    if (status === HttpStatus.PAYLOAD_TOO_LARGE) {
      response.status(status).json({ code: 'FILE_TOO_LARGE', message: 'the file is larger than this library takes' });
      return;
    }
    // Another body than multipart/form-data (multipart/mixed, JSON): the code every other route gives a 415.
    if (status === HttpStatus.UNSUPPORTED_MEDIA_TYPE) {
      response.status(status).json({ code: 'UNSUPPORTED_MEDIA_TYPE', message: 'the body must be multipart/form-data' });
      return;
    }
    response.status(status).json({ code: 'VALIDATION', message: `the multipart body was refused: ${error.message}`, issues: [] });
  }
}
