import { Inject, Injectable } from '@nestjs/common';
import type Redis from 'ioredis';
import { REDIS_CLIENT } from '@cicu/shared';

const PREFIX = 'hub:jti:';

/** Remembers each assertion's jti until the assertion could no longer be accepted anyway. */
@Injectable()
export class JtiReplayCache {
  constructor(@Inject(REDIS_CLIENT) private readonly redis: Redis) {}

  /**
   * Records (nodeId, jti) for `ttlMs`; false if it was already recorded. Atomic (SET NX), so
   * two hub instances racing on the same assertion accept it once. Keyed by node as well: a
   * node cannot burn another node's jti values.
   */
  async firstUse(nodeId: string, jti: string, ttlMs: number): Promise<boolean> {
    const result = await this.redis.set(`${PREFIX}${nodeId}:${jti}`, '1', 'PX', Math.max(1, Math.ceil(ttlMs)), 'NX');
    return result === 'OK';
  }
}
