import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { type Static, Type } from '@sinclair/typebox';
import { KeyringService, schemaChecker, SelfIssuedTokenError, VerifiedTokens, verifySelfIssuedToken } from '@cicu/shared';
import { OFFICER_ROLES } from '../officers/officer-roles';
import { OfficersService, type OfficerView } from '../officers/officers.service';
import { AuthError } from './auth.errors';
import { AUTH_OPTIONS, type AuthOptions } from './auth.options';
import { type AuthenticatedOfficer } from './authenticated-officer';
import { TokenRevocations } from './token-revocations';

export const OFFICER_TOKEN_TYP = 'cicu-officer-token+jwt';

const OfficerTokenClaims = Type.Object(
  {
    sub: Type.String({ format: 'uuid' }),
    aud: Type.String({ minLength: 1 }),
    roles: Type.Array(Type.Union(OFFICER_ROLES.map((r) => Type.Literal(r))), { maxItems: OFFICER_ROLES.length }),
    iat: Type.Integer({ minimum: 0 }),
    exp: Type.Integer({ minimum: 0 }),
    jti: Type.String({ format: 'uuid' }),
  },
  { additionalProperties: false },
);
type OfficerTokenClaims = Static<typeof OfficerTokenClaims>;
const checkClaims = schemaChecker(OfficerTokenClaims);

export interface IssuedToken {
  accessToken: string;
  tokenType: 'Bearer';
  expiresIn: number;
}

/**
 * Officers' access tokens: JWTs signed with the node's own signing key (EdDSA, typ
 * cicu-officer-token+jwt, aud = the unit), short-lived, revocable by jti.
 */
@Injectable()
export class OfficerTokensService {
  private readonly logger = new Logger(OfficerTokensService.name);
  /** An officer's calls carry the same token for its lifetime: its signature is checked once. */
  private readonly verified = new VerifiedTokens<OfficerTokenClaims>();

  constructor(
    private readonly keyring: KeyringService,
    private readonly officers: OfficersService,
    private readonly revocations: TokenRevocations,
    @Inject(AUTH_OPTIONS) private readonly options: AuthOptions,
  ) {}

  async issue(officer: OfficerView, now: Date = new Date()): Promise<IssuedToken> {
    const iat = Math.floor(now.getTime() / 1000);
    const ttl = this.options.accessTokenTtlSeconds;
    const claims = { sub: officer.id, aud: this.options.unitId, roles: officer.roles, iat, exp: iat + ttl, jti: randomUUID() };
    return { accessToken: await this.keyring.sign(claims, OFFICER_TOKEN_TYP), tokenType: 'Bearer', expiresIn: ttl };
  }

  /**
   * The officer a token speaks for. Only this node's own signing keys verify (a token of
   * another node or of anyone else is UNAUTHENTICATED, as are alg none, a wrong typ, an
   * expired or revoked token, and an officer since disabled or deleted). Roles are the
   * officer's current ones: a demotion takes effect at once, not at the token's expiry.
   */
  async verify(token: string, now: Date = new Date()): Promise<AuthenticatedOfficer> {
    let claims;
    try {
      claims = await verifySelfIssuedToken(this.keyring, token, { typ: OFFICER_TOKEN_TYP, audience: this.options.unitId, maxTtlSeconds: this.options.accessTokenTtlSeconds, check: checkClaims, now, verified: this.verified });
    } catch (cause) {
      if (!(cause instanceof SelfIssuedTokenError)) throw cause;
      if (cause.code === 'expired') throw new AuthError('UNAUTHENTICATED', 'the access token has expired: log in again', [], { cause });
      const message = cause.code === 'aud' ? 'the access token is not for this node' : 'the access token is not valid';
      throw this.refuse(new AuthError('UNAUTHENTICATED', message, [], { cause }), cause.code);
    }

    let revoked: boolean;
    try {
      revoked = await this.revocations.isRevoked(claims.jti);
    } catch (cause) {
      // Fail closed: without the list a logged-out token would work again.
      throw new AuthError('AUTH_UNAVAILABLE', 'token revocation list unavailable', [], { cause });
    }
    if (revoked) throw new AuthError('UNAUTHENTICATED', 'the access token was revoked (logged out): log in again');

    const officer = await this.officers.get(claims.sub);
    if (officer === undefined || officer.status === 'disabled') throw this.refuse(new AuthError('UNAUTHENTICATED', 'the officer of this access token may no longer log in'), 'officer');
    return { ...officer, token: { jti: claims.jti, exp: claims.exp } };
  }

  /** Logout: the token is refused from now on, until it would have expired anyway. */
  async revoke(officer: AuthenticatedOfficer): Promise<void> {
    try {
      await this.revocations.revoke(officer.token.jti, officer.token.exp);
    } catch (cause) {
      throw new AuthError('AUTH_UNAVAILABLE', 'token revocation list unavailable', [], { cause });
    }
  }

  private refuse(error: AuthError, reason: string): AuthError {
    // The token itself is never logged.
    this.logger.warn({ code: error.code, reason }, `access token refused: ${error.message}`);
    return error;
  }
}
