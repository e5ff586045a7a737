import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import type { Request } from 'express';
import { Strategy } from 'passport-custom';
import { AuthError } from './auth.errors';
import { type AuthenticatedOfficer } from './authenticated-officer';
import { OfficerTokensService } from './officer-tokens.service';

export const OFFICER_JWT_STRATEGY = 'officer-jwt';

// RFC 6750 §2.1 b64token; the scheme is case-insensitive (RFC 7235 §2.1).
const BEARER = /^Bearer +([A-Za-z0-9._~+/-]+=*)$/i;

/** Reads `Authorization: Bearer <access token>` and hands it to OfficerTokensService. */
@Injectable()
export class OfficerJwtStrategy extends PassportStrategy(Strategy, OFFICER_JWT_STRATEGY) {
  constructor(private readonly tokens: OfficerTokensService) {
    super();
  }

  async validate(req: Request): Promise<AuthenticatedOfficer> {
    const header = req.headers.authorization;
    const match = typeof header === 'string' ? BEARER.exec(header) : null;
    if (match === null) throw new AuthError('UNAUTHENTICATED', 'an Authorization: Bearer <access token> header is required');
    return this.tokens.verify(match[1] as string);
  }
}
