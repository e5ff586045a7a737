/** The node's directory refresh queue: one repeatable job, every DIRECTORY_REFRESH_SECONDS. */
export const DIRECTORY_REFRESH_QUEUE = 'directory-refresh';
// The scheduler id is the job's name (BullMQ types tie them); the queue name keeps it apart.
export const DIRECTORY_REFRESH_SCHEDULER = 'refresh';

export type DirectoryRefreshJob = { name: 'refresh'; data: Record<string, never> };

/** No retries: the next run comes soon, and staleness shows in /health meanwhile. */
export const DIRECTORY_REFRESH_JOB_OPTIONS = { attempts: 1, removeOnComplete: 50, removeOnFail: 50 } as const;
