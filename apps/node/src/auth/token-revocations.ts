import { Inject, Injectable } from '@nestjs/common';
import type Redis from 'ioredis';
import { REDIS_CLIENT } from '@cicu/shared';
import { AUTH_OPTIONS, type AuthOptions } from './auth.options';

/** Revoked access tokens (logout), by jti, kept in Redis until the token would expire anyway. */
@Injectable()
export class TokenRevocations {
  private readonly prefix: string;

  constructor(
    @Inject(REDIS_CLIENT) private readonly redis: Redis,
    @Inject(AUTH_OPTIONS) options: AuthOptions,
  ) {
    // Several nodes may share one Redis (the demo does): keys are per unit.
    this.prefix = `cicu-node-${options.unitId}:revoked-token:`;
  }

  async revoke(jti: string, expSeconds: number): Promise<void> {
    await this.redis.set(`${this.prefix}${jti}`, '1', 'EXAT', expSeconds);
  }

  async isRevoked(jti: string): Promise<boolean> {
    return (await this.redis.exists(`${this.prefix}${jti}`)) === 1;
  }
}
