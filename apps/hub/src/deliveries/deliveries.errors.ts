import { CodedIssuesError } from '@cicu/shared';

/** Refusals of the coordinators' delivery routes (docs/adr-web-ui.md, "Deliveries"). */
export const DELIVERIES_ERROR_CODES = [
  // A parameter that fails its rule; `issues` names it.
  'VALIDATION',
  'MESSAGE_NOT_FOUND',
  /** retry: only a message the hub gave up on (undeliverable) is retried; others are on their way or delivered. */
  'MESSAGE_NOT_UNDELIVERABLE',
  /** retry: the recipient unit is suspended (its deliveries are held) or retired (it takes none). */
  'RECIPIENT_NOT_ACTIVE',
] as const;
export type DeliveriesErrorCode = (typeof DELIVERIES_ERROR_CODES)[number];

export class DeliveriesError extends CodedIssuesError<DeliveriesErrorCode> {
  override readonly name = 'DeliveriesError';
}

export function deliveriesStatusOf(code: DeliveriesErrorCode): 400 | 404 | 409 {
  switch (code) {
    case 'VALIDATION':
      return 400;
    case 'MESSAGE_NOT_FOUND':
      return 404;
    case 'MESSAGE_NOT_UNDELIVERABLE':
    case 'RECIPIENT_NOT_ACTIVE':
      return 409;
    default: {
      const unhandled: never = code;
      return unhandled;
    }
  }
}
