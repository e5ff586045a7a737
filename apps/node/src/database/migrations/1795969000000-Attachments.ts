import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * Attachments (docs/adr-cases.md). `attachment_file`: the bytes of every file this node holds,
 * uploaded by an officer or received and checked, addressed by control number (the SHA-256 of
 * the bytes, so one file is kept once whoever sent it). `sealed_attachment`: the copies sealed
 * to a partner with a request or an answer (entry n of the envelope's list), kept until the
 * hub took the message.
 */
export class Attachments1795969000000 implements MigrationInterface {
  name = 'Attachments1795969000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE attachment_file (
      control_number varchar(71) PRIMARY KEY CHECK (control_number ~ '^sha256:[0-9a-f]{64}$'),
      size bigint NOT NULL CHECK (size >= 0),
      bytes bytea NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now()
    )`);
    await q.query(`CREATE TABLE sealed_attachment (
      message_id uuid NOT NULL,
      n smallint NOT NULL CHECK (n >= 0 AND n < 100),
      jwe text NOT NULL,
      PRIMARY KEY (message_id, n)
    )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE sealed_attachment');
    await q.query('DROP TABLE attachment_file');
  }
}
