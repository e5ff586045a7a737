import { type JobsOptions } from 'bullmq';

/**
 * The forum's notification queue: one job per new post, writing a notification for each
 * officer subscribed to its thread or category. Job id `fan-out-<post id>` (BullMQ refuses ':'
 * in custom ids), so a post is queued once however often it is enqueued (the start-up sweep
 * enqueues every post not yet notified); the job itself is idempotent as well.
 */
export const FORUM_NOTIFICATION_QUEUE = 'forum-notifications';

export type NotificationJob = { name: 'fan-out'; data: { postId: string } };
export type NotificationJobName = NotificationJob['name'];
export type NotificationJobData = NotificationJob['data'];

/** Retry policy, in one place: 6 attempts, exponential back-off from 1 s (about a minute in all). */
export const NOTIFICATION_ATTEMPTS = 6;
export const NOTIFICATION_BACKOFF = { type: 'exponential', delay: 1_000 } as const;

export const fanOutJobId = (postId: string): string => `fan-out-${postId}`;

export function fanOutJobOptions(postId: string): JobsOptions & { jobId: string } {
  return { jobId: fanOutJobId(postId), attempts: NOTIFICATION_ATTEMPTS, backoff: NOTIFICATION_BACKOFF, removeOnComplete: 1000, removeOnFail: 5000 };
}
