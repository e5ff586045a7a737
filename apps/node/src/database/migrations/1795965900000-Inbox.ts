import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * The node's side of the exchange with the hub: the pinned hub keys (trust on first use),
 * the last verified directory snapshot (so a restart works offline), the messages received
 * (deduplicated by message id) and the delivery receipts of the messages this node sent.
 */
export class Inbox1795965900000 implements MigrationInterface {
  name = 'Inbox1795965900000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE hub_trust (
        kid varchar(64) PRIMARY KEY,
        jwk jsonb NOT NULL,
        first_seen timestamptz NOT NULL
      )`);
    await q.query(`
      CREATE TABLE directory_snapshot (
        version int PRIMARY KEY CHECK (version >= 1),
        jws text NOT NULL,
        fetched_at timestamptz NOT NULL
      )`);
    // payload is personal data (the decrypted request or answer): it stays on this node only.
    // Encryption at rest is future work (docs/adr-node-inbox.md).
    await q.query(`
      CREATE TABLE inbox_message (
        message_id uuid PRIMARY KEY,
        kind varchar(16) NOT NULL CHECK (kind IN ('request', 'answer')),
        from_unit varchar(35) NOT NULL,
        request_type varchar(32),
        in_reply_to uuid,
        received_at timestamptz NOT NULL,
        envelope jsonb NOT NULL,
        payload jsonb NOT NULL,
        jws text NOT NULL,
        digest varchar(71) NOT NULL CHECK (digest ~ '^sha256:[0-9a-f]{64}$'),
        receipt text NOT NULL,
        status varchar(16) NOT NULL DEFAULT 'new' CHECK (status IN ('new')),
        CHECK (kind <> 'answer' OR in_reply_to IS NOT NULL)
      )`);
    await q.query(`CREATE INDEX inbox_message_received ON inbox_message (status, received_at)`);
    await q.query(`CREATE INDEX inbox_message_in_reply_to ON inbox_message (in_reply_to) WHERE in_reply_to IS NOT NULL`);
    await q.query(`
      CREATE TABLE sent_receipt (
        message_id uuid PRIMARY KEY,
        jws text NOT NULL,
        received_at timestamptz NOT NULL
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE sent_receipt`);
    await q.query(`DROP TABLE inbox_message`);
    await q.query(`DROP TABLE directory_snapshot`);
    await q.query(`DROP TABLE hub_trust`);
  }
}
