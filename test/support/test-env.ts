/**
 * Where the e2e tests find the machine's services. CI and developers share the defaults
 * (PostgreSQL and Redis on loopback); override them with these variables.
 */
export const testEnv = {
  postgresAdminUrl: process.env.TEST_PG_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
  redisUrl: process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379',
};

/** The database URL with another database name. */
export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}
