import { applyDecorators, createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { ApiBearerAuth, ApiForbiddenResponse, ApiUnauthorizedResponse } from '@nestjs/swagger';
import type { Request } from 'express';
import { declareAccess } from './access-rule';
import { type AuthenticatedNode } from './authenticated-node';
import { AuthErrorDto } from './dto/auth-error.dto';

/**
 * The route requires a node's client assertion (Authorization: Bearer, typ
 * cicu-node-assertion+jwt); the global HubAccessGuard runs NodeAuthGuard for it.
 */
export function NodeAuth(): MethodDecorator & ClassDecorator {
  return applyDecorators(
    declareAccess({ kind: 'node' }),
    ApiBearerAuth(),
    ApiUnauthorizedResponse({ type: AuthErrorDto, description: 'No, or an unacceptable, client assertion (code says why; REPLAY: sign a new one).' }),
    ApiForbiddenResponse({ type: AuthErrorDto, description: 'NODE_NOT_ACTIVE or SENDER_SUSPENDED.' }),
  );
}

/**
 * The route reads the audit log: AUDIT_READER_STRATEGIES, a node's client assertion or a
 * coordinator's or auditor's access token.
 */
export function AuditReader(): MethodDecorator & ClassDecorator {
  return applyDecorators(
    declareAccess({ kind: 'audit-reader' }),
    ApiBearerAuth(),
    ApiUnauthorizedResponse({ type: AuthErrorDto, description: 'No, or an unacceptable, client assertion or access token (code says why).' }),
    ApiForbiddenResponse({ type: AuthErrorDto, description: 'NODE_NOT_ACTIVE, SENDER_SUSPENDED or PASSWORD_CHANGE_REQUIRED.' }),
  );
}

/** The AuthenticatedNode of a @NodeAuth() route. */
export const CurrentNode = createParamDecorator((_data: unknown, context: ExecutionContext): AuthenticatedNode => {
  const node = context.switchToHttp().getRequest<Request & { user?: AuthenticatedNode }>().user;
  // Only reachable on a route without @NodeAuth(): a programming error, not the caller's.
  if (node === undefined) throw new Error('@CurrentNode() used on a route without @NodeAuth()');
  return node;
});
