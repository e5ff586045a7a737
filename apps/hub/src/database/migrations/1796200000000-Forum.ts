import { type MigrationInterface, type QueryRunner } from 'typeorm';
import { FORUM_CATEGORIES, PERSONAL_DATA_KINDS } from '@cicu/protocol';
import { HIDE_REASONS } from '../../forum/moderation/hide-reasons';

const list = (values: readonly string[]) => values.map((v) => `'${v}'`).join(', ');
const DIGEST = `~ '^sha256:[0-9a-f]{64}$'`;

/**
 * The forum (docs/adr-forum.md): threads, posts with every revision and the signed action that
 * made it, guard overrides for coordinator review, subscriptions and in-app notifications.
 */
export class Forum1796200000000 implements MigrationInterface {
  name = 'Forum1796200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE forum_thread (
        id uuid PRIMARY KEY,
        category varchar(32) NOT NULL CHECK (category IN (${list(FORUM_CATEGORIES)})),
        title varchar(200) NOT NULL,
        author_unit varchar(35) NOT NULL REFERENCES unit (id),
        author_officer_id uuid NOT NULL,
        author_name varchar(200) NOT NULL,
        -- posts ever made in it (hidden ones included): the next post's seq is post_count + 1
        post_count int NOT NULL CHECK (post_count >= 1),
        created_at timestamptz NOT NULL,
        last_post_at timestamptz NOT NULL,
        locked_at timestamptz,
        locked_by varchar(64),
        CHECK ((locked_at IS NULL) = (locked_by IS NULL))
      )`);
    await q.query(`CREATE INDEX forum_thread_recent ON forum_thread (last_post_at DESC, id)`);
    await q.query(`CREATE INDEX forum_thread_category ON forum_thread (category, last_post_at DESC, id)`);
    await q.query(`
      CREATE TABLE forum_post (
        id uuid PRIMARY KEY,
        thread_id uuid NOT NULL REFERENCES forum_thread (id),
        seq int NOT NULL CHECK (seq >= 1),
        author_unit varchar(35) NOT NULL REFERENCES unit (id),
        author_node_id uuid NOT NULL REFERENCES node (id),
        author_officer_id uuid NOT NULL,
        author_name varchar(200) NOT NULL,
        body text NOT NULL,
        documents uuid[] NOT NULL,
        quoted_post_id uuid REFERENCES forum_post (id),
        quoted_revision int,
        quote_excerpt varchar(1000),
        revision int NOT NULL CHECK (revision >= 1),
        created_at timestamptz NOT NULL,
        edited_at timestamptz,
        hidden_at timestamptz,
        hidden_by varchar(64),
        hidden_reason varchar(32) CHECK (hidden_reason IN (${list(HIDE_REASONS)})),
        hidden_note varchar(2000),
        -- set once the notifications of this post are written (the start-up sweep queues the others again)
        notified_at timestamptz,
        UNIQUE (thread_id, seq),
        CHECK ((quoted_post_id IS NULL) = (quote_excerpt IS NULL) AND (quoted_post_id IS NULL) = (quoted_revision IS NULL)),
        CHECK ((revision = 1) = (edited_at IS NULL)),
        CHECK ((hidden_at IS NULL) = (hidden_by IS NULL) AND (hidden_at IS NULL) = (hidden_reason IS NULL)),
        CHECK (hidden_note IS NULL OR hidden_at IS NOT NULL)
      )`);
    await q.query(`CREATE INDEX forum_post_unnotified ON forum_post (created_at) WHERE notified_at IS NULL`);
    await q.query(`
      CREATE TABLE forum_post_revision (
        post_id uuid NOT NULL REFERENCES forum_post (id),
        revision int NOT NULL CHECK (revision >= 1),
        body text NOT NULL,
        documents uuid[] NOT NULL,
        node_id uuid NOT NULL REFERENCES node (id),
        -- the canonical JSON the signed action's digest covers, and the action: proof of who wrote what
        content text NOT NULL,
        content_digest varchar(71) NOT NULL CHECK (content_digest ${DIGEST}),
        action_jws text NOT NULL,
        action_digest varchar(71) NOT NULL CHECK (action_digest ${DIGEST}),
        audit_index bigint NOT NULL,
        created_at timestamptz NOT NULL,
        PRIMARY KEY (post_id, revision)
      )`);
    await q.query(`
      CREATE TABLE forum_override (
        id uuid PRIMARY KEY,
        post_id uuid NOT NULL,
        revision int NOT NULL,
        location varchar(36) NOT NULL,
        kind varchar(32) NOT NULL CHECK (kind IN (${list(PERSONAL_DATA_KINDS)})),
        start_offset int NOT NULL,
        end_offset int NOT NULL CHECK (end_offset > start_offset),
        excerpt varchar(200) NOT NULL,
        justification varchar(2000) NOT NULL,
        unit_id varchar(35) NOT NULL REFERENCES unit (id),
        officer_id uuid NOT NULL,
        officer_name varchar(200) NOT NULL,
        audit_index bigint NOT NULL,
        created_at timestamptz NOT NULL,
        FOREIGN KEY (post_id, revision) REFERENCES forum_post_revision (post_id, revision)
      )`);
    await q.query(`CREATE INDEX forum_override_created ON forum_override (created_at DESC, id)`);
    await q.query(`
      CREATE TABLE forum_subscription (
        unit_id varchar(35) NOT NULL REFERENCES unit (id),
        officer_id uuid NOT NULL,
        thread_id uuid REFERENCES forum_thread (id),
        category varchar(32) CHECK (category IN (${list(FORUM_CATEGORIES)})),
        created_at timestamptz NOT NULL,
        CHECK ((thread_id IS NULL) <> (category IS NULL))
      )`);
    await q.query(`CREATE UNIQUE INDEX forum_subscription_thread ON forum_subscription (thread_id, unit_id, officer_id) WHERE thread_id IS NOT NULL`);
    await q.query(`CREATE UNIQUE INDEX forum_subscription_category ON forum_subscription (category, unit_id, officer_id) WHERE category IS NOT NULL`);
    await q.query(`CREATE INDEX forum_subscription_officer ON forum_subscription (unit_id, officer_id)`);
    await q.query(`
      CREATE TABLE forum_notification (
        id uuid PRIMARY KEY,
        unit_id varchar(35) NOT NULL REFERENCES unit (id),
        officer_id uuid NOT NULL,
        post_id uuid NOT NULL REFERENCES forum_post (id),
        thread_id uuid NOT NULL REFERENCES forum_thread (id),
        reason varchar(16) NOT NULL CHECK (reason IN ('thread', 'category')),
        created_at timestamptz NOT NULL,
        read_at timestamptz,
        -- one per officer and post, however often the fan-out job runs
        UNIQUE (unit_id, officer_id, post_id)
      )`);
    await q.query(`CREATE INDEX forum_notification_inbox ON forum_notification (unit_id, officer_id, created_at DESC, id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE forum_notification`);
    await q.query(`DROP TABLE forum_subscription`);
    await q.query(`DROP TABLE forum_override`);
    await q.query(`DROP TABLE forum_post_revision`);
    await q.query(`DROP TABLE forum_post`);
    await q.query(`DROP TABLE forum_thread`);
  }
}
