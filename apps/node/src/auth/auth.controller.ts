import { Controller, Get, Header, HttpCode, Inject, Post, UseGuards } from '@nestjs/common';
import { ApiBadRequestResponse, ApiBody, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiResponse, ApiTags, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { NODE_CONFIG, type NodeConfig } from '../config/node-config';
import { type OfficerView } from '../officers/officers.service';
import { CurrentOfficer, Public, Roles } from './access.decorators';
import { type AuthenticatedOfficer } from './authenticated-officer';
import { AuthErrorDto } from './dto/auth-error.dto';
import { AccessTokenDto, CurrentOfficerDto, LoginRequestDto } from './dto/login.dto';
import { LoginGuard } from './login.guard';
import { OfficerTokensService } from './officer-tokens.service';

@ApiTags('auth')
@Controller('v1/auth')
export class AuthController {
  constructor(
    private readonly tokens: OfficerTokensService,
    @Inject(NODE_CONFIG) private readonly config: NodeConfig,
  ) {}

  @Post('login')
  @Public()
  @UseGuards(LoginGuard)
  @HttpCode(200)
  @Header('Cache-Control', 'no-store')
  @ApiOperation({
    summary: 'Log an officer in',
    description: 'Returns a short-lived access token. LOGIN_MAX_FAILURES consecutive failures lock the account for LOGIN_LOCKOUT_SECONDS.',
  })
  @ApiBody({ type: LoginRequestDto })
  @ApiOkResponse({ type: AccessTokenDto })
  @ApiBadRequestResponse({ type: AuthErrorDto, description: 'VALIDATION, with issues.' })
  @ApiUnauthorizedResponse({ type: AuthErrorDto, description: 'INVALID_CREDENTIALS: unknown username or wrong password (the same answer for both).' })
  @ApiResponse({ status: 423, type: AuthErrorDto, description: 'ACCOUNT_LOCKED: too many failed logins; wait until the time the message gives.' })
  login(@CurrentOfficer() officer: OfficerView): Promise<AccessTokenDto> {
    return this.tokens.issue(officer);
  }

  @Post('logout')
  @Roles('officer', 'supervisor')
  @HttpCode(204)
  @ApiOperation({ summary: 'Revoke the access token of this request', description: 'The token is refused from now on, until its expiry.' })
  @ApiNoContentResponse()
  logout(@CurrentOfficer() officer: OfficerView): Promise<void> {
    return this.tokens.revoke(officer as AuthenticatedOfficer);
  }

  @Get('me')
  @Roles('officer', 'supervisor')
  @ApiOperation({ summary: 'The officer the access token speaks for, with current roles' })
  @ApiOkResponse({ type: CurrentOfficerDto })
  me(@CurrentOfficer() officer: OfficerView): CurrentOfficerDto {
    return { id: officer.id, username: officer.username, displayName: officer.displayName, roles: officer.roles, unitId: this.config.UNIT_ID };
  }
}
