import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import type { Request } from 'express';
import { Strategy } from 'passport-custom';
import { type AuthenticatedNode } from './authenticated-node';
import { NodeAuthError } from './node-auth.errors';
import { NodeAuthService } from './node-auth.service';

export const NODE_ASSERTION_STRATEGY = 'node-assertion';

// RFC 6750 §2.1 b64token; the scheme is case-insensitive (RFC 7235 §2.1).
const BEARER = /^Bearer +([A-Za-z0-9._~+/-]+=*)$/i;

/** Reads `Authorization: Bearer <client assertion>` and hands it to NodeAuthService. */
@Injectable()
export class NodeAssertionStrategy extends PassportStrategy(Strategy, NODE_ASSERTION_STRATEGY) {
  constructor(private readonly auth: NodeAuthService) {
    super();
  }

  async validate(req: Request): Promise<AuthenticatedNode> {
    const header = req.headers.authorization;
    const match = typeof header === 'string' ? BEARER.exec(header) : null;
    if (match === null) throw new NodeAuthError('UNAUTHENTICATED', 'an Authorization: Bearer <client assertion> header is required');
    return this.auth.authenticate(match[1] as string);
  }
}
