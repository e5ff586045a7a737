/**
 * Shared NestJS infrastructure for the two apps (configuration, database, Redis, health,
 * logging, OpenAPI, the sealed keyring). Unlike libs/protocol and libs/crypto this library does I/O; it holds
 * no business rule.
 */
export { ConfigError, parseEnv } from './config/parse-env';
export { CommonSettings } from './config/common-settings';
export { DatabaseModule, type DatabaseOptions } from './database/database.module';
export { entityHydrator, entityRows } from './database/entity-rows';
export { EMBEDDED_POOL_SIZE, startEmbeddedPostgres, type EmbeddedPostgres } from './database/embedded-postgres';
export { RedisModule, REDIS_CLIENT } from './redis/redis.module';
export { assertRedisReachable, redactUrl } from './redis/check-redis';
export { HealthModule } from './health/health.module';
export { HEALTH_CHECKS } from './health/health.controller';
export { LoggingModule } from './logging/logging.module';
export { createApp, runApp } from './bootstrap';
export { buildOpenApiDocument, serveSwaggerUi, type ApiDescription } from './openapi/openapi-document';
export { KeyringModule } from './keyring/keyring.module';
export { KeyringService } from './keyring/keyring.service';
export { KeyringError, KEYRING_ERROR_CODES, type KeyringErrorCode } from './keyring/keyring.errors';
export { type KeyringOptions } from './keyring/keyring.options';
export { LocalKeyEntity, KEY_PURPOSES, type KeyPurpose } from './keyring/local-key.entity';
export { Keyring1795963596100 } from './keyring/1795963596100-Keyring';
export { KeyringPending1796200000100 } from './keyring/1796200000100-KeyringPending';
export { CodedError, CodedIssuesError } from './errors/coded-error';
export { sendUnmappedError, UnknownErrorFilter } from './errors/request-error.filter';
export { isWellFormedText, storableText } from './validation/well-formed-text.pipe';
export { ValidationIssueDto } from './openapi/validation-issue.dto';
export { QueueModule, bullConnection } from './queues/queue.module';
export { requeue } from './queues/requeue';
export { Batcher, type BatcherOptions } from './batching/batcher';
export { batchMessagesOf, NOT_A_BATCH } from './batching/batch-body';
export { WebUiModule } from './web-ui/web-ui.module';
export { type WebUiOptions } from './web-ui/web-ui.middleware';
export { PasswordHasher } from './auth/password-hasher';
export { LoginRequest, MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH, Password, USERNAME_PATTERN } from './auth/password-policy';
export { ACCOUNT_STATUSES, type AccountStatus, decideLogin, isLocked, type LockoutPolicy, type LoginDecision, type LoginState } from './auth/lockout';
export { bearerToken, unverifiedJwsSegment, unverifiedJwsTyp } from './auth/bearer';
export { controllersOf } from './auth/controllers-of';
export { schemaChecker, schemaValidator } from './validation/schema-checker';
export { SelfIssuedTokenError, type SelfIssuedClaims, type TokenRefusal, VerifiedTokens, verifySelfIssuedToken } from './auth/self-issued-token';
export { readCheckedJsonFile } from './validation/read-json-file';
export { CLOCK, type Clock, SYSTEM_CLOCK } from './clock/clock';
export {
  LibraryDocumentDto,
  LibraryDocumentDetailDto,
  LibraryVersionDto,
  LibrarySearchPageDto,
  LibrarySearchHitDto,
  LibraryErrorDto,
  SharingFindingDto,
} from './library/library.dto';
export { UploadErrorFilter } from './library/upload-error.filter';
export { LibrarySearchQueryDocs } from './library/library-search.docs';
