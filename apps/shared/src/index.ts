/**
 * Shared NestJS infrastructure for the two apps (configuration, database, Redis, health,
 * logging, OpenAPI). Unlike libs/protocol and libs/crypto this library does I/O; it holds
 * no business rule.
 */
export { ConfigError, parseEnv } from './config/parse-env';
export { CommonSettings } from './config/common-settings';
export { DatabaseModule, type DatabaseOptions } from './database/database.module';
export { startEmbeddedPostgres, type EmbeddedPostgres } from './database/embedded-postgres';
export { RedisModule, REDIS_CLIENT } from './redis/redis.module';
export { assertRedisReachable, redactUrl } from './redis/check-redis';
export { HealthModule } from './health/health.module';
export { LoggingModule } from './logging/logging.module';
export { createApp } from './bootstrap';
export { buildOpenApiDocument, serveSwaggerUi, type ApiDescription } from './openapi/openapi-document';
