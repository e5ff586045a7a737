import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import type { Request } from 'express';
import { HubAuthService } from './hub-auth.service';
import { InboxError } from './inbox.errors';

// RFC 6750 §2.1 b64token; the scheme is case-insensitive (RFC 7235 §2.1).
const BEARER = /^Bearer +([A-Za-z0-9._~+/-]+=*)$/i;

/**
 * Lets a request through only with `Authorization: Bearer <hub assertion>`. Refusals are
 * InboxErrors, mapped to `{ code, message }` by the inbox's exception filter.
 */
@Injectable()
export class HubAuthGuard implements CanActivate {
  constructor(private readonly auth: HubAuthService) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const header = context.switchToHttp().getRequest<Request>().headers.authorization;
    const match = typeof header === 'string' ? BEARER.exec(header) : null;
    if (match === null) throw new InboxError('UNAUTHENTICATED', 'an Authorization: Bearer <hub assertion> header is required');
    await this.auth.authenticate(match[1] as string);
    return true;
  }
}
