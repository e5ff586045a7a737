import { Inject, Injectable } from '@nestjs/common';
import { Batcher } from '@cicu/shared';
import { DataSource } from 'typeorm';
import { NODE_CONFIG, type NodeConfig } from '../../config/node-config';
import { type SubmitJobData } from './submit.jobs';

const TABLE = { request: 'outgoing_request', answer: 'outgoing_answer' } as const;
type Table = SubmitJobData['table'];

/** A sealed message as its submit job starts: `due_at` of a request only (its deadline jobs start at submission). */
export interface ClaimedRow {
  jws: string | null;
  status: string;
  dueAt: Date | null;
}

interface Submitted {
  table: Table;
  id: string;
  /** Null after a REPLAY confirmed with the hub: the receipt was lost with the first 202. */
  receipt: string | null;
  at: Date;
}

/**
 * The submit jobs' writes to the outbox tables. The claim and the mark `submitted` are shared
 * by the jobs that make them together (SUBMIT_CONCURRENCY of them run at once, and a hub batch
 * answers many at the same moment): one statement per table instead of one per message.
 */
@Injectable()
export class SubmitRows {
  private readonly claims: Batcher<SubmitJobData, ClaimedRow | undefined>;
  private readonly submissions: Batcher<Submitted, void>;

  constructor(
    private readonly db: DataSource,
    @Inject(NODE_CONFIG) config: NodeConfig,
  ) {
    this.claims = new Batcher((jobs) => this.claimEach(jobs), { maxBatch: config.SUBMIT_CONCURRENCY });
    this.submissions = new Batcher(async (rows) => this.markEachSubmitted(rows), { maxBatch: config.SUBMIT_CONCURRENCY });
  }

  /**
   * A sealed, approved message becomes 'submitting'; the row as it was before (the SELECT sees
   * the statement's snapshot), or undefined when this node holds no such message.
   */
  claim(job: SubmitJobData): Promise<ClaimedRow | undefined> {
    return this.claims.submit(job);
  }

  /** 'submitted' (unless it moved on meanwhile), with the hub's receipt when there is one; the first submission time is kept. */
  markSubmitted(table: Table, id: string, receipt: string | null, at: Date): Promise<void> {
    return this.submissions.submit({ table, id, receipt, at });
  }

  /** 'rejected_by_hub' with the hub's refusal, unless it moved on meanwhile. Rare: one statement of its own. */
  async markRejected(table: Table, id: string, refusal: Record<string, unknown>, at: Date): Promise<void> {
    await this.db.query(`UPDATE ${TABLE[table]} SET status = 'rejected_by_hub', hub_refusal = $2, updated_at = $3 WHERE id = $1 AND status IN ('approved', 'submitting')`, [
      id,
      JSON.stringify(refusal),
      at,
    ]);
  }

  private async claimEach(jobs: readonly SubmitJobData[]): Promise<(ClaimedRow | undefined)[]> {
    const rows = new Map<string, ClaimedRow>();
    for (const table of new Set(jobs.map((job) => job.table))) {
      const ids = jobs.filter((job) => job.table === table).map((job) => job.id);
      const found = (await this.db.query(
        `WITH marked AS (UPDATE ${TABLE[table]} SET status = 'submitting', updated_at = now() WHERE id = ANY($1::uuid[]) AND status = 'approved' AND jws IS NOT NULL)
         SELECT id, jws, status, ${table === 'request' ? 'due_at' : 'NULL::timestamptz AS due_at'} FROM ${TABLE[table]} WHERE id = ANY($1::uuid[])`,
        [ids],
      )) as { id: string; jws: string | null; status: string; due_at: Date | null }[];
      for (const row of found) rows.set(`${table}:${row.id}`, { jws: row.jws, status: row.status, dueAt: row.due_at });
    }
    return jobs.map((job) => rows.get(`${job.table}:${job.id}`));
  }

  private async markEachSubmitted(rows: readonly Submitted[]): Promise<void[]> {
    for (const table of new Set(rows.map((row) => row.table))) {
      const ofTable = rows.filter((row) => row.table === table);
      await this.db.query(
        `UPDATE ${TABLE[table]} AS t SET status = CASE WHEN t.status IN ('approved', 'submitting') THEN 'submitted' ELSE t.status END,
           hub_receipt = COALESCE(u.receipt, t.hub_receipt), submitted_at = COALESCE(t.submitted_at, u.at), updated_at = u.at
           FROM unnest($1::uuid[], $2::text[], $3::timestamptz[]) AS u (id, receipt, at) WHERE t.id = u.id`,
        [ofTable.map((row) => row.id), ofTable.map((row) => row.receipt), ofTable.map((row) => row.at)],
      );
    }
    return rows.map(() => undefined);
  }
}
