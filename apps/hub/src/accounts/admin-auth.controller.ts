import { Body, Controller, Get, Header, HttpCode, Post, UseGuards } from '@nestjs/common';
import { ApiBadRequestResponse, ApiBody, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiResponse, ApiTags, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { AdminRoles, CurrentAdmin, OpenDuringPasswordChange, Public } from '../auth/access.decorators';
import { AccessErrorDto } from '../auth/dto/access-error.dto';
import { AccountsService } from './accounts.service';
import { type AdminLogin } from './admin-login.service';
import { AdminLoginGuard } from './admin-login.guard';
import { AdminTokensService } from './admin-tokens.service';
import { type AuthenticatedAdmin } from './authenticated-admin';
import { AdminAccountDto, AdminLoginRequestDto, AdminTokensDto, ChangePasswordRequestDto, RefreshRequestDto } from './dto/accounts.dto';
import { CurrentLogin } from './current-login.decorator';

@ApiTags('admin: auth')
@Controller('v1/admin/auth')
export class AdminAuthController {
  constructor(
    private readonly tokens: AdminTokensService,
    private readonly accounts: AccountsService,
  ) {}

  @Post('login')
  @Public()
  @UseGuards(AdminLoginGuard)
  @HttpCode(200)
  @Header('Cache-Control', 'no-store')
  @ApiOperation({
    summary: 'Log a coordinator or auditor in',
    description: 'Opens a session: a short-lived access token and a single-use refresh token. ADMIN_LOGIN_MAX_FAILURES consecutive failures lock the account for ADMIN_LOGIN_LOCKOUT_SECONDS. Audited.',
  })
  @ApiBody({ type: AdminLoginRequestDto })
  @ApiOkResponse({ type: AdminTokensDto })
  @ApiBadRequestResponse({ type: AccessErrorDto, description: 'VALIDATION, with issues.' })
  @ApiUnauthorizedResponse({ type: AccessErrorDto, description: 'INVALID_CREDENTIALS: unknown username or wrong password (the same answer for both).' })
  @ApiResponse({ status: 423, type: AccessErrorDto, description: 'ACCOUNT_LOCKED: too many failed logins; wait until the time the message gives.' })
  login(@CurrentLogin() login: AdminLogin): AdminTokensDto {
    return login.tokens;
  }

  @Post('refresh')
  @Public()
  @HttpCode(200)
  @Header('Cache-Control', 'no-store')
  @ApiOperation({ summary: 'Exchange a refresh token for new tokens', description: 'The refresh token is spent; presenting it again revokes the whole session.' })
  @ApiBody({ type: RefreshRequestDto })
  @ApiOkResponse({ type: AdminTokensDto })
  @ApiBadRequestResponse({ type: AccessErrorDto, description: 'VALIDATION, with issues.' })
  @ApiUnauthorizedResponse({ type: AccessErrorDto, description: 'UNAUTHENTICATED: unknown, spent or expired refresh token, or the session has ended.' })
  refresh(@Body() body: unknown): Promise<AdminTokensDto> {
    return this.tokens.refresh(body);
  }

  @Post('logout')
  @AdminRoles('coordinator', 'auditor')
  @OpenDuringPasswordChange()
  @HttpCode(204)
  @ApiOperation({ summary: 'End the session of this access token', description: 'Its access and refresh tokens are refused from now on. Audited.' })
  @ApiNoContentResponse()
  logout(@CurrentAdmin() admin: AuthenticatedAdmin): Promise<void> {
    return this.tokens.logout(admin);
  }

  @Get('me')
  @AdminRoles('coordinator', 'auditor')
  @OpenDuringPasswordChange()
  @ApiOperation({ summary: 'The account the access token speaks for, with its current role' })
  @ApiOkResponse({ type: AdminAccountDto })
  me(@CurrentAdmin() admin: AuthenticatedAdmin): AdminAccountDto {
    const { id, username, displayName, role, status, passwordChangeRequired } = admin;
    return { id, username, displayName, role, status, passwordChangeRequired };
  }

  @Post('password')
  @AdminRoles('coordinator', 'auditor')
  @OpenDuringPasswordChange()
  @HttpCode(204)
  @ApiOperation({
    summary: 'Change the password of this account',
    description: 'Also what a one-time password requires before anything else. The account’s other sessions end. Audited.',
  })
  @ApiBody({ type: ChangePasswordRequestDto })
  @ApiNoContentResponse()
  @ApiBadRequestResponse({ type: AccessErrorDto, description: 'VALIDATION, with issues (12–1024 characters; not the current one).' })
  @ApiUnauthorizedResponse({ type: AccessErrorDto, description: 'INVALID_CREDENTIALS: the current password is wrong, or another session changed it meanwhile (or the access token was refused).' })
  changePassword(@CurrentAdmin() admin: AuthenticatedAdmin, @Body() body: unknown): Promise<void> {
    return this.accounts.changePassword(admin, body);
  }
}
