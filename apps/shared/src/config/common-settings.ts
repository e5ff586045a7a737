import { Type } from '@sinclair/typebox';

/** Settings every app shares. Each app extends these with its own. */
export const CommonSettings = {
  HOST: Type.String({ default: '127.0.0.1', minLength: 1 }),
  DATABASE_URL: Type.Optional(Type.String({ pattern: '^postgres(ql)?://' })),
  DATA_DIR: Type.Optional(Type.String({ minLength: 1 })),
  // PostgreSQL ends a session of ours that sits idle inside a transaction this long, which
  // releases its locks: a process frozen or stuck mid-transaction must not hold the audit head
  // (or any row) from the others for ever. Our transactions never wait that long between
  // statements. Not applied to the embedded database, which no other process shares.
  DATABASE_IDLE_TRANSACTION_SECONDS: Type.Integer({ default: 60, minimum: 1, maximum: 3600 }),
  REDIS_URL: Type.String({ default: 'redis://127.0.0.1:6379', pattern: '^rediss?://' }),
  LOG_LEVEL: Type.Union(
    ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].map((l) => Type.Literal(l)),
    { default: 'info' },
  ),
};
