/** The hub's delivery queue: one job per accepted message, job id = message id (deduplicated). */
export const DELIVERY_QUEUE = 'delivery';

export type DeliveryJob = { name: 'deliver'; data: { messageId: string } };

/**
 * Retry policy, in one place: exponential back-off from 2 s, 8 attempts (about 4 minutes in
 * all) before the message is marked undeliverable; it then stays in the recipient's mailbox.
 */
export const DELIVERY_ATTEMPTS = 8;
export const DELIVERY_BACKOFF = { type: 'exponential', delay: 2_000 } as const;
