import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';

/**
 * Client connections the embedded database takes: one. PGlite is a single PostgreSQL session,
 * and pglite-socket (0.2.17, the latest) shares it between its sockets message by message: two
 * pooled connections interleave their Parse/Bind/Execute/Sync batches in that one session and
 * can wedge its query queue for good (electric-sql/pglite#1046; it made the demo's submit job
 * hang). With one connection the pg pool queues queries and transactions instead, which is
 * all the concurrency a single WASM backend has anyway.
 */
export const EMBEDDED_POOL_SIZE = 1;

export interface EmbeddedPostgres {
  url: string;
  stop(): Promise<void>;
}

/**
 * Starts PGlite (PostgreSQL compiled to WASM) on a loopback socket so that the ordinary
 * `pg` driver and TypeORM talk to it exactly as to a server. Used only when no
 * DATABASE_URL is set, so that the demo runs without a database server.
 * Clients must open at most EMBEDDED_POOL_SIZE connections; the server accepts one more so
 * that a pool replacing a broken connection is not refused while the old socket closes.
 */
export async function startEmbeddedPostgres(dataDir: string): Promise<EmbeddedPostgres> {
  const db = await PGlite.create(dataDir);
  const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: 0, maxConnections: EMBEDDED_POOL_SIZE + 1 });
  await server.start();
  const conn = server.getServerConn();
  return {
    url: `postgres://postgres@${conn}/postgres`,
    async stop() {
      await server.stop();
      await db.close();
    },
  };
}
