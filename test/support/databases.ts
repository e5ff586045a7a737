import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { testEnv, withDatabase } from './test-env';

/**
 * A fresh PostgreSQL database for one test file: created empty, so each app's migrations
 * build the schema exactly as in production, and dropped afterwards.
 */
export async function createTestDatabase(label: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `cicu_${label}_${randomBytes(4).toString('hex')}`.toLowerCase().replace(/[^a-z0-9_]/g, '_');
  await adminQuery(`CREATE DATABASE "${name}"`);
  return {
    url: withDatabase(testEnv.postgresAdminUrl, name),
    drop: () => adminQuery(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`),
  };
}

async function adminQuery(sql: string): Promise<void> {
  const client = new Client({ connectionString: testEnv.postgresAdminUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}
