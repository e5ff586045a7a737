import { type Type } from '@nestjs/common';

export const AUTH_OPTIONS = Symbol('AUTH_OPTIONS');

export interface AuthOptions {
  /** UNIT_ID: the audience of this node's officer tokens. */
  unitId: string;
  /** ACCESS_TOKEN_TTL_SECONDS */
  accessTokenTtlSeconds: number;
  /** LOGIN_MAX_FAILURES: consecutive failed logins that lock an account. */
  maxFailures: number;
  /** LOGIN_LOCKOUT_SECONDS: how long a lock lasts. */
  lockoutSeconds: number;
  /**
   * Controllers of shared modules (health, JWKS) that cannot carry the node's @Public() but
   * are public: the access guard lets their routes through.
   */
  publicControllers: readonly Type[];
}
