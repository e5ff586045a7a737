import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type DataSource } from 'typeorm';

/** What the hub knows of one uploaded sealed attachment, without its bytes. */
export interface UploadedAttachment {
  n: number;
  senderNodeId: string;
  digest: string;
  size: number;
}

export type UploadOutcome = 'stored' | 'sealed' | 'conflict';

/** The only code that touches the message_attachment table (raw SQL: its bytea column is read and written whole). */
@Injectable()
export class AttachmentsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Stores (or replaces, for the same sender) blob `n` of a message not accepted yet, in one
   * statement: `sealed` once the message row exists, `conflict` when another node holds the slot.
   */
  async upload(messageId: string, n: number, senderNodeId: string, digest: string, jwe: string, now: Date): Promise<UploadOutcome> {
    const rows: { outcome: UploadOutcome }[] = await this.dataSource.query(
      `WITH sealed AS (SELECT 1 FROM message WHERE id = $1),
            written AS (
              INSERT INTO message_attachment (message_id, n, sender_node_id, digest, size, jwe, uploaded_at)
              SELECT $1, $2, $3, $4, $5, $6, $7 WHERE NOT EXISTS (SELECT 1 FROM sealed)
              ON CONFLICT (message_id, n) DO UPDATE SET digest = EXCLUDED.digest, size = EXCLUDED.size, jwe = EXCLUDED.jwe, uploaded_at = EXCLUDED.uploaded_at
                WHERE message_attachment.sender_node_id = EXCLUDED.sender_node_id
              RETURNING 1)
       SELECT CASE WHEN EXISTS (SELECT 1 FROM sealed) THEN 'sealed' WHEN EXISTS (SELECT 1 FROM written) THEN 'stored' ELSE 'conflict' END AS outcome`,
      [messageId, n, senderNodeId, digest, jwe.length, Buffer.from(jwe, 'ascii'), now],
    );
    return rows[0]!.outcome;
  }

  async listOf(messageId: string): Promise<UploadedAttachment[]> {
    const rows: { n: number; sender_node_id: string; digest: string; size: string }[] = await this.dataSource.query(
      'SELECT n, sender_node_id, digest, size FROM message_attachment WHERE message_id = $1 ORDER BY n',
      [messageId],
    );
    return rows.map((r) => ({ n: r.n, senderNodeId: r.sender_node_id, digest: r.digest, size: Number(r.size) }));
  }

  /** The compact JWE of blob `n` while the message to `toUnit` is not acknowledged; undefined otherwise. */
  async jweFor(messageId: string, n: number, toUnit: string): Promise<string | undefined> {
    const rows: { jwe: Buffer }[] = await this.dataSource.query(
      `SELECT a.jwe FROM message_attachment a JOIN message m ON m.id = a.message_id
        WHERE a.message_id = $1 AND a.n = $2 AND m.to_unit = $3 AND m.status <> 'acknowledged'`,
      [messageId, n, toUnit],
    );
    return rows[0]?.jwe.toString('ascii');
  }

  /** Uploads older than `before` whose message never arrived (a sender that gave up, or never meant to submit). */
  async deleteOrphansBefore(before: Date): Promise<number> {
    const [, affected] = (await this.dataSource.query(
      'DELETE FROM message_attachment a WHERE a.uploaded_at < $1 AND NOT EXISTS (SELECT 1 FROM message m WHERE m.id = a.message_id)',
      [before],
    )) as [unknown, number];
    return affected;
  }
}
