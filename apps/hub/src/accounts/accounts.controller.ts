import { Body, Controller, Get, Header, Post } from '@nestjs/common';
import { ApiBadRequestResponse, ApiBody, ApiConflictResponse, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AdminRoles, CurrentAdmin } from '../auth/access.decorators';
import { AccountsService, type CreatedAccount } from './accounts.service';
import { type AuthenticatedAdmin } from './authenticated-admin';
import { AccountErrorDto, AdminAccountDto, CreatedAdminAccountDto, CreateAdminAccountRequestDto } from './dto/accounts.dto';

@ApiTags('admin: accounts')
@Controller('v1/admin/accounts')
export class AccountsController {
  constructor(private readonly accounts: AccountsService) {}

  @Get()
  @AdminRoles('coordinator')
  @ApiOperation({ summary: 'The coordinators and auditors', description: 'Never includes password hashes or lockout counters.' })
  @ApiOkResponse({ type: [AdminAccountDto] })
  list(): Promise<AdminAccountDto[]> {
    return this.accounts.list();
  }

  @Post()
  @AdminRoles('coordinator')
  @Header('Cache-Control', 'no-store')
  @ApiOperation({
    summary: 'Create a coordinator or auditor account',
    description: 'The hub makes a one-time password, returned once: the account must change it at its first login. Audited.',
  })
  @ApiBody({ type: CreateAdminAccountRequestDto })
  @ApiCreatedResponse({ type: CreatedAdminAccountDto })
  @ApiBadRequestResponse({ type: AccountErrorDto, description: 'INVALID_ACCOUNT, with issues.' })
  @ApiConflictResponse({ type: AccountErrorDto, description: 'USERNAME_TAKEN.' })
  create(@CurrentAdmin() admin: AuthenticatedAdmin, @Body() body: unknown): Promise<CreatedAccount> {
    return this.accounts.create(admin, body);
  }
}
