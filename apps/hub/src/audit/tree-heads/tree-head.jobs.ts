/** The hub's tree-head queue: one repeatable job, every AUDIT_TREE_HEAD_SECONDS. */
export const TREE_HEAD_QUEUE = 'audit-tree-head';
// The scheduler id is the job's name (BullMQ types tie them); the queue name keeps it apart.
export const TREE_HEAD_SCHEDULER = 'issue';

export type TreeHeadJob = { name: 'issue'; data: Record<string, never> };

/** No retries: the next run comes soon. */
export const TREE_HEAD_JOB_OPTIONS = { attempts: 1, removeOnComplete: 50, removeOnFail: 50 } as const;
