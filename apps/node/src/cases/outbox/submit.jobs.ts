/** The node's submit queue: one job per signed message (job id = message id). */
export const SUBMIT_QUEUE = 'submit';

export type SubmitJobData = { table: 'request' | 'answer'; id: string };
export type SubmitJob = { name: 'submit'; data: SubmitJobData };
