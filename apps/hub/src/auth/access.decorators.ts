import { applyDecorators, createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { ApiBearerAuth, ApiForbiddenResponse, ApiUnauthorizedResponse } from '@nestjs/swagger';
import type { Request } from 'express';
import { type AdminRole } from '../accounts/admin-roles';
import { type AuthenticatedAdmin, isAuthenticatedAdmin } from '../accounts/authenticated-admin';
import { declareAccess, markOpenDuringPasswordChange } from './access-rule';
import { AccessErrorDto } from './dto/access-error.dto';

/**
 * The route needs no caller: health, the JWKS, the signed directory snapshot, login. Every
 * hub route declares one of @Public(), @NodeAuth(), @AuditReader() or @AdminRoles(); one that
 * declares none is refused by the global HubAccessGuard (docs/adr-admin-accounts.md).
 */
export function Public(): MethodDecorator & ClassDecorator {
  return declareAccess({ kind: 'public' });
}

/**
 * The route needs a coordinator's or auditor's access token (typ cicu-admin-token+jwt), of an
 * account whose role is one of `roles`. A node's client assertion is refused here.
 */
export function AdminRoles(...roles: [AdminRole, ...AdminRole[]]): MethodDecorator & ClassDecorator {
  return applyDecorators(
    declareAccess({ kind: 'admin', roles }),
    ApiBearerAuth(),
    ApiUnauthorizedResponse({ type: AccessErrorDto, description: 'UNAUTHENTICATED: no, an invalid, expired or revoked access token (refresh it or log in again).' }),
    ApiForbiddenResponse({ type: AccessErrorDto, description: `FORBIDDEN: the account's role is not ${roles.join(' or ')}; PASSWORD_CHANGE_REQUIRED: change the one-time password first.` }),
  );
}

/** On an @AdminRoles() route: open to an account that must still change its one-time password. */
export function OpenDuringPasswordChange(): MethodDecorator {
  return markOpenDuringPasswordChange();
}

/** The coordinator or auditor of an @AdminRoles() (or @AuditReader()) route. */
export const CurrentAdmin = createParamDecorator((_data: unknown, context: ExecutionContext): AuthenticatedAdmin => {
  const user = context.switchToHttp().getRequest<Request & { user?: unknown }>().user;
  // Only reachable on a route without @AdminRoles(): a programming error, not the caller's.
  if (!isAuthenticatedAdmin(user)) throw new Error('@CurrentAdmin() used on a route that authenticates no coordinator or auditor');
  return user;
});

// The node routes' declarations, so that every access declaration of the hub comes from this file.
export { AuditReader, CurrentNode, NodeAuth } from './node-auth.decorators';
// What an @AdminRoles() handler works with: the caller, and its name in the audit log.
export { type AuthenticatedAdmin, actorOf } from '../accounts/authenticated-admin';
