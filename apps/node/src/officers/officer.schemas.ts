import { Type } from '@sinclair/typebox';
import { OFFICER_ROLES } from './officer-roles';

export const USERNAME_PATTERN = '^[a-z0-9._-]{3,64}$';
/** Password policy: length is what matters (NIST SP 800-63B §5.1.1); no composition rules. */
export const MIN_PASSWORD_LENGTH = 12;
// argon2 takes any length; the cap only bounds the work a hostile request can ask for.
export const MAX_PASSWORD_LENGTH = 1024;

export const Password = Type.String({ minLength: MIN_PASSWORD_LENGTH, maxLength: MAX_PASSWORD_LENGTH });

/** An officer to create (CLI, demo file). */
export const NewOfficer = Type.Object(
  {
    username: Type.String({ pattern: USERNAME_PATTERN, description: 'lower case, 3–64 of a-z 0-9 . _ -' }),
    displayName: Type.String({ minLength: 1, maxLength: 200, pattern: '\\S' }),
    roles: Type.Array(Type.Union(OFFICER_ROLES.map((r) => Type.Literal(r))), { minItems: 1, maxItems: OFFICER_ROLES.length, uniqueItems: true }),
    password: Password,
  },
  { additionalProperties: false },
);

/** The DEMO_OFFICERS_FILE. */
export const DemoOfficersFile = Type.Array(NewOfficer, { minItems: 1, maxItems: 1000 });
