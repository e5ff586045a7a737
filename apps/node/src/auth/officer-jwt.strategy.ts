import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import type { Request } from 'express';
import { Strategy } from 'passport-custom';
import { bearerToken } from '@cicu/shared';
import { AuthError } from './auth.errors';
import { type AuthenticatedOfficer } from './authenticated-officer';
import { OfficerTokensService } from './officer-tokens.service';

export const OFFICER_JWT_STRATEGY = 'officer-jwt';

/** Reads `Authorization: Bearer <access token>` and hands it to OfficerTokensService. */
@Injectable()
export class OfficerJwtStrategy extends PassportStrategy(Strategy, OFFICER_JWT_STRATEGY) {
  constructor(private readonly tokens: OfficerTokensService) {
    super();
  }

  async validate(req: Request): Promise<AuthenticatedOfficer> {
    const token = bearerToken(req);
    if (token === undefined) throw new AuthError('UNAUTHENTICATED', 'an Authorization: Bearer <access token> header is required');
    return this.tokens.verify(token);
  }
}
