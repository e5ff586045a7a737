import { Inject, Injectable } from '@nestjs/common';
import type Redis from 'ioredis';
import { REDIS_CLIENT } from '@cicu/shared';

/** Remembers each hub assertion's jti until the assertion could no longer be accepted anyway. */
@Injectable()
export class HubJtiCache {
  constructor(@Inject(REDIS_CLIENT) private readonly redis: Redis) {}

  /** Records `jti` for `ttlMs` under this node's unit; false if it was already recorded (atomic SET NX). */
  async firstUse(unitId: string, jti: string, ttlMs: number): Promise<boolean> {
    const result = await this.redis.set(`node:${unitId}:hub-jti:${jti}`, '1', 'PX', Math.max(1, Math.ceil(ttlMs)), 'NX');
    return result === 'OK';
  }
}
