import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * Cases (docs/adr-cases.md): the requests this node files (outgoing_request), the answers it
 * sends (outgoing_answer), reminders and overdue events (notification), and the answer
 * status of received requests (inbox_message.status 'answered').
 */
export class Cases1795966100000 implements MigrationInterface {
  name = 'Cases1795966100000';

  async up(q: QueryRunner): Promise<void> {
    // payload is personal data (the request payload before encryption): node only.
    await q.query(`
      CREATE TABLE outgoing_request (
        id uuid PRIMARY KEY,
        case_reference varchar(200) NOT NULL,
        partner_unit varchar(35) NOT NULL,
        request_type varchar(32) NOT NULL,
        legal_basis_id varchar(128) NOT NULL,
        agreement_id varchar(128) NOT NULL,
        area varchar(32) NOT NULL,
        priority varchar(16) NOT NULL,
        due_at timestamptz NOT NULL,
        handling_code varchar(2) NOT NULL,
        payload jsonb NOT NULL,
        status varchar(32) NOT NULL CHECK (status IN ('drafted', 'awaiting_approval', 'approved', 'submitting', 'submitted', 'delivered', 'answered',
          'partially_answered', 'refused', 'more_information_needed', 'rejected_by_hub')),
        overdue boolean NOT NULL DEFAULT false,
        created_by uuid NOT NULL,
        approved_by uuid,
        approval_comment varchar(2000),
        jws text,
        hub_receipt text,
        hub_refusal jsonb,
        submitted_at timestamptz,
        delivered_at timestamptz,
        answered_at timestamptz,
        answer_message_id uuid,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        CHECK (approved_by IS NULL OR approved_by <> created_by)
      )`);
    await q.query(`CREATE INDEX outgoing_request_status ON outgoing_request (status, created_at)`);
    await q.query(`
      CREATE TABLE outgoing_answer (
        id uuid PRIMARY KEY,
        in_reply_to uuid NOT NULL UNIQUE,
        to_unit varchar(35) NOT NULL,
        outcome varchar(32) NOT NULL,
        payload jsonb NOT NULL,
        jws text NOT NULL,
        status varchar(32) NOT NULL CHECK (status IN ('approved', 'submitting', 'submitted', 'delivered', 'rejected_by_hub')),
        created_by uuid NOT NULL,
        hub_receipt text,
        hub_refusal jsonb,
        submitted_at timestamptz,
        delivered_at timestamptz,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL
      )`);
    await q.query(`
      CREATE TABLE notification (
        id bigserial PRIMARY KEY,
        request_id uuid NOT NULL,
        kind varchar(16) NOT NULL CHECK (kind IN ('reminder', 'overdue')),
        created_at timestamptz NOT NULL,
        UNIQUE (request_id, kind)
      )`);
    await q.query(`ALTER TABLE inbox_message DROP CONSTRAINT IF EXISTS inbox_message_status_check`);
    await q.query(`ALTER TABLE inbox_message ADD CONSTRAINT inbox_message_status_check CHECK (status IN ('new', 'answered'))`);
    await q.query(`ALTER TABLE inbox_message ADD COLUMN answer_message_id uuid`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE inbox_message DROP COLUMN answer_message_id`);
    await q.query(`ALTER TABLE inbox_message DROP CONSTRAINT inbox_message_status_check`);
    await q.query(`ALTER TABLE inbox_message ADD CONSTRAINT inbox_message_status_check CHECK (status IN ('new'))`);
    await q.query(`DROP TABLE notification`);
    await q.query(`DROP TABLE outgoing_answer`);
    await q.query(`DROP TABLE outgoing_request`);
  }
}
