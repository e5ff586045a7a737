import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import type { Request } from 'express';
import { Strategy } from 'passport-custom';
import { bearerToken } from '@cicu/shared';
import { type AuthenticatedNode } from './authenticated-node';
import { NodeAuthError } from './node-auth.errors';
import { NodeAuthService } from './node-auth.service';

export const NODE_ASSERTION_STRATEGY = 'node-assertion';

/** Reads `Authorization: Bearer <client assertion>` and hands it to NodeAuthService. */
@Injectable()
export class NodeAssertionStrategy extends PassportStrategy(Strategy, NODE_ASSERTION_STRATEGY) {
  constructor(private readonly auth: NodeAuthService) {
    super();
  }

  async validate(req: Request): Promise<AuthenticatedNode> {
    const token = bearerToken(req);
    if (token === undefined) throw new NodeAuthError('UNAUTHENTICATED', 'an Authorization: Bearer <client assertion> header is required');
    return this.auth.authenticate(token);
  }
}
