import { Type, type Static } from '@sinclair/typebox';
import { AREAS } from '../codes';
import { LIMITS } from '../limits';
import { AtLeastOneOf, Email, Obj, PhoneNumber, StringEnum, Text, wellFormedTextPattern } from '../primitives';
import { LIBRARY_LANGUAGES } from './library';

export const UNIT_PROFILE_LIMITS = {
  description: LIMITS.mediumText,
  contactPoints: 10,
  label: LIMITS.shortText,
} as const;

/**
 * A functional contact point of a unit: a desk or a mailbox, named by its function ("Duty
 * desk", "Operational mailbox"), never a person. At least an e-mail address or a phone number.
 */
export const UnitContactPoint = Obj(
  {
    function: Text(UNIT_PROFILE_LIMITS.label, { pattern: '\\S' }),
    email: Type.Optional(Email),
    phone: Type.Optional(PhoneNumber),
    /** When it is staffed, e.g. "Mon–Fri 08:00–18:00 CET". */
    hours: Type.Optional(Text(UNIT_PROFILE_LIMITS.label, { pattern: '\\S' })),
  },
  AtLeastOneOf(['email', 'phone']),
);
export type UnitContactPoint = Static<typeof UnitContactPoint>;

/**
 * Content of a `unit-directory.update` action: the whole profile of the calling node's unit in
 * the unit directory (it replaces the previous one). `baseVersion` is the version the officer
 * edited (0 for the first profile); an update of an older one is refused.
 */
export const UnitProfileContent = Obj({
  baseVersion: Type.Integer({ minimum: 0, maximum: 1_000_000 }),
  description: Type.String({ maxLength: UNIT_PROFILE_LIMITS.description, pattern: wellFormedTextPattern() }),
  competences: Type.Array(StringEnum(AREAS), { minItems: 1, maxItems: AREAS.length, uniqueItems: true }),
  languages: Type.Array(StringEnum(LIBRARY_LANGUAGES), { minItems: 1, maxItems: LIBRARY_LANGUAGES.length, uniqueItems: true }),
  contactPoints: Type.Array(UnitContactPoint, { minItems: 1, maxItems: UNIT_PROFILE_LIMITS.contactPoints }),
});
export type UnitProfileContent = Static<typeof UnitProfileContent>;
