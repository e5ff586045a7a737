/**
 * What the database and queue servers spent on a pass: their CPU (from /proc, every process of
 * that name on this machine), PostgreSQL transactions of the run's databases and Redis commands.
 * The apps' process.cpuUsage misses this half of the cost, yet the servers share the same cores.
 */
import { readdirSync, readFileSync } from 'node:fs';
import Redis from 'ioredis';
import { sql } from '../test/support/sql';

/** Linux reports utime and stime in clock ticks; USER_HZ is 100 on every kernel Node supports here. */
const TICK_MS = 10;
const SERVERS = { postgres: 'postgres', redis: 'redis-server' } as const;

export interface ServerLoad {
  cpuMs: Record<keyof typeof SERVERS, number>;
  /** Committed and rolled-back transactions of the given databases. */
  transactions: number;
  /** Every Redis command the server ran, by name (EVALSHA counts once per script call). */
  redisCalls: Map<string, number>;
}

/** Every process on this machine now: pid, command name and the fields of /proc/<pid>/stat after it. */
function* processes(): Generator<{ pid: string; comm: string; fields: string[] }> {
  for (const pid of readdirSync('/proc')) {
    if (!/^\d+$/.test(pid)) continue;
    let stat: string;
    try {
      stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    } catch {
      continue; // ended while we read
    }
    // "pid (comm) state …": comm may hold spaces, so split after its closing parenthesis.
    yield { pid, comm: stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')')), fields: stat.slice(stat.lastIndexOf(')') + 2).split(' ') };
  }
}

function cpuOfProcesses(): Record<keyof typeof SERVERS, number> {
  const out = { postgres: 0, redis: 0 };
  for (const { comm, fields } of processes()) {
    // utime, stime, and cutime, cstime: a PostgreSQL backend ends with its connection, and its CPU then
    // moves to the postmaster's reaped-children counts (fields 14 to 17 of proc(5)).
    const ticks = Number(fields[11]) + Number(fields[12]) + Number(fields[13]) + Number(fields[14]);
    for (const [name, command] of Object.entries(SERVERS) as [keyof typeof SERVERS, string][]) if (comm === command) out[name] += ticks * TICK_MS;
  }
  return out;
}

/** Each PostgreSQL backend of one of `databases` now: its own CPU (utime + stime), by pid. */
export function backendCpu(databases: readonly string[]): Map<string, { database: string; ms: number }> {
  const backends = new Map<string, { database: string; ms: number }>();
  for (const { pid, comm, fields } of processes()) {
    if (comm !== SERVERS.postgres) continue;
    let title: string;
    try {
      // A backend's title: "postgres: <cluster>: <user> <database> <host>(<port>) <state>".
      title = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
    } catch {
      continue; // ended while we read
    }
    const database = databases.find((name) => title.includes(` ${name} `));
    if (database !== undefined) backends.set(pid, { database, ms: (Number(fields[11]) + Number(fields[12])) * TICK_MS });
  }
  return backends;
}

/**
 * The backends' CPU between two readings, by database. A backend lives as long as its
 * connection: read `after` while the pools still hold theirs (they close idle ones after
 * 10 s). One that started in between counts whole; one that ended is missed.
 */
export function backendCpuOf(before: Map<string, { database: string; ms: number }>, after: Map<string, { database: string; ms: number }>): Map<string, number> {
  const byDatabase = new Map<string, number>();
  for (const [pid, { database, ms }] of after) byDatabase.set(database, (byDatabase.get(database) ?? 0) + ms - (before.get(pid)?.ms ?? 0));
  return byDatabase;
}

async function redisCalls(redisUrl: string): Promise<Map<string, number>> {
  const redis = new Redis(redisUrl, { lazyConnect: true, maxRetriesPerRequest: 1 });
  try {
    await redis.connect();
    const info = await redis.info('commandstats');
    return new Map([...info.matchAll(/^cmdstat_([^:]+):calls=(\d+)/gm)].map((m) => [m[1]!, Number(m[2])]));
  } finally {
    redis.disconnect();
  }
}

export async function serverLoad(databaseUrls: string[], redisUrl: string): Promise<ServerLoad> {
  const [transactions, calls] = await Promise.all([
    sql<{ n: string }>(databaseUrls[0]!, 'SELECT sum(xact_commit + xact_rollback)::text AS n FROM pg_stat_database WHERE datname = ANY($1)', [databaseUrls.map((url) => new URL(url).pathname.slice(1))]),
    redisCalls(redisUrl),
  ]);
  return { cpuMs: cpuOfProcesses(), transactions: Number(transactions[0]!.n), redisCalls: calls };
}

/** The load of a pass: `after` minus `before`. The statistics collector lags by up to 500 ms; call `after` once the pass has settled. */
export function serverLoadOf(before: ServerLoad, after: ServerLoad): ServerLoad {
  const redis = new Map<string, number>();
  for (const [name, n] of after.redisCalls) if (n - (before.redisCalls.get(name) ?? 0) > 0) redis.set(name, n - (before.redisCalls.get(name) ?? 0));
  return {
    cpuMs: { postgres: after.cpuMs.postgres - before.cpuMs.postgres, redis: after.cpuMs.redis - before.cpuMs.redis },
    transactions: after.transactions - before.transactions,
    redisCalls: redis,
  };
}
