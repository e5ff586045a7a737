import { type MigrationInterface, type QueryRunner } from 'typeorm';

/** Accepted messages: envelope metadata, digests, and the ciphertext until it is acknowledged. */
export class Messages1795980000000 implements MigrationInterface {
  name = 'Messages1795980000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE message (
        id uuid PRIMARY KEY,
        kind varchar(32) NOT NULL CHECK (kind IN ('request', 'answer')),
        from_unit varchar(35) NOT NULL REFERENCES unit (id),
        to_unit varchar(35) NOT NULL REFERENCES unit (id),
        sender_node_id uuid NOT NULL REFERENCES node (id),
        sender_kid varchar(64) NOT NULL,
        request_type varchar(32),
        legal_basis_id varchar(128),
        agreement_id varchar(128),
        agreement_version int,
        area varchar(32),
        priority varchar(16),
        due_at timestamptz,
        in_reply_to uuid REFERENCES message (id),
        created_at timestamptz NOT NULL,
        received_at timestamptz NOT NULL,
        payload_digest varchar(71) NOT NULL CHECK (payload_digest ~ '^sha256:[0-9a-f]{64}$'),
        jws_digest varchar(71) NOT NULL CHECK (jws_digest ~ '^sha256:[0-9a-f]{64}$'),
        jws text,
        status varchar(16) NOT NULL CHECK (status IN ('accepted', 'delivered', 'acknowledged', 'undeliverable')),
        delivery_attempts int NOT NULL DEFAULT 0 CHECK (delivery_attempts >= 0),
        delivered_at timestamptz,
        acknowledged_at timestamptz,
        delivery_receipt text,
        audit_index bigint NOT NULL,
        CHECK (from_unit <> to_unit),
        CHECK (kind <> 'request' OR (request_type IS NOT NULL AND legal_basis_id IS NOT NULL AND agreement_id IS NOT NULL
                                     AND agreement_version IS NOT NULL AND area IS NOT NULL AND priority IS NOT NULL)),
        CHECK (kind <> 'answer' OR in_reply_to IS NOT NULL),
        -- once acknowledged the ciphertext is gone and the receipt is kept
        CHECK (status <> 'acknowledged' OR (jws IS NULL AND delivery_receipt IS NOT NULL AND acknowledged_at IS NOT NULL))
      )`);
    // The mailbox: what a unit has not acknowledged yet, oldest first.
    await q.query(`CREATE INDEX message_mailbox ON message (to_unit, received_at) WHERE status IN ('accepted', 'delivered', 'undeliverable')`);
    await q.query(`CREATE INDEX message_from_unit ON message (from_unit, received_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE message`);
  }
}
