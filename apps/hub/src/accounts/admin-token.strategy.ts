import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import type { Request } from 'express';
import { Strategy } from 'passport-custom';
import { bearerToken, unverifiedJwsTyp } from '@cicu/shared';
import { ADMIN_TOKEN_STRATEGY } from '../auth/admin-auth.guard';
import { type AuthenticatedAdmin } from './authenticated-admin';
import { ADMIN_TOKEN_TYP, AdminTokensService } from './admin-tokens.service';

/**
 * Reads `Authorization: Bearer <access token>` and hands it to AdminTokensService. A bearer
 * that is not an admin token at all (no header, a node's assertion) is passed over without an
 * error (null): Passport then tries the route's next strategy, or the guard answers
 * UNAUTHENTICATED. Nothing is verified on the unverified typ: it only picks the strategy.
 */
@Injectable()
export class AdminTokenStrategy extends PassportStrategy(Strategy, ADMIN_TOKEN_STRATEGY) {
  constructor(private readonly tokens: AdminTokensService) {
    super();
  }

  async validate(req: Request): Promise<AuthenticatedAdmin | null> {
    const token = bearerToken(req);
    if (token === undefined || unverifiedJwsTyp(token) !== ADMIN_TOKEN_TYP) return null;
    return this.tokens.verify(token);
  }
}
