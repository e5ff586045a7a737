import { applyDecorators, createParamDecorator, type ExecutionContext, SetMetadata } from '@nestjs/common';
import { ApiBearerAuth, ApiForbiddenResponse, ApiServiceUnavailableResponse, ApiUnauthorizedResponse } from '@nestjs/swagger';
import type { Request } from 'express';
import { type OfficerRole } from '../officers/officer-roles';
import { type OfficerView } from '../officers/officers.service';
import { AuthErrorDto } from './dto/auth-error.dto';

export const PUBLIC_KEY = 'cicu:access:public';
export const ROLES_KEY = 'cicu:access:roles';

/**
 * The route needs no officer. Used for login and by routes that authenticate their callers
 * another way (the inbox: the hub's assertion), which then add their own guard.
 */
export function Public(): MethodDecorator & ClassDecorator {
  return SetMetadata(PUBLIC_KEY, true);
}

/** The route needs an officer's access token, of an officer holding at least one of `roles`. */
export function Roles(...roles: [OfficerRole, ...OfficerRole[]]): MethodDecorator & ClassDecorator {
  return applyDecorators(
    SetMetadata(ROLES_KEY, roles),
    ApiBearerAuth(),
    ApiUnauthorizedResponse({ type: AuthErrorDto, description: 'UNAUTHENTICATED: no, an invalid, expired or revoked access token.' }),
    ApiForbiddenResponse({ type: AuthErrorDto, description: `FORBIDDEN: the officer holds none of the roles ${roles.join(', ')}.` }),
    ApiServiceUnavailableResponse({ type: AuthErrorDto, description: 'AUTH_UNAVAILABLE: the revocation list (Redis) does not answer.' }),
  );
}

/** The officer of the request: set by the login guard (login) or the access guard (@Roles routes). */
export const CurrentOfficer = createParamDecorator((_data: unknown, context: ExecutionContext): OfficerView => {
  const officer = context.switchToHttp().getRequest<Request & { user?: OfficerView }>().user;
  // Only reachable on a route without @Roles() or the login guard: a programming error.
  if (officer === undefined) throw new Error('@CurrentOfficer() used on a route that authenticates no officer');
  return officer;
});
