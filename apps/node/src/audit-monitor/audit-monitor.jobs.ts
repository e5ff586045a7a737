/** The node's audit monitor queue: one repeatable job, every AUDIT_MONITOR_SECONDS. */
export const AUDIT_MONITOR_QUEUE = 'audit-monitor';
// The scheduler id is the job's name (BullMQ types tie them); the queue name keeps it apart.
export const AUDIT_MONITOR_SCHEDULER = 'monitor';

export type AuditMonitorJob = { name: 'monitor'; data: Record<string, never> };

/** No retries: the next run comes soon; alerts stay on /health meanwhile. */
export const AUDIT_MONITOR_JOB_OPTIONS = { attempts: 1, removeOnComplete: 50, removeOnFail: 50 } as const;
