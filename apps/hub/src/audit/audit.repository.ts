import { Injectable } from '@nestjs/common';
import { type PublicJwk, type StoredSubtree, type SubtreeRef } from '@cicu/crypto';
import { type EntityManager } from 'typeorm';
import { AuditEntryEntity } from './audit-entry.entity';

/** A stored signed tree head. */
export interface TreeHeadRow {
  treeSize: number;
  rootHash: Uint8Array;
  issuedAt: Date;
  kid: string;
  jws: string;
}

interface TreeHeadDbRow {
  tree_size: string;
  root_hash: Buffer;
  issued_at: Date;
  kid: string;
  jws: string;
}

const toTreeHead = (row: TreeHeadDbRow): TreeHeadRow => ({ treeSize: Number(row.tree_size), rootHash: new Uint8Array(row.root_hash), issuedAt: row.issued_at, kid: row.kid, jws: row.jws });

/**
 * Rows of other tables that one statement changes together with an audit append
 * (AuditRepository.appendAtSize): `ctes`, CTEs over `params` ($1…); `changed`, the name of the
 * one whose rows are the changes; `count`, how many the append's events expect.
 */
export interface AuditedChanges {
  ctes: string;
  params: unknown[];
  changed: string;
  count: number;
}

/** The only code that touches TypeORM for the audit log. */
@Injectable()
export class AuditRepository {
  /**
   * Reserves the next `count` indices inside the caller's transaction; returns the first. The
   * head row stays locked until that transaction ends, so indices are gapless and in commit order even with several hub
   * replicas (a sequence would leave gaps on rollback, which a Merkle log cannot have).
   */
  async reserveIndices(tx: EntityManager, count: number): Promise<number> {
    // One round trip: the UPDATE takes the row lock (as SELECT … FOR UPDATE did) and bumps the size.
    const rows: { first: string }[] = await tx.query('WITH head AS (UPDATE audit_head SET size = size + $1 WHERE id = true RETURNING size) SELECT size - $1 AS first FROM head', [count]);
    const head = rows[0];
    if (head === undefined) throw new Error('audit_head row is missing');
    return Number(head.first);
  }

  /**
   * Entries and the tree nodes they complete in one statement (a writable CTE): with the head
   * lock held, every round trip counts. unnest: eight parameters whatever the batch size.
   */
  async insertEntriesAndNodes(tx: EntityManager, entries: AuditEntryEntity[], nodes: StoredSubtree[]): Promise<void> {
    await tx.query(
      `WITH entries AS (
         INSERT INTO audit_entry (index, type, canonical, leaf_hash, recorded_at)
         SELECT * FROM unnest($1::bigint[], $2::varchar[], $3::text[], $4::bytea[], $5::timestamptz[])
       )
       INSERT INTO audit_node (level, index, hash) SELECT * FROM unnest($6::smallint[], $7::bigint[], $8::bytea[])`,
      [...entryColumns(entries), ...nodeColumns(nodes)],
    );
  }

