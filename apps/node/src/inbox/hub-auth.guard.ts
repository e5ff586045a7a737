import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import type { Request } from 'express';
import { bearerToken } from '@cicu/shared';
import { HubAuthService } from './hub-auth.service';
import { InboxError } from './inbox.errors';

/**
 * Lets a request through only with `Authorization: Bearer <hub assertion>`. Refusals are
 * InboxErrors, mapped to `{ code, message }` by the inbox's exception filter.
 */
@Injectable()
export class HubAuthGuard implements CanActivate {
  constructor(private readonly auth: HubAuthService) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const token = bearerToken(context.switchToHttp().getRequest<Request>());
    if (token === undefined) throw new InboxError('UNAUTHENTICATED', 'an Authorization: Bearer <hub assertion> header is required');
    await this.auth.authenticate(token);
    return true;
  }
}
