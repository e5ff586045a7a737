import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Pool } from 'pg';
import { EMBEDDED_POOL_SIZE, type EmbeddedPostgres, startEmbeddedPostgres } from './embedded-postgres';

// The embedded database under the load the apps give it: concurrent parameterised queries
// (extended protocol) and concurrent transactions through one pg pool of the size the
// DatabaseModule uses. With a pool of several connections pglite-socket interleaves their
// protocol messages in PGlite's single session, and this test fails or hangs.
jest.setTimeout(60_000);

function within<T>(ms: number, what: string, work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, fail) => {
    timer = setTimeout(() => fail(new Error(`${what} did not finish within ${ms / 1000} s`)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

describe('embedded PostgreSQL (PGlite behind pglite-socket)', () => {
  let dir: string;
  let embedded: EmbeddedPostgres;
  let pool: Pool;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'cicu-pglite-'));
    embedded = await startEmbeddedPostgres(dir);
    pool = new Pool({ connectionString: embedded.url, max: EMBEDDED_POOL_SIZE });
    await pool.query('CREATE TABLE item (id int PRIMARY KEY, owner text NOT NULL)');
  });

  afterAll(async () => {
    await pool.end();
    await embedded.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('keeps concurrent parameterised queries and transactions apart', async () => {
    const transactions = Array.from({ length: 40 }, async (_, i) => {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        await client.query('INSERT INTO item (id, owner) VALUES ($1, $2)', [i, `tx-${i}`]);
        const { rows } = await client.query<{ owner: string }>('SELECT owner FROM item WHERE id = $1', [i]);
        await client.query(i % 4 === 0 ? 'ROLLBACK' : 'COMMIT');
        return rows[0]?.owner;
      } finally {
        client.release();
      }
    });
    const reads = Array.from({ length: 200 }, async (_, i) => {
      const { rows } = await pool.query<{ n: number; s: string }>('SELECT $1::int AS n, $2::text AS s', [i, `q-${i}`]);
      return rows[0];
    });

    const [owners, answers] = await within(30_000, 'the concurrent work', Promise.all([Promise.all(transactions), Promise.all(reads)]));

    expect(owners).toEqual(Array.from({ length: 40 }, (_, i) => `tx-${i}`));
    expect(answers).toEqual(Array.from({ length: 200 }, (_, i) => ({ n: i, s: `q-${i}` })));
    const { rows } = await pool.query<{ id: number }>('SELECT id FROM item ORDER BY id');
    expect(rows.map((r) => r.id)).toEqual(Array.from({ length: 40 }, (_, i) => i).filter((i) => i % 4 !== 0));
  });

  it('keeps named prepared statements across calls and clients (the library search uses one)', async () => {
    // Past five runs PostgreSQL may switch the statement to its generic plan: run it more often than that.
    const named = (owner: string) => pool.query<{ id: number }>({ name: 'item-by-owner', text: 'SELECT id FROM item WHERE owner = $1', values: [owner] });
    const results = await within(30_000, 'the named statements', Promise.all(Array.from({ length: 12 }, (_, k) => named(`tx-${1 + 4 * (k % 9) + (k % 3)}`))));
    expect(results.map((r) => r.rows.map((row) => row.id))).toEqual(Array.from({ length: 12 }, (_, k) => [1 + 4 * (k % 9) + (k % 3)]));
  });
});
