import { Type } from '@sinclair/typebox';

/** Password policy of every account (officers, coordinators, auditors): length is what matters (NIST SP 800-63B §5.1.1); no composition rules. */
export const MIN_PASSWORD_LENGTH = 12;
// argon2 takes any length; the cap only bounds the work a hostile request can ask for.
export const MAX_PASSWORD_LENGTH = 1024;

export const Password = Type.String({ minLength: MIN_PASSWORD_LENGTH, maxLength: MAX_PASSWORD_LENGTH });

/** Usernames of people: lower case, 3–64 of a-z 0-9 . _ - (stored lower case; login lower-cases what is typed). */
export const USERNAME_PATTERN = '^[a-z0-9._-]{3,64}$';

/**
 * The body of a login. No password policy here: it would tell what passwords look like.
 * Guards run before pipes, so login guards check it themselves (passport-local would only
 * say "missing credentials").
 */
export const LoginRequest = Type.Object(
  {
    username: Type.String({ minLength: 1, maxLength: 64 }),
    password: Type.String({ minLength: 1, maxLength: MAX_PASSWORD_LENGTH }),
  },
  { additionalProperties: false },
);
