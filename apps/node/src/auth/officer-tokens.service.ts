import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { Type } from '@sinclair/typebox';
import { isCryptoError, type PublicJwk, verifyJws } from '@cicu/crypto';
import { KeyringService } from '@cicu/shared';
import { OFFICER_ROLES } from '../officers/officer-roles';
import { OfficersService, type OfficerView } from '../officers/officers.service';
import { schemaChecker } from '../officers/schema-issues';
import { AuthError } from './auth.errors';
import { AUTH_OPTIONS, type AuthOptions } from './auth.options';
import { type AuthenticatedOfficer } from './authenticated-officer';
import { TokenRevocations } from './token-revocations';

export const OFFICER_TOKEN_TYP = 'cicu-officer-token+jwt';

// A token is a few hundred bytes; anything much larger is not one of ours.
const MAX_TOKEN_BYTES = 4096;
// Tokens are made and checked by this node (or a replica sharing its clock source).
const CLOCK_TOLERANCE_SECONDS = 5;

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
    let payload: Uint8Array;
    try {
      ({ payload } = await verifyJws(token, (kid) => this.ownSigningKey(kid), { typ: OFFICER_TOKEN_TYP, maxBytes: MAX_TOKEN_BYTES }));
    } catch (cause) {
      if (!isCryptoError(cause)) throw cause;
      throw this.refuse(new AuthError('UNAUTHENTICATED', 'the access token is not valid', [], { cause }), cause.code);
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(payload));
    } catch (cause) {
      // Signed by our key yet not JSON: not something this code issued.
      throw this.refuse(new AuthError('UNAUTHENTICATED', 'the access token is not valid', [], { cause }), 'payload');
    }
    const checked = checkClaims(parsed);
    if (!checked.ok) throw this.refuse(new AuthError('UNAUTHENTICATED', 'the access token is not valid'), 'claims');
    const claims = checked.value;
    const nowSeconds = now.getTime() / 1000;
    if (claims.aud !== this.options.unitId) throw this.refuse(new AuthError('UNAUTHENTICATED', 'the access token is not for this node'), 'aud');
    if (claims.exp <= nowSeconds) throw new AuthError('UNAUTHENTICATED', 'the access token has expired: log in again');
    if (claims.iat > nowSeconds + CLOCK_TOLERANCE_SECONDS || claims.exp - claims.iat > this.options.accessTokenTtlSeconds) {
      throw this.refuse(new AuthError('UNAUTHENTICATED', 'the access token is not valid'), 'lifetime');
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

  // The node's own signing keys, current and retired (a token may outlive a rotation by its TTL).
  private ownSigningKey(kid: string): PublicJwk | undefined {
    return this.keyring.publicJwks().keys.find((key) => key.kid === kid && key.use === 'sig');
  }

  private refuse(error: AuthError, reason: string): AuthError {
    // The token itself is never logged.
    this.logger.warn({ code: error.code, reason }, `access token refused: ${error.message}`);
    return error;
  }
}
