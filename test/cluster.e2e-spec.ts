import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { createTestDatabase } from './support/databases';
import { sql } from './support/sql';
import { freePort } from './support/ports';
import { testEnv } from './support/test-env';

// `HUB_PROCESSES=2 npm run start:hub` as an operator runs it: apps/hub/src/main.ts in real
// processes (node:cluster), on a fresh PostgreSQL database. Each start compiles the sources.
jest.setTimeout(180_000);

const MAIN = resolve(__dirname, '..', 'apps', 'hub', 'src', 'main.ts');

function startHub(env: Record<string, string | undefined>): { child: ChildProcess; output: () => string; exited: Promise<number | null> } {
  const full: Record<string, string> = {};
  for (const [key, value] of Object.entries({ ...process.env, LOG_LEVEL: 'warn', SEAL_PBES2_COUNT: '1000', OPERATOR_SECRET: 'cluster-e2e-operator-secret', ...env })) {
    if (value !== undefined) full[key] = value;
  }
  const child = spawn(process.execPath, ['-r', '@swc-node/register', MAIN], { cwd: resolve(__dirname, '..'), env: full, stdio: ['ignore', 'pipe', 'pipe'] });
  let text = '';
  child.stdout!.on('data', (chunk: Buffer) => (text += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (text += chunk.toString()));
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
  return { child, output: () => text.slice(-4000), exited };
}

/** Pids of the live processes whose parent is `pid` (from /proc: field 4 of /proc/<pid>/stat). */
function childrenOf(pid: number): number[] {
  const children: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const [state, ppid] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(ppid) === pid && state !== 'Z') children.push(Number(entry));
    } catch {
      // the process ended while we looked
    }
  }
  return children;
}

describe('hub cluster (HUB_PROCESSES)', () => {
  it('runs HUB_PROCESSES workers on one port and one database, and stops them all on SIGTERM', async () => {
    const database = await createTestDatabase('cluster');
    const port = await freePort();
    const hub = startHub({ DATABASE_URL: database.url, REDIS_URL: testEnv.redisUrl, PORT: String(port), HUB_PROCESSES: '2', QUEUE_PREFIX: `cicu-hub-cluster-${randomBytes(4).toString('hex')}` });
    try {
      const until = Date.now() + 150_000;
      while (childrenOf(hub.child.pid!).length < 2 || !(await fetch(`http://127.0.0.1:${port}/health`).then((r) => r.ok, () => false))) {
        if (hub.child.exitCode !== null || Date.now() > until) throw new Error(`the clustered hub did not start: ${hub.output()}`);
        await new Promise((r) => setTimeout(r, 500));
      }
      // The second worker starts once the first listens: wait until both answer.
      await new Promise((r) => setTimeout(r, 3000));
      const workers = childrenOf(hub.child.pid!);
      expect(workers).toHaveLength(2);
      for (let i = 0; i < 20; i++) expect((await fetch(`http://127.0.0.1:${port}/health`)).status).toBe(200);
      // One migration run and one seed for the cluster, not one per worker.
      expect(await sql<{ n: number }>(database.url, `SELECT count(*)::int AS n FROM audit_entry WHERE type = 'directory.seeded'`)).toEqual([{ n: 1 }]);

      hub.child.kill('SIGTERM');
      expect(await hub.exited).toBe(0);
      expect(workers.filter(processExists)).toEqual([]);
    } finally {
      hub.child.kill('SIGKILL');
      await database.drop();
    }
  });

  it('refuses HUB_PROCESSES above 1 without DATABASE_URL, in one line', async () => {
    const hub = startHub({ DATABASE_URL: undefined, HUB_PROCESSES: '2', PORT: String(await freePort()) });
    expect(await hub.exited).toBe(1);
    expect(hub.output()).toContain('HUB_PROCESSES: more than 1 needs DATABASE_URL');
    expect(hub.output()).not.toMatch(/\bat .*\.ts:\d+/);
  });
});

function processExists(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
