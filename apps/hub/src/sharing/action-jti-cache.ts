import { Inject, Injectable } from '@nestjs/common';
import type Redis from 'ioredis';
import { REDIS_CLIENT } from '@cicu/shared';

const PREFIX = 'hub:sharing-jti:';

/** Remembers each sharing action's jti for as long as its iat could still be accepted. */
@Injectable()
export class ActionJtiCache {
  constructor(@Inject(REDIS_CLIENT) private readonly redis: Redis) {}

  /** Records (nodeId, jti); false if it was recorded before. Atomic (SET NX) across hub replicas. */
  async firstUse(nodeId: string, jti: string, ttlMs: number): Promise<boolean> {
    return (await this.redis.set(`${PREFIX}${nodeId}:${jti}`, '1', 'PX', Math.max(1, Math.ceil(ttlMs)), 'NX')) === 'OK';
  }
}
