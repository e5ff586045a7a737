import { type ExecutionContext, HttpException, Inject, Injectable, Logger } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard } from '@nestjs/passport';
import type { Request } from 'express';
import { accessRuleOf } from './access-rule';
import { AuthError, bodyOf, httpStatusOf, isAuthError } from './auth.errors';
import { AUTH_OPTIONS, type AuthOptions } from './auth.options';
import { type AuthenticatedOfficer } from './authenticated-officer';
import { OFFICER_JWT_STRATEGY } from './officer-jwt.strategy';

/** Turns an AuthError into its `{code, message}` response; anything else is left alone. */
export function asHttp(error: unknown): unknown {
  return isAuthError(error) ? new HttpException(bodyOf(error), httpStatusOf(error.code), { cause: error }) : error;
}

/**
 * The node's global guard (APP_GUARD), deny by default: a route runs only if it declares
 * @Public() or @Roles(...) (or belongs to a shared controller listed as public in
 * AuthOptions). @Roles routes need a valid officer access token (strategy officer-jwt) and
 * one of the roles.
 */
@Injectable()
export class AccessGuard extends AuthGuard(OFFICER_JWT_STRATEGY) {
  private readonly logger = new Logger(AccessGuard.name);
  private readonly publicControllers: ReadonlySet<object>;

  constructor(
    private readonly reflector: Reflector,
    @Inject(AUTH_OPTIONS) options: AuthOptions,
  ) {
    super();
    this.publicControllers = new Set(options.publicControllers);
  }

  override async canActivate(context: ExecutionContext): Promise<boolean> {
    const controller = context.getClass();
    if (this.publicControllers.has(controller)) return true;
    const rule = accessRuleOf(this.reflector, context.getHandler(), controller);
    try {
      switch (rule.kind) {
        case 'public':
          return true;
        case 'undeclared':
        case 'ambiguous':
          // A programming error, said loudly in the log; the caller only learns "no".
          this.logger.error(`${controller.name}.${context.getHandler().name} declares no valid access rule (${rule.kind}): refused`);
          throw new AuthError('FORBIDDEN', 'this route is not open to anyone');
        case 'roles': {
          await super.canActivate(context);
          const officer = context.switchToHttp().getRequest<Request & { user: AuthenticatedOfficer }>().user;
          if (!officer.roles.some((role) => rule.roles.includes(role))) {
            throw new AuthError('FORBIDDEN', `this route needs one of the roles ${rule.roles.join(', ')}`);
          }
          return true;
        }
        default: {
          const unhandled: never = rule;
          return unhandled;
        }
      }
    } catch (error) {
      throw asHttp(error);
    }
  }

  override handleRequest<TUser>(error: unknown, user: TUser): TUser {
    if (error) throw error;
    if (!user) throw new AuthError('UNAUTHENTICATED', 'authentication required');
    return user;
  }
}
