import { type EntityManager } from 'typeorm';
import { type Outcome } from '@cicu/protocol';
import { STATUS_OF_OUTCOME } from './case-status';

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

/** The sealed request or answer with this id, or undefined when this node never sent it. */
export async function findSentMessage(db: EntityManager, messageId: string): Promise<SentMessage | undefined> {
  const rows = (await db.query(
    `SELECT 'outgoing_request' AS tbl, partner_unit AS recipient, jws FROM outgoing_request WHERE id = $1 AND jws IS NOT NULL
     UNION ALL SELECT 'outgoing_answer' AS tbl, to_unit AS recipient, jws FROM outgoing_answer WHERE id = $1`,
    [messageId],
  )) as { tbl: SentMessage['table']; recipient: string; jws: string }[];
  const row = rows[0];
  if (row === undefined) return undefined;
  // Our own signed envelope: its payload.digest is what the hub routed and the recipient signs.
  const envelope = JSON.parse(Buffer.from(row.jws.split('.')[1] ?? '', 'base64url').toString('utf8')) as { payload: { digest: string } };
  return { table: row.tbl, to: row.recipient, digest: envelope.payload.digest };
}

/**
 * A delivery receipt of a message this node sent: the receipt is kept (a repeated one is
 * ignored) and our request (or answer) is delivered, in one statement (its own transaction).
 */
export async function recordDelivery(db: EntityManager, sent: SentMessage, receipt: { messageId: string; jws: string; receivedAt: Date }): Promise<void> {
  // Only forward: a request already answered stays answered (the receipt may come after the
  // answer), but its delivery time is still recorded. `sent.table` is one of two constants.
  await db.query(
    `WITH receipt AS (INSERT INTO sent_receipt (message_id, jws, received_at) VALUES ($1, $3, $2) ON CONFLICT (message_id) DO NOTHING)
     UPDATE ${sent.table} SET delivered_at = COALESCE(delivered_at, $2),
       status = CASE WHEN status IN ('approved', 'submitting', 'submitted') THEN 'delivered' ELSE status END,
       updated_at = CASE WHEN status IN ('approved', 'submitting', 'submitted') THEN $2 ELSE updated_at END
      WHERE id = $1`,
    [receipt.messageId, receipt.receivedAt, receipt.jws],
  );
}

/** An answer to one of our requests arrived: its outcome decides the request's status. */
export async function markAnswered(db: EntityManager, requestId: string, answerId: string, outcome: Outcome, at: Date): Promise<void> {
  await db.query(
    `UPDATE outgoing_request SET status = $3, answer_message_id = $2, answered_at = $4, delivered_at = COALESCE(delivered_at, $4), updated_at = $4
      WHERE id = $1 AND status NOT IN ('drafted', 'awaiting_approval', 'rejected_by_hub')`,
    [requestId, answerId, STATUS_OF_OUTCOME[outcome], at],
  );
}
