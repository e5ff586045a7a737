import { type ValidationIssue } from '@cicu/protocol';
import { CodedError } from '@cicu/shared';

/**
 * Why the hub refused a forum request. Stable: nodes show them to the
 * officer (docs/adr-forum.md). Refusals of the signed action itself and of the personal-data
 * guard are SharingErrors, shared with the library.
 */
export const FORUM_ERROR_CODES = [
  /** The body, a content member or a query parameter fails validation; `issues` lists each. */
  'VALIDATION',
  'THREAD_NOT_FOUND',
  'POST_NOT_FOUND',
  'NOTIFICATION_NOT_FOUND',
  /** A coordinator locked the thread: no reply, no edit. */
  'THREAD_LOCKED',
  /** Only its author (same unit, same officer) edits a post. */
  'NOT_AUTHOR',
  /** The edit was made on an older revision than the post's current one. */
  'EDIT_CONFLICT',
  /** The quoted post is not in the thread, or the excerpt is not in it. */
  'QUOTE_INVALID',
  /** A linked library document does not exist or is not visible to the author's unit. */
  'DOCUMENT_NOT_FOUND',
  /** Moderation of a thread or post not in the state the action needs. */
  'THREAD_ALREADY_LOCKED',
  'THREAD_NOT_LOCKED',
  'POST_ALREADY_HIDDEN',
  'POST_NOT_HIDDEN',
] as const;
export type ForumErrorCode = (typeof FORUM_ERROR_CODES)[number];

export class ForumError extends CodedError<ForumErrorCode> {
  override readonly name = 'ForumError';

  constructor(
    code: ForumErrorCode,
    message: string,
    /** Only with VALIDATION: what is wrong, never the offending values. */
    readonly issues?: ValidationIssue[],
  ) {
    super(code, message);
  }
}

/** HTTP status of each refusal: the one place the HTTP layer knows them. */
export function forumStatusOf(code: ForumErrorCode): 400 | 403 | 404 | 409 | 422 {
  switch (code) {
    case 'VALIDATION':
      return 400;
    case 'NOT_AUTHOR':
      return 403;
    case 'THREAD_NOT_FOUND':
    case 'POST_NOT_FOUND':
    case 'NOTIFICATION_NOT_FOUND':
      return 404;
    case 'THREAD_LOCKED':
    case 'EDIT_CONFLICT':
    case 'THREAD_ALREADY_LOCKED':
    case 'THREAD_NOT_LOCKED':
    case 'POST_ALREADY_HIDDEN':
    case 'POST_NOT_HIDDEN':
      return 409;
    case 'QUOTE_INVALID':
    case 'DOCUMENT_NOT_FOUND':
      return 422;
    default: {
      const unhandled: never = code;
      return unhandled;
    }
  }
}
