import { Client } from 'pg';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { loadHubConfig } from '../apps/hub/src/config/hub-config';
import { HubWithNodes } from './support/hub-with-nodes';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * DATABASE_IDLE_TRANSACTION_SECONDS: a process frozen, or stuck awaiting something, inside a
 * transaction must not hold its locks for ever. The lock that matters most is the audit
 * head's, which every hub process's writer takes for each commit.
 */
describe('a database session idle inside a transaction', () => {
  let hub: HubWithNodes;
  let probe: Client;

  beforeAll(async () => {
    hub = await HubWithNodes.start('idle_tx', { DATABASE_IDLE_TRANSACTION_SECONDS: '1' });
    probe = new Client({ connectionString: hub.database.url });
    await probe.connect();
  });

  afterAll(async () => {
    await probe.end();
    await hub.stop();
  });

  it('is ended by PostgreSQL after DATABASE_IDLE_TRANSACTION_SECONDS, which releases the audit head; the app goes on', async () => {
    const stuck = hub.app.get(DataSource).createQueryRunner();
    await stuck.connect();
    await stuck.startTransaction();
    await stuck.query('SELECT size FROM audit_head FOR UPDATE');

    // Held: another session cannot take the head.
    await probe.query('BEGIN');
    await expect(probe.query('SELECT size FROM audit_head FOR UPDATE NOWAIT')).rejects.toMatchObject({ code: '55P03' });
    await probe.query('ROLLBACK');

    await sleep(2_500);
    await probe.query('BEGIN');
    await expect(probe.query('SELECT size FROM audit_head FOR UPDATE NOWAIT')).resolves.toMatchObject({ rowCount: 1 });
    await probe.query('ROLLBACK');
    // The stuck session is gone, and says so to whoever resumes it.
    await expect(stuck.query('SELECT 1')).rejects.toThrow();
    await stuck.release();

    // The pool replaced the connection: the hub still reads and writes its database.
    const health = await request(hub.app.getHttpServer()).get('/health').expect(200);
    expect(health.body.details.database.status).toBe('up');
  });

  it('refuses a setting outside 1–3600 s at start', () => {
    for (const value of ['0', '3601', 'soon']) {
      expect(() => loadHubConfig({ OPERATOR_SECRET: 'idle-tx-test-operator-secret', DATABASE_IDLE_TRANSACTION_SECONDS: value })).toThrow(/DATABASE_IDLE_TRANSACTION_SECONDS/);
    }
  });
});
