import { type Outcome } from '@cicu/protocol';

export const REQUEST_STATUSES = [
  'drafted',
  'awaiting_approval',
  'approved',
  'submitting',
  'submitted',
  'delivered',
  'answered',
  'partially_answered',
  'refused',
  'more_information_needed',
  'rejected_by_hub',
] as const;
export type RequestStatus = (typeof REQUEST_STATUSES)[number];

/** Statuses after which the request is done with: its answer (or the hub's refusal) is final. */
export const CLOSED_STATUSES: readonly RequestStatus[] = ['answered', 'partially_answered', 'refused', 'rejected_by_hub'];

/**
 * Statuses in which the partner owes nothing: no reminder, never overdue. The closed ones, and
 * an answer asking for more information, after which the next move is ours (a follow-up).
 */
export const NOTHING_OWED_STATUSES: readonly RequestStatus[] = [...CLOSED_STATUSES, 'more_information_needed'];

/**
 * What a request's `overdue` says: flagged by the deadline job (so a request answered late
 * keeps saying it was late), or past its due date while the partner still owes the answer.
 * The start page counts only those still owed (DashboardService, the same rule in SQL).
 */
export function isOverdue(r: { status: string; overdue: boolean; due_at: Date }, now: Date): boolean {
  return r.overdue || (!(NOTHING_OWED_STATUSES as readonly string[]).includes(r.status) && new Date(r.due_at).getTime() < now.getTime());
}

/** Status of our request once an answer with this outcome arrived. */
export const STATUS_OF_OUTCOME: Record<Outcome, RequestStatus> = {
  answered: 'answered',
  'partially-answered': 'partially_answered',
  refused: 'refused',
  'more-information-needed': 'more_information_needed',
};

export const ANSWER_STATUSES = ['approved', 'submitting', 'submitted', 'delivered', 'rejected_by_hub'] as const;
export type AnswerStatus = (typeof ANSWER_STATUSES)[number];
