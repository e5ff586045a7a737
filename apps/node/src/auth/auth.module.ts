import { type DynamicModule, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { PassportModule } from '@nestjs/passport';
import { AccessGuard } from './access.guard';
import { AuthController } from './auth.controller';
import { AUTH_OPTIONS, type AuthOptions } from './auth.options';
import { CredentialsService } from './credentials.service';
import { LocalStrategy } from './local.strategy';
import { OfficerJwtStrategy } from './officer-jwt.strategy';
import { OfficerTokensService } from './officer-tokens.service';
import { TokenRevocations } from './token-revocations';

/**
 * Officer login (passport-local), access tokens (passport-custom 'officer-jwt') and the
 * node's global, deny-by-default AccessGuard: every route declares @Public() or @Roles().
 * See docs/adr-officer-auth.md.
 */
@Module({})
export class AuthModule {
  static forRoot(options: AuthOptions, officers: DynamicModule): DynamicModule {
    return {
      module: AuthModule,
      imports: [PassportModule.register({ session: false }), officers],
      controllers: [AuthController],
      providers: [
        { provide: AUTH_OPTIONS, useValue: options },
        CredentialsService,
        OfficerTokensService,
        TokenRevocations,
        LocalStrategy,
        OfficerJwtStrategy,
        { provide: APP_GUARD, useClass: AccessGuard },
      ],
    };
  }
}
