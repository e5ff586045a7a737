import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import { type AdminLogin } from './admin-login.service';

/** The login AdminLoginGuard just made (account and tokens). */
export const CurrentLogin = createParamDecorator((_data: unknown, context: ExecutionContext): AdminLogin => {
  const login = context.switchToHttp().getRequest<Request & { user?: AdminLogin }>().user;
  // Only reachable on a route without AdminLoginGuard: a programming error.
  if (login === undefined) throw new Error('@CurrentLogin() used on a route without AdminLoginGuard');
  return login;
});
