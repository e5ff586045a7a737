export { LOWERCASE_UUID_PATTERN } from '../uuid';
export {
  SHARING_ACTION_TYP,
  SHARING_ACTIONS,
  type SharingActionName,
  SharingActionClaims,
  FINDING_LOCATION_PATTERN,
  PersonalDataOverride,
  MAX_OVERRIDES,
  Overrides,
} from './sharing-action';
export {
  LIBRARY_CATEGORIES,
  type LibraryCategory,
  LIBRARY_LANGUAGES,
  type LibraryLanguage,
  LIBRARY_LIMITS,
  LibraryVisibility,
  LibraryDocumentInput,
  LibraryFileDescriptor,
  LibraryDocumentContent,
  LibraryVersionContent,
  LIBRARY_SEARCH_LIMITS,
  LibrarySearchQuery,
} from './library';
export { validateSharingAction, validateLibraryDocumentContent, validateLibraryVersionContent, validateLibrarySearchQuery } from './validate';
export {
  FORUM_CATEGORIES,
  type ForumCategory,
  FORUM_LIMITS,
  ForumThreadContent,
  ForumQuote,
  ForumReplyContent,
  ForumEditContent,
  ForumSubscriptionTarget,
  ForumSubscriptionContent,
  ForumNotificationsReadContent,
} from './forum';
export { UNIT_PROFILE_LIMITS, UnitContactPoint, UnitProfileContent } from './unit-directory';
export {
  validateForumThreadContent,
  validateForumReplyContent,
  validateForumEditContent,
  validateForumSubscriptionContent,
  validateForumNotificationsReadContent,
  validateUnitProfileContent,
} from './forum-validate';
