import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type DataSource } from 'typeorm';

export interface SeenTreeHead {
  treeSize: number;
  rootHash: Uint8Array;
  timestamp: Date;
  jws: string;
}

export type AuditAlertKind = 'TREE_HEAD_INVALID' | 'TREE_HEAD_INCONSISTENT' | 'TREE_HEAD_ROLLBACK' | 'LEAF_MISMATCH' | 'LEAF_NOT_INCLUDED';

export interface AuditAlert {
  kind: AuditAlertKind;
  leafIndex?: number;
  treeSize?: number;
  message: string;
  raisedAt: Date;
}

/** One of this node's messages the hub says it recorded at `leafIndex` (from its hub receipt). */
export interface OwnLeaf {
  messageId: string;
  receipt: string;
}

interface HeadRow {
  tree_size: string;
  root_hash: Buffer;
  timestamp: Date;
  jws: string;
}
const toHead = (row: HeadRow): SeenTreeHead => ({ treeSize: Number(row.tree_size), rootHash: new Uint8Array(row.root_hash), timestamp: row.timestamp, jws: row.jws });

/** The only code of the audit monitor that touches the database. */
@Injectable()
export class AuditMonitorRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async latestHead(): Promise<SeenTreeHead | undefined> {
    const rows: HeadRow[] = await this.db.query('SELECT * FROM audit_tree_head ORDER BY tree_size DESC LIMIT 1');
    return rows[0] && toHead(rows[0]);
  }

  async headOfSize(size: number): Promise<SeenTreeHead | undefined> {
    const rows: HeadRow[] = await this.db.query('SELECT * FROM audit_tree_head WHERE tree_size = $1', [size]);
    return rows[0] && toHead(rows[0]);
  }

  async saveHead(head: SeenTreeHead, seenAt: Date): Promise<void> {
    await this.db.query('INSERT INTO audit_tree_head (tree_size, root_hash, timestamp, jws, seen_at) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (tree_size) DO NOTHING', [
      head.treeSize,
      Buffer.from(head.rootHash),
      head.timestamp,
      head.jws,
      seenAt,
    ]);
  }

  /** Stores the alert; false when the same finding was raised before. */
  async raise(alert: AuditAlert): Promise<boolean> {
    const rows: unknown[] = await this.db.query(`INSERT INTO audit_alert (kind, leaf_index, tree_size, message, raised_at) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (kind, coalesce(leaf_index, -1), coalesce(tree_size, -1)) DO NOTHING RETURNING id`, [
      alert.kind,
      alert.leafIndex ?? null,
      alert.treeSize ?? null,
      alert.message,
      alert.raisedAt,
    ]);
    return rows.length > 0;
  }

  async alerts(): Promise<AuditAlert[]> {
    const rows: { kind: AuditAlertKind; leaf_index: string | null; tree_size: string | null; message: string; raised_at: Date }[] = await this.db.query(
      'SELECT kind, leaf_index, tree_size, message, raised_at FROM audit_alert ORDER BY id',
    );
    return rows.map((r) => ({
      kind: r.kind,
      ...(r.leaf_index !== null && { leafIndex: Number(r.leaf_index) }),
      ...(r.tree_size !== null && { treeSize: Number(r.tree_size) }),
      message: r.message,
      raisedAt: r.raised_at,
    }));
  }

  /** Hub receipts of this node's submitted requests and answers whose audit leaf is not checked yet. */
  async uncheckedOwnReceipts(): Promise<OwnLeaf[]> {
    return this.db.query(
      `SELECT id AS "messageId", hub_receipt AS receipt FROM (
         SELECT id, hub_receipt FROM outgoing_request WHERE hub_receipt IS NOT NULL
         UNION ALL SELECT id, hub_receipt FROM outgoing_answer WHERE hub_receipt IS NOT NULL
       ) own WHERE NOT EXISTS (SELECT 1 FROM audit_leaf_check c WHERE c.message_id = own.id)`,
    );
  }

  /** Done with this leaf: found included (ok), or an alert was raised for it. */
  async markChecked(leafIndex: number, messageId: string, treeSize: number, ok: boolean, at: Date): Promise<void> {
    await this.db.query('INSERT INTO audit_leaf_check (leaf_index, message_id, tree_size, ok, checked_at) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (leaf_index) DO NOTHING', [
      leafIndex,
      messageId,
      treeSize,
      ok,
      at,
    ]);
  }
}