  /**
   * An append prepared on a known right edge (AuditService.prepare), and the rows of `table`
   * that go with it, in one statement and so one implicit transaction: one round trip and one
   * fsync instead of BEGIN, five statements and COMMIT. The head grows only if it still has
   * `expectedSize` entries; otherwise nothing at all is written and this returns false, for
   * the caller to append the usual way. The head row is locked by the statement's UPDATE
   * until it commits, as in `reserveIndices`. `rows.json`: a JSON array of `table`'s rows by
   * column name (json_populate_recordset), audit indices included. Any error (a row's key
   * taken, a foreign key) fails the whole statement: nothing is written either.
   *
   * `changes`: updates of other rows that some of the events audit (a delivery receipt
   * recorded on its message), made by the same statement before the head row is locked (the
   * lock order: rows first, the head last). They are CTEs over their own parameters ($1…);
   * they should read the CTE `expected_head`, which has a row only while the head (as the
   * statement's snapshot sees it) is at `expectedSize`, so that they change nothing when it
   * is not. The events were prepared as if each change happens, so the head grows only if
   * the CTE named `changes.changed` returns `changes.count` rows and the head is still at
   * `expectedSize` once locked; otherwise its new size is NULL, which the column refuses, and
   * the statement fails whole (a row acknowledged meanwhile; another writer's append that
   * committed after the snapshot was taken).
   */
  async appendAtSize(
    db: EntityManager,
    expectedSize: number,
    entries: AuditEntryEntity[],
    nodes: StoredSubtree[],
    rows: { table: 'message'; json: string },
    changes?: AuditedChanges,
  ): Promise<boolean> {
    const changeParams = changes?.params ?? [];
    const $ = (n: number) => `$${changeParams.length + n}`;
    const head =
      changes === undefined
        ? `UPDATE audit_head SET size = size + ${$(1)} WHERE id = true AND size = ${$(2)} RETURNING size`
        : `UPDATE audit_head SET size = CASE WHEN size = ${$(2)} AND (SELECT count(*) FROM ${changes.changed}) = ${$(12)} THEN size + ${$(1)} END
            WHERE id = true AND EXISTS (SELECT 1 FROM expected_head) RETURNING size`;
    const result: { appended: boolean }[] = await db.query(
      `WITH ${changes === undefined ? '' : `expected_head AS (SELECT 1 FROM audit_head WHERE id = true AND size = ${$(2)}), ${changes.ctes},`}
       head AS (${head}), entries AS (
         INSERT INTO audit_entry (index, type, canonical, leaf_hash, recorded_at)
         SELECT e.* FROM unnest(${$(3)}::bigint[], ${$(4)}::varchar[], ${$(5)}::text[], ${$(6)}::bytea[], ${$(7)}::timestamptz[]) AS e, head
       ), nodes AS (
         INSERT INTO audit_node (level, index, hash) SELECT n.* FROM unnest(${$(8)}::smallint[], ${$(9)}::bigint[], ${$(10)}::bytea[]) AS n, head
       ), rows AS (
         INSERT INTO ${rows.table} SELECT r.* FROM json_populate_recordset(NULL::${rows.table}, ${$(11)}::json) AS r, head
       )
       SELECT EXISTS (SELECT 1 FROM head) AS appended`,
      [
        ...changeParams,
        entries.length,
        expectedSize,
        ...entryColumns(entries),
        ...nodeColumns(nodes),
        rows.json,
        ...(changes === undefined ? [] : [changes.count]),
      ],
    );
    return result[0]?.appended === true;
  }

  /** The hashes of the given perfect subtrees in one query, each by primary key; missing ones are absent. */
  async findSubtrees(tx: EntityManager, refs: readonly SubtreeRef[]): Promise<Map<string, Uint8Array>> {
    const rows: { level: number; index: string; hash: Buffer }[] = await tx.query(
      `SELECT n.level::int AS level, n.index, n.hash
         FROM unnest($1::smallint[], $2::bigint[]) AS w(level, index) JOIN audit_node n ON n.level = w.level AND n.index = w.index`,
      [refs.map((r) => r.level), refs.map((r) => r.index)],
    );
    return new Map(rows.map((row) => [subtreeKey({ level: row.level, index: Number(row.index) }), new Uint8Array(row.hash)]));
  }

  /** The number of committed entries. */
  async size(tx: EntityManager): Promise<number> {
    const rows: { size: string }[] = await tx.query('SELECT size FROM audit_head WHERE id = true');
    return Number(rows[0]?.size ?? 0);
  }

  async findRange(tx: EntityManager, from: number, count: number): Promise<AuditEntryEntity[]> {
    return tx.getRepository(AuditEntryEntity).createQueryBuilder('e').where('e.index >= :from', { from }).orderBy('e.index', 'ASC').limit(count).getMany();
  }

  /** Canonical JSON of entries [from, to), in order: what the leaves API and the export serve. */
  async canonicalRange(tx: EntityManager, from: number, to: number): Promise<{ index: number; canonical: string }[]> {
    const rows: { index: string; canonical: string }[] = await tx.query('SELECT index, canonical FROM audit_entry WHERE index >= $1 AND index < $2 ORDER BY index', [from, to]);
    return rows.map((row) => ({ index: Number(row.index), canonical: row.canonical }));
  }

