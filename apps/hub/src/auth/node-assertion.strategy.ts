import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import type { Request } from 'express';
import { Strategy } from 'passport-custom';
import { bearerToken } from '@cicu/shared';
import { type AuthenticatedNode } from './authenticated-node';
import { NodeAuthError } from './node-auth.errors';
import { NodeAuthService } from './node-auth.service';

export const NODE_ASSERTION_STRATEGY = 'node-assertion';
/** Header (lower case, as Node.js gives it) in which a node reports the directory version it holds. */
const DIRECTORY_VERSION_HEADER = 'cicu-directory-version';

/** Reads `Authorization: Bearer <client assertion>` and hands it to NodeAuthService. */
@Injectable()
export class NodeAssertionStrategy extends PassportStrategy(Strategy, NODE_ASSERTION_STRATEGY) {
  constructor(private readonly auth: NodeAuthService) {
    super();
  }

  async validate(req: Request): Promise<AuthenticatedNode> {
    const token = bearerToken(req);
    if (token === undefined) throw new NodeAuthError('UNAUTHENTICATED', 'an Authorization: Bearer <client assertion> header is required');
    return this.auth.authenticate(token, undefined, { directoryVersion: reportedDirectoryVersion(req) });
  }
}

/** The directory version a node reports holding (docs/adr-directory.md); anything but a positive integer is ignored. */
function reportedDirectoryVersion(req: Request): number | undefined {
  const raw = req.headers[DIRECTORY_VERSION_HEADER];
  return typeof raw === 'string' && /^[1-9][0-9]{0,8}$/.test(raw) ? Number(raw) : undefined;
}
