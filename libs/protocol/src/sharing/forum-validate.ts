import { ForumEditContent, ForumNotificationsReadContent, ForumReplyContent, ForumSubscriptionContent, ForumThreadContent } from './forum';
import { UnitProfileContent } from './unit-directory';
import { validatorOf } from './validate';

/** Contents of the forum's and the unit directory's signed actions (validated before the action is verified). */
export const validateForumThreadContent = validatorOf<ForumThreadContent>(ForumThreadContent);
export const validateForumReplyContent = validatorOf<ForumReplyContent>(ForumReplyContent);
export const validateForumEditContent = validatorOf<ForumEditContent>(ForumEditContent);
export const validateForumSubscriptionContent = validatorOf<ForumSubscriptionContent>(ForumSubscriptionContent);
export const validateForumNotificationsReadContent = validatorOf<ForumNotificationsReadContent>(ForumNotificationsReadContent);
export const validateUnitProfileContent = validatorOf<UnitProfileContent>(UnitProfileContent);