  /** How many entries [from, to) holds: to - from, unless some were deleted behind the log's back. */
  async countRange(tx: EntityManager, from: number, to: number): Promise<number> {
    const rows: { count: string }[] = await tx.query('SELECT count(*) AS count FROM audit_entry WHERE index >= $1 AND index < $2', [from, to]);
    return Number(rows[0]?.count ?? 0);
  }

  /** The first index recorded at or after `at` (the log's size when there is none). */
  async firstIndexAtOrAfter(tx: EntityManager, at: Date): Promise<number> {
    const rows: { index: string | null }[] = await tx.query('SELECT min(index) AS index FROM audit_entry WHERE recorded_at >= $1', [at]);
    return rows[0]?.index == null ? this.size(tx) : Number(rows[0].index);
  }

  /** Stores a tree head unless one of that size exists (replicas may race); returns the stored one. */
  async insertTreeHead(tx: EntityManager, head: TreeHeadRow): Promise<TreeHeadRow> {
    await tx.query('INSERT INTO audit_tree_head (tree_size, root_hash, issued_at, kid, jws) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (tree_size) DO NOTHING', [
      head.treeSize,
      Buffer.from(head.rootHash),
      head.issuedAt,
      head.kid,
      head.jws,
    ]);
    const stored = await this.treeHeadOfSize(tx, head.treeSize);
    if (stored === undefined) throw new Error('tree head vanished after insert');
    return stored;
  }

  async latestTreeHead(tx: EntityManager): Promise<TreeHeadRow | undefined> {
    const rows: TreeHeadDbRow[] = await tx.query('SELECT * FROM audit_tree_head ORDER BY tree_size DESC LIMIT 1');
    return rows[0] && toTreeHead(rows[0]);
  }

  async treeHeadOfSize(tx: EntityManager, size: number): Promise<TreeHeadRow | undefined> {
    const rows: TreeHeadDbRow[] = await tx.query('SELECT * FROM audit_tree_head WHERE tree_size = $1', [size]);
    return rows[0] && toTreeHead(rows[0]);
  }

  /** Tree heads with from <= treeSize <= to, smallest first. */
  async treeHeadsBetween(tx: EntityManager, from: number, to: number): Promise<TreeHeadRow[]> {
    const rows: TreeHeadDbRow[] = await tx.query('SELECT * FROM audit_tree_head WHERE tree_size >= $1 AND tree_size <= $2 ORDER BY tree_size', [from, to]);
    return rows.map(toTreeHead);
  }

  /**
   * The hub's public signing keys, current and retired, as /.well-known/jwks.json serves them
   * (the keyring's table, read here so that an export needs the database only, not the key).
   */
  async hubSigningKeys(tx: EntityManager): Promise<PublicJwk[]> {
    const rows: { public_jwk: PublicJwk }[] = await tx.query(`SELECT public_jwk FROM local_key WHERE purpose = 'sig' ORDER BY created_at`);
    return rows.map((row) => row.public_jwk);
  }

  /** The latest tree head issued at or before `at`. */
  async latestTreeHeadAt(tx: EntityManager, at: Date): Promise<TreeHeadRow | undefined> {
    const rows: TreeHeadDbRow[] = await tx.query('SELECT * FROM audit_tree_head WHERE issued_at <= $1 ORDER BY tree_size DESC LIMIT 1', [at]);
    return rows[0] && toTreeHead(rows[0]);
  }
}

/** The unnest parameters of audit_entry rows, in column order. */
const entryColumns = (entries: AuditEntryEntity[]) => [entries.map((e) => e.index), entries.map((e) => e.type), entries.map((e) => e.canonical), entries.map((e) => e.leafHash), entries.map((e) => e.recordedAt)];

/** The unnest parameters of audit_node rows, in column order. */
const nodeColumns = (nodes: StoredSubtree[]) => [nodes.map((n) => n.level), nodes.map((n) => n.index), nodes.map((n) => Buffer.from(n.hash.buffer, n.hash.byteOffset, n.hash.byteLength))];

export const subtreeKey = (ref: SubtreeRef): string => `${ref.level}:${ref.index}`;
