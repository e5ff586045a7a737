/** The node's deadline queue: a reminder and an overdue check per submitted request. */
export const DEADLINE_QUEUE = 'deadlines';

export type DeadlineKind = 'reminder' | 'overdue';
export type DeadlineJobData = { kind: DeadlineKind; requestId: string };
export type DeadlineJob = { name: DeadlineKind; data: DeadlineJobData };
