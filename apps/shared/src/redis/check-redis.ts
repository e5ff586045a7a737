import Redis from 'ioredis';

/**
 * Fails fast, with one line that says what to do, when Redis does not answer: without it
 * no queue runs, and an app that starts anyway would accept work it cannot deliver.
 */
export async function assertRedisReachable(url: string, timeoutMs = 3000): Promise<void> {
  const client = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, connectTimeout: timeoutMs, retryStrategy: () => null });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.ping();
  } catch {
    throw new Error(
      `Redis does not answer at ${redactUrl(url)}. Start it (for example: redis-server --daemonize yes --bind 127.0.0.1 --port 6379) or set REDIS_URL.`,
    );
  } finally {
    client.disconnect();
  }
}

/** Strips credentials from a connection string before it is printed. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '<unparseable url>';
  }
}
