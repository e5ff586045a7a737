import { type ExecutionContext, Injectable } from '@nestjs/common';
import { AuthGuard } from '@nestjs/passport';
import type { Request } from 'express';
import { LoginRequest, schemaChecker } from '@cicu/shared';
import { asHttp } from './access.guard';
import { AuthError } from './auth.errors';
import { LOCAL_STRATEGY } from './local.strategy';

const checkLogin = schemaChecker(LoginRequest);

/**
 * Validates the login body (guards run before pipes, and passport-local would only say
 * "missing credentials"), then runs the local strategy. Refusals become `{code, message}`.
 */
@Injectable()
export class LoginGuard extends AuthGuard(LOCAL_STRATEGY) {
  override async canActivate(context: ExecutionContext): Promise<boolean> {
    try {
      const checked = checkLogin(context.switchToHttp().getRequest<Request>().body);
      if (!checked.ok) throw new AuthError('VALIDATION', 'the login request is invalid', checked.issues);
      return (await super.canActivate(context)) as boolean;
    } catch (error) {
      throw asHttp(error);
    }
  }

  override handleRequest<TUser>(error: unknown, user: TUser): TUser {
    if (error) throw error;
    if (!user) throw new AuthError('INVALID_CREDENTIALS', 'unknown username or wrong password');
    return user;
  }
}
