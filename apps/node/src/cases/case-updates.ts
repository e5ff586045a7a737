import { type EntityManager } from 'typeorm';
import { type Outcome } from '@cicu/protocol';
import { CLOSED_STATUSES, STATUS_OF_OUTCOME } from './case-status';

/**
 * What the inbox tells the cases (and asks of them): called by InboxService around storing a
 * message or a delivery receipt. The updates are idempotent (a repeated delivery changes nothing).
 */

/** What a delivery receipt must name of a message this node sent: its recipient unit and payload digest. */
export interface SentMessage {
  table: 'outgoing_request' | 'outgoing_answer';
  to: string;
  digest: string;
}

/** What a delivery receipt of a message this node sent records. */
export interface SentDelivery {
  sent: SentMessage;
  messageId: string;
  jws: string;
  receivedAt: Date;
}

/**
 * The sealed request or answer with each id, or undefined when this node never sent it: one
 * statement for the receipts of one hub batch.
 */
export async function findSentMessages(db: EntityManager, messageIds: readonly string[]): Promise<(SentMessage | undefined)[]> {
  const rows = (await db.query(
    `SELECT 'outgoing_request' AS tbl, id, partner_unit AS recipient, jws FROM outgoing_request WHERE id = ANY($1::uuid[]) AND jws IS NOT NULL
     UNION ALL SELECT 'outgoing_answer' AS tbl, id, to_unit AS recipient, jws FROM outgoing_answer WHERE id = ANY($1::uuid[])`,
    [messageIds],
  )) as { tbl: SentMessage['table']; id: string; recipient: string; jws: string }[];
  const byId = new Map<string, SentMessage>();
  for (const row of rows) {
    if (byId.has(row.id)) continue;
    // Our own signed envelope: its payload.digest is what the hub routed and the recipient signs.
    const envelope = JSON.parse(Buffer.from(row.jws.split('.')[1] ?? '', 'base64url').toString('utf8')) as { payload: { digest: string } };
    byId.set(row.id, { table: row.tbl, to: row.recipient, digest: envelope.payload.digest });
  }
  return messageIds.map((id) => byId.get(id));
}

/**
 * Delivery receipts of messages this node sent: each receipt is kept (a repeated one is
 * ignored) and our request (or answer) is delivered, in one statement per table (its own
 * transaction) for the receipts of one hub batch.
 */
export async function recordDeliveries(db: EntityManager, deliveries: readonly SentDelivery[]): Promise<void> {
  for (const table of new Set(deliveries.map((d) => d.sent.table))) {
    const ofTable = deliveries.filter((d) => d.sent.table === table);
    // Only forward: a request already answered stays answered (the receipt may come after the
    // answer), but its delivery time is still recorded. `table` is one of two constants.
    await db.query(
      `WITH r AS (SELECT * FROM unnest($1::uuid[], $2::timestamptz[], $3::text[]) AS r (id, at, jws)),
         receipt AS (INSERT INTO sent_receipt (message_id, jws, received_at) SELECT id, jws, at FROM r ON CONFLICT (message_id) DO NOTHING)
       UPDATE ${table} AS t SET delivered_at = COALESCE(t.delivered_at, r.at),
         status = CASE WHEN t.status IN ('approved', 'submitting', 'submitted') THEN 'delivered' ELSE t.status END,
         updated_at = CASE WHEN t.status IN ('approved', 'submitting', 'submitted') THEN r.at ELSE t.updated_at END
        FROM r WHERE t.id = r.id`,
      [ofTable.map((d) => d.messageId), ofTable.map((d) => d.receivedAt), ofTable.map((d) => d.jws)],
    );
  }
}

/** An answer to one of our requests arrived: its outcome decides the request's status. */
export async function markAnswered(db: EntityManager, requestId: string, answerId: string, outcome: Outcome, at: Date): Promise<void> {
  // A closed request keeps its first answer: a second, different one from the partner is stored
  // in the inbox, but does not replace the outcome the officer already acted on.
  await db.query(
    `UPDATE outgoing_request SET status = $3, answer_message_id = $2, answered_at = $4, delivered_at = COALESCE(delivered_at, $4), updated_at = $4
      WHERE id = $1 AND status NOT IN ('drafted', 'awaiting_approval') AND status <> ALL ($5::text[])`,
    [requestId, answerId, STATUS_OF_OUTCOME[outcome], at, CLOSED_STATUSES],
  );
}
