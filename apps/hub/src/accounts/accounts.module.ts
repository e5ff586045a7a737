import { Module } from '@nestjs/common';
import { PassportModule } from '@nestjs/passport';
import { PasswordHasher } from '@cicu/shared';
import { AccountsController } from './accounts.controller';
import { AccountsRepository } from './accounts.repository';
import { AccountsService } from './accounts.service';
import { AdminAuthController } from './admin-auth.controller';
import { AdminLocalStrategy } from './admin-local.strategy';
import { AdminLoginService } from './admin-login.service';
import { AdminTokensService } from './admin-tokens.service';
import { AdminTokenStrategy } from './admin-token.strategy';
import { DemoAdminsBootstrap } from './demo-admins.bootstrap';

/**
 * Coordinators' and auditors' accounts: login (passport-local 'admin-local'), access and
 * refresh tokens (passport-custom 'admin-token', which AdminAuthGuard and the audit readers
 * run), accounts. See docs/adr-admin-accounts.md.
 */
@Module({
  imports: [PassportModule.register({ session: false })],
  controllers: [AdminAuthController, AccountsController],
  providers: [AccountsRepository, AccountsService, PasswordHasher, AdminTokensService, AdminLoginService, AdminLocalStrategy, AdminTokenStrategy, DemoAdminsBootstrap],
  exports: [AccountsService],
})
export class AccountsModule {}

