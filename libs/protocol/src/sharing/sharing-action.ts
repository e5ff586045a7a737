import { Type, type Static } from '@sinclair/typebox';
import { PERSONAL_DATA_KINDS } from '../guard/finding';
import { LIMITS } from '../limits';
import { Obj, Sha256Digest, StringEnum, Text, UnitId, Version } from '../primitives';
import { LOWERCASE_UUID_PATTERN } from '../uuid';

/**
 * An officer's action in the experience-sharing space (library today, forum later), signed by
 * their node on their behalf: the node's own signing key (the one the hub's directory lists)
 * over these claims, in a compact JWS of this `typ`. The hub verifies it with the directory
 * key of the calling node and keeps it as proof of who did what. Its own typ, so that no
 * message, receipt or assertion can pass for an action, nor an action for one of them.
 */
export const SHARING_ACTION_TYP = 'cicu-sharing-action+jws';

/** What an officer can do; each capability adds its own (`forum.post.create`, …). */
export const SHARING_ACTIONS = [
  'library.document.create',
  'library.version.create',
  'forum.thread.create',
  'forum.post.create',
  'forum.post.edit',
  'forum.subscription.set',
  'forum.notifications.read',
  'unit-directory.update',
] as const;
export type SharingActionName = (typeof SHARING_ACTIONS)[number];

/**
 * The JWS payload. `digest` is `sha256:` of the RFC 8785 canonical JSON of the action's
 * content (for the library: the document's metadata, the file's name, size and control
 * number, and the overrides), so the signature covers exactly what was submitted.
 */
export const SharingActionClaims = Obj({
  v: Version,
  kind: Type.Literal('sharing-action'),
  action: StringEnum(SHARING_ACTIONS),
  officer: Obj({
    id: Type.String({ pattern: LOWERCASE_UUID_PATTERN, maxLength: 36, description: 'The officer id on their node.' }),
    displayName: Text(LIMITS.shortText, { pattern: '\\S' }),
  }),
  unit: UnitId,
  digest: Sha256Digest,
  /** Seconds since the epoch; the hub accepts a small skew either way. */
  iat: Type.Integer({ minimum: 0, maximum: 2 ** 40 }),
  /** Unique per action: the hub refuses a second use. */
  jti: Type.String({ pattern: '^[A-Za-z0-9_-]{16,128}$' }),
});
export type SharingActionClaims = Static<typeof SharingActionClaims>;

/** Where in a submission a finding lies: a field, an element of a list (`tags/2`), or the file's text. */
export const FINDING_LOCATION_PATTERN = '^[a-z][A-Za-z]{0,31}(/[0-9]{1,3})?$';

/**
 * The author's statement that one finding of the personal-data guard is not personal data.
 * It names the finding exactly (location, kind and UTF-16 offsets, as the refusal listed it):
 * changed content finds the guard again, and an override that matches no finding is refused.
 */
export const PersonalDataOverride = Obj({
  location: Type.String({ pattern: FINDING_LOCATION_PATTERN, maxLength: 36 }),
  kind: StringEnum(PERSONAL_DATA_KINDS),
  start: Type.Integer({ minimum: 0, maximum: 2 ** 31 }),
  end: Type.Integer({ minimum: 1, maximum: 2 ** 31 }),
  justification: Text(LIMITS.mediumText, { minLength: 10, pattern: '\\S' }),
});
export type PersonalDataOverride = Static<typeof PersonalDataOverride>;

/** At most this many overrides in one submission. */
export const MAX_OVERRIDES = 100;
export const Overrides = Type.Array(PersonalDataOverride, { maxItems: MAX_OVERRIDES });
