import { Type } from '@sinclair/typebox';
import { Password, USERNAME_PATTERN } from '@cicu/shared';
import { OFFICER_ROLES } from './officer-roles';

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
