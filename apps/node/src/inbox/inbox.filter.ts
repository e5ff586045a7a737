import { type ArgumentsHost, Catch, type ExceptionFilter } from '@nestjs/common';
import type { Response } from 'express';
import { InboxError, inboxErrorBody, inboxHttpStatus } from './inbox.errors';

/** Maps InboxErrors to `{ code, message, issues? }` with their status; nothing else is caught. */
@Catch(InboxError)
export class InboxExceptionFilter implements ExceptionFilter {
  catch(error: InboxError, host: ArgumentsHost): void {
    const res = host.switchToHttp().getResponse<Response>();
    res.status(inboxHttpStatus(error.code)).json(inboxErrorBody(error));
  }
}
