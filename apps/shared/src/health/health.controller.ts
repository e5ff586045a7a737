import { Controller, Get, Inject, Optional } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, type HealthIndicatorFunction, HealthIndicatorService, TypeOrmHealthIndicator } from '@nestjs/terminus';
import type Redis from 'ioredis';
import { REDIS_CLIENT } from '../redis/redis.module';

/**
 * Optional, app-specific checks added to /health (e.g. the node's directory staleness):
 * provide this token from a global module with a list of terminus indicator functions.
 */
export const HEALTH_CHECKS = Symbol('HEALTH_CHECKS');

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly db: TypeOrmHealthIndicator,
    private readonly indicators: HealthIndicatorService,
    @Inject(REDIS_CLIENT) private readonly redis: Redis,
    @Optional() @Inject(HEALTH_CHECKS) private readonly extra: HealthIndicatorFunction[] | null = null,
  ) {}

  @Get()
  @HealthCheck()
  @ApiOperation({ summary: 'Database and Redis reachability (503 when either is down)' })
  check() {
    return this.health.check([() => this.db.pingCheck('database', { timeout: 1500 }), () => this.pingRedis(), ...(this.extra ?? [])]);
  }

  private async pingRedis() {
    const session = this.indicators.check('redis');
    try {
      await this.redis.ping();
      return session.up();
    } catch {
      return session.down('Redis does not answer');
    }
  }
}
