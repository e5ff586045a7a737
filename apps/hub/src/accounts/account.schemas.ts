import { Type } from '@sinclair/typebox';
import { Password, USERNAME_PATTERN } from '@cicu/shared';
import { ADMIN_ROLES } from './admin-roles';

const Username = Type.String({ pattern: USERNAME_PATTERN, description: 'lower case, 3–64 of a-z 0-9 . _ -' });
const DisplayName = Type.String({ minLength: 1, maxLength: 200, pattern: '\\S' });
const Role = Type.Union(ADMIN_ROLES.map((r) => Type.Literal(r)));

/** A coordinator or auditor to create, with the password (bootstrap, DEMO_ADMINS_FILE). */
export const NewAdminAccount = Type.Object({ username: Username, displayName: DisplayName, role: Role, password: Password }, { additionalProperties: false });

/** The body of POST /v1/admin/accounts: the hub makes the one-time password. */
export const CreateAdminAccountRequest = Type.Object({ username: Username, displayName: DisplayName, role: Role }, { additionalProperties: false });

/** The DEMO_ADMINS_FILE. */
export const DemoAdminsFile = Type.Array(NewAdminAccount, { minItems: 1, maxItems: 100 });

/** The body of POST /v1/admin/auth/password. */
export const ChangePasswordRequest = Type.Object(
  { currentPassword: Type.String({ minLength: 1, maxLength: 1024 }), newPassword: Password },
  { additionalProperties: false },
);

/** The body of POST /v1/admin/auth/refresh: the refresh token (32 random bytes, base64url). */
export const RefreshRequest = Type.Object({ refreshToken: Type.String({ pattern: '^[A-Za-z0-9_-]{43}$' }) }, { additionalProperties: false });
