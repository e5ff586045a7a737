import { type JobsOptions } from 'bullmq';
import { type HubConfig } from '../../config/hub-config';

/**
 * The hub's delivery queue. Two kinds of job, one union:
 * - 'deliver': push an accepted message to its recipient's node; job id = message id
 *   (deduplicated, so the start-up sweep may enqueue it again harmlessly);
 * - 'notify': push the recipient's delivery receipt to the sender's node; job id
 *   `notify-<message id>` (BullMQ refuses ':' in custom ids).
 */
export const DELIVERY_QUEUE = 'delivery';

export type DeliveryJob = { name: 'deliver'; data: { messageId: string } } | { name: 'notify'; data: { messageId: string } };
export type DeliveryJobName = DeliveryJob['name'];
export type DeliveryJobData = DeliveryJob['data'];

/**
 * Retry policy, in one place: exponential back-off from 2 s, 8 attempts (about 4 minutes in
 * all) before the message is marked undeliverable; it then stays in the recipient's mailbox.
 * These are the defaults of the hub settings DELIVERY_ATTEMPTS and DELIVERY_BACKOFF_MS.
 */
/**
 * Jobs a hub's delivery worker runs at once: the pushes to one node made while a call to it is
 * in flight go in one batch (InboxPushes). 128 = a full batch (LIMITS.batchMessages, 32) in
 * flight and a full one waiting, for each of two destinations at once (the messages to the
 * recipient, the receipts to the sender), since every message takes a `deliver` and a `notify`
 * job. At 32, 200 requests/s meant 400 jobs/s through 32 slots, and the jobs, not the CPU, held
 * the end-to-end bench back (docs/adr-hub-performance.md, eighth step).
 */
export const DELIVERY_CONCURRENCY = 128;
export const DELIVERY_ATTEMPTS = 8;
export const DELIVERY_BACKOFF = { type: 'exponential', delay: 2_000 } as const;

/** Job options of both kinds, from the hub's settings. */
export function deliveryJobOptions(config: Pick<HubConfig, 'DELIVERY_ATTEMPTS' | 'DELIVERY_BACKOFF_MS'>, jobId: string): JobsOptions {
  return {
    jobId,
    attempts: config.DELIVERY_ATTEMPTS,
    backoff: { type: 'exponential', delay: config.DELIVERY_BACKOFF_MS },
    removeOnComplete: 1000,
    removeOnFail: 5000,
  };
}

export const notifyJobId = (messageId: string): string => `notify-${messageId}`;
