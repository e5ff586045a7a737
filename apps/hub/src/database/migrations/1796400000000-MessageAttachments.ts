import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * Sealed attachments (docs/protocol.md §5): the compact JWE of each file, uploaded by the
 * sender node before it submits the message that lists it. No foreign key to `message`: the
 * upload comes first. Deleted with the message's ciphertext at its delivery receipt, or by
 * the sweep when no message came within the maximum message age.
 */
export class MessageAttachments1796400000000 implements MigrationInterface {
  name = 'MessageAttachments1796400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE message_attachment (
      message_id uuid NOT NULL,
      n smallint NOT NULL CHECK (n >= 0 AND n < 100),
      sender_node_id uuid NOT NULL,
      digest varchar(71) NOT NULL CHECK (digest ~ '^sha256:[0-9a-f]{64}$'),
      size bigint NOT NULL CHECK (size > 0),
      jwe bytea NOT NULL,
      uploaded_at timestamptz NOT NULL,
      PRIMARY KEY (message_id, n)
    )`);
    await q.query('CREATE INDEX message_attachment_uploaded_at ON message_attachment (uploaded_at)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE message_attachment');
  }
}
