/** Why a coordinator hid a post: a code for the audit log and the author, a note for the details. */
export const HIDE_REASONS = ['personal-data', 'off-topic', 'duplicate', 'inappropriate', 'other'] as const;
export type HideReason = (typeof HIDE_REASONS)[number];
