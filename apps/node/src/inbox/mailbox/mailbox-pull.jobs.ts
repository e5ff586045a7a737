/** The node's mailbox pull queue: one repeatable job, every MAILBOX_POLL_SECONDS. */
export const MAILBOX_PULL_QUEUE = 'mailbox-pull';
// The scheduler id is the job's name (BullMQ types tie them); the queue name keeps it apart.
export const MAILBOX_PULL_SCHEDULER = 'pull';

export type MailboxPullJob = { name: 'pull'; data: Record<string, never> };

/** No retries: the next poll retries everything still in the mailbox. */
export const MAILBOX_PULL_JOB_OPTIONS = { attempts: 1, removeOnComplete: 50, removeOnFail: 50 } as const;
