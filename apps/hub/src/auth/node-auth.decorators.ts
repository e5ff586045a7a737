import { applyDecorators, createParamDecorator, type ExecutionContext, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiForbiddenResponse, ApiUnauthorizedResponse } from '@nestjs/swagger';
import type { Request } from 'express';
import { type AuthenticatedNode } from './authenticated-node';
import { AuthErrorDto } from './dto/auth-error.dto';
import { AuditReaderGuard } from './audit-reader.guard';
import { NodeAuthGuard } from './node-auth.guard';

/** The route requires a node's client assertion (Authorization: Bearer, typ cicu-node-assertion+jwt). */
export function NodeAuth(): MethodDecorator & ClassDecorator {
  return applyDecorators(
    UseGuards(NodeAuthGuard),
    ApiBearerAuth(),
    ApiUnauthorizedResponse({ type: AuthErrorDto, description: 'No, or an unacceptable, client assertion (code says why; REPLAY: sign a new one).' }),
    ApiForbiddenResponse({ type: AuthErrorDto, description: 'NODE_NOT_ACTIVE or SENDER_SUSPENDED.' }),
  );
}

/** The route reads the audit log: AUDIT_READER_STRATEGIES (a node's client assertion today; auditors with issue 4). */
export function AuditReader(): MethodDecorator & ClassDecorator {
  return applyDecorators(
    UseGuards(AuditReaderGuard),
    ApiBearerAuth(),
    ApiUnauthorizedResponse({ type: AuthErrorDto, description: 'No, or an unacceptable, client assertion (code says why).' }),
    ApiForbiddenResponse({ type: AuthErrorDto, description: 'NODE_NOT_ACTIVE or SENDER_SUSPENDED.' }),
  );
}

/** The AuthenticatedNode of a @NodeAuth() route. */
export const CurrentNode = createParamDecorator((_data: unknown, context: ExecutionContext): AuthenticatedNode => {
  const node = context.switchToHttp().getRequest<Request & { user?: AuthenticatedNode }>().user;
  // Only reachable on a route without @NodeAuth(): a programming error, not the caller's.
  if (node === undefined) throw new Error('@CurrentNode() used on a route without @NodeAuth()');
  return node;
});
