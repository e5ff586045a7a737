import { type CanActivate, type ExecutionContext, Inject, Injectable, Logger, type Type } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { type AdminRole, ADMIN_ROLES } from '../accounts/admin-roles';
import { isAuthenticatedAdmin } from '../accounts/authenticated-admin';
import { AccessError } from './access.errors';
import { accessRuleOf, isOpenDuringPasswordChange } from './access-rule';
import { AdminAuthGuard } from './admin-auth.guard';
import { AuditReaderGuard } from './audit-reader.guard';
import { NodeAuthGuard } from './node-auth.guard';

/**
 * Controllers of shared modules (health, JWKS) that cannot carry the hub's @Public() but are
 * public: listed once, in app.module.ts.
 */
export const PUBLIC_CONTROLLERS = Symbol('PUBLIC_CONTROLLERS');

/**
 * The hub's global guard (APP_GUARD), deny by default: a route runs only if it declares who
 * may call it: @Public(), @NodeAuth() (NodeAuthGuard), @AuditReader() (AuditReaderGuard) or
 * @AdminRoles(...) (AdminAuthGuard, then the role). Anything else is a programming error,
 * logged loudly and refused. See docs/adr-admin-accounts.md.
 */
@Injectable()
export class HubAccessGuard implements CanActivate {
  private readonly logger = new Logger(HubAccessGuard.name);
  private readonly publicControllers: ReadonlySet<object>;

  constructor(
    private readonly reflector: Reflector,
    private readonly nodes: NodeAuthGuard,
    private readonly auditReaders: AuditReaderGuard,
    private readonly admins: AdminAuthGuard,
    @Inject(PUBLIC_CONTROLLERS) publicControllers: readonly Type[],
  ) {
    this.publicControllers = new Set(publicControllers);
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const controller = context.getClass();
    if (this.publicControllers.has(controller)) return true;
    const handler = context.getHandler();
    const rule = accessRuleOf(this.reflector, handler, controller);
    switch (rule.kind) {
      case 'public':
        return true;
      case 'undeclared':
      case 'ambiguous':
        // A programming error, said loudly in the log; the caller only learns "no".
        this.logger.error(`${controller.name}.${handler.name} declares no valid access rule (${rule.kind}): refused`);
        throw new AccessError('FORBIDDEN', 'this route is not open to anyone');
      case 'node':
        return this.nodes.canActivate(context) as Promise<boolean>;
      case 'audit-reader':
        await this.auditReaders.canActivate(context);
        return this.admitAdmin(context, ADMIN_ROLES, { required: false });
      case 'admin':
        await this.admins.canActivate(context);
        return this.admitAdmin(context, rule.roles, { required: true });
      default: {
        const unhandled: never = rule;
        return unhandled;
      }
    }
  }

  /** The authenticated coordinator or auditor holds one of `roles` and, unless the route allows it, no pending password change. */
  private admitAdmin(context: ExecutionContext, roles: readonly AdminRole[], { required }: { required: boolean }): boolean {
    const user = context.switchToHttp().getRequest<Request & { user?: unknown }>().user;
    if (!isAuthenticatedAdmin(user)) {
      if (required) throw new AccessError('UNAUTHENTICATED', 'a coordinator or auditor access token is required');
      return true;
    }
    if (!roles.includes(user.role)) throw new AccessError('FORBIDDEN', `this route needs the role ${roles.join(' or ')}`);
    if (user.passwordChangeRequired && !isOpenDuringPasswordChange(this.reflector, context.getHandler())) {
      throw new AccessError('PASSWORD_CHANGE_REQUIRED', 'change the one-time password first (POST /v1/admin/auth/password)');
    }
    return true;
  }
}
