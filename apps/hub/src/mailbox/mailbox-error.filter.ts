import { type ArgumentsHost, Catch, type ExceptionFilter } from '@nestjs/common';
import type { Response } from 'express';
import { type DeliveryErrorCode, DeliveryError } from '../messages/delivery/delivery.errors';

/** HTTP status of each delivery refusal: the one place the HTTP layer knows them. */
export function deliveryHttpStatus(code: DeliveryErrorCode): 400 | 401 | 404 | 415 | 503 {
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
    // Only raised by the push worker; here it would be a defect of ours, not the caller's.
    case 'RECIPIENT_UNAVAILABLE':
      return 503;
    default: {
      const unhandled: never = code;
      return unhandled;
    }
  }
}

/** Delivery refusals become `{ code, message }` with their status. */
@Catch(DeliveryError)
export class MailboxErrorFilter implements ExceptionFilter<DeliveryError> {
  catch(error: DeliveryError, host: ArgumentsHost): void {
    host.switchToHttp().getResponse<Response>().status(deliveryHttpStatus(error.code)).json({ code: error.code, message: error.message });
  }
}
