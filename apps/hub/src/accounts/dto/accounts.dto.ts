import { ApiProperty } from '@nestjs/swagger';
import { ACCOUNT_STATUSES, type AccountStatus, MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH, USERNAME_PATTERN, ValidationIssueDto } from '@cicu/shared';
import { ACCOUNT_ERROR_CODES, type AccountErrorCode } from '../accounts.errors';
import { ADMIN_ROLES, type AdminRole } from '../admin-roles';

/** Documents LoginRequest (apps/shared), which is what validates the body. */
export class AdminLoginRequestDto {
  @ApiProperty({ example: 'c.dupont', maxLength: 64 })
  username!: string;

  @ApiProperty({ format: 'password', maxLength: MAX_PASSWORD_LENGTH })
  password!: string;
}

export class AdminTokensDto {
  @ApiProperty({ description: 'JWT (typ cicu-admin-token+jwt, EdDSA) signed by the hub; send as Authorization: Bearer.' })
  accessToken!: string;

  @ApiProperty({ enum: ['Bearer'] })
  tokenType!: 'Bearer';

  @ApiProperty({ description: 'Seconds until the access token expires (ADMIN_ACCESS_TOKEN_TTL_SECONDS).', example: 300 })
  expiresIn!: number;

  @ApiProperty({ description: 'Single-use: POST /v1/admin/auth/refresh exchanges it for new tokens. A second use revokes the session.', pattern: '^[A-Za-z0-9_-]{43}$' })
  refreshToken!: string;

  @ApiProperty({ description: 'Seconds until the refresh token expires (ADMIN_REFRESH_TOKEN_TTL_SECONDS, at most the end of the session).', example: 1800 })
  refreshExpiresIn!: number;

  @ApiProperty({ description: 'A one-time password is in use: only POST /v1/admin/auth/password, GET /v1/admin/auth/me and logout are open until it is changed.' })
  passwordChangeRequired!: boolean;
}

export class RefreshRequestDto {
  @ApiProperty({ pattern: '^[A-Za-z0-9_-]{43}$' })
  refreshToken!: string;
}

export class ChangePasswordRequestDto {
  @ApiProperty({ format: 'password', maxLength: MAX_PASSWORD_LENGTH })
  currentPassword!: string;

  @ApiProperty({ format: 'password', minLength: MIN_PASSWORD_LENGTH, maxLength: MAX_PASSWORD_LENGTH })
  newPassword!: string;
}

export class AdminAccountDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ example: 'c.dupont', pattern: USERNAME_PATTERN })
  username!: string;

  @ApiProperty({ example: 'Claire Dupont' })
  displayName!: string;

  @ApiProperty({ enum: ADMIN_ROLES })
  role!: AdminRole;

  @ApiProperty({ enum: ACCOUNT_STATUSES })
  status!: AccountStatus;

  @ApiProperty()
  passwordChangeRequired!: boolean;
}

export class CreateAdminAccountRequestDto {
  @ApiProperty({ example: 'a.schmidt', pattern: USERNAME_PATTERN })
  username!: string;

  @ApiProperty({ example: 'Anna Schmidt', maxLength: 200 })
  displayName!: string;

  @ApiProperty({ enum: ADMIN_ROLES })
  role!: AdminRole;
}

export class CreatedAdminAccountDto {
  @ApiProperty({ type: AdminAccountDto })
  account!: AdminAccountDto;

  @ApiProperty({ description: 'Shown this once; the account must change it at its first login.' })
  oneTimePassword!: string;
}

export class AccountErrorDto {
  @ApiProperty({ enum: ACCOUNT_ERROR_CODES, example: 'USERNAME_TAKEN' })
  code!: AccountErrorCode;

  @ApiProperty()
  message!: string;

  @ApiProperty({ type: [ValidationIssueDto], required: false, description: 'INVALID_ACCOUNT only.' })
  issues?: ValidationIssueDto[];
}
