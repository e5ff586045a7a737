import { type ExecutionContext, Injectable } from '@nestjs/common';
import { AuthGuard } from '@nestjs/passport';
import type { Request } from 'express';
import { LoginRequest, schemaChecker } from '@cicu/shared';
import { AccessError } from '../auth/access.errors';
import { ADMIN_LOCAL_STRATEGY } from './admin-local.strategy';

const checkLogin = schemaChecker(LoginRequest);

/**
 * Validates the login body (guards run before pipes, and passport-local would only say
 * "missing credentials"), then runs the admin-local strategy, which logs in. Refusals are
 * AccessErrors, mapped by the hub's exception filter.
 */
@Injectable()
export class AdminLoginGuard extends AuthGuard(ADMIN_LOCAL_STRATEGY) {
  override async canActivate(context: ExecutionContext): Promise<boolean> {
    const checked = checkLogin(context.switchToHttp().getRequest<Request>().body);
    if (!checked.ok) throw new AccessError('VALIDATION', 'the login request is invalid', checked.issues);
    return (await super.canActivate(context)) as boolean;
  }

  override handleRequest<TUser>(error: unknown, user: TUser): TUser {
    if (error) throw error;
    if (!user) throw new AccessError('INVALID_CREDENTIALS', 'unknown username or wrong password');
    return user;
  }
}
