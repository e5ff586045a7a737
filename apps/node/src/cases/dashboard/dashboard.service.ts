import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { type OfficerView } from '../../officers/officers.service';
import { NOTHING_OWED_STATUSES, type RequestStatus } from '../case-status';

export interface Dashboard {
  myRequests: { total: number; byStatus: Partial<Record<RequestStatus, number>>; overdue: number };
  incoming: { new: number; assignedToMe: number; unassigned: number; overdue: number };
  /** Requests awaiting approval by someone else than this officer (four eyes); 0 for an officer who is no supervisor. */
  awaitingMyApproval: number;
}

/** The officer's start page in numbers: one query per table, counted by PostgreSQL. */
@Injectable()
export class DashboardService {
  constructor(private readonly db: DataSource) {}

  async of(officer: OfficerView, now: Date = new Date()): Promise<Dashboard> {
    // Overdue: still owed by the partner, and flagged by the deadline job or past its due date. A
    // request answered late keeps its flag (its view says it was late) but needs nothing now.
    const mine = (await this.db.query(
      `SELECT status, count(*)::int AS n, count(*) FILTER (WHERE status <> ALL ($3::text[]) AND (overdue OR due_at < $2))::int AS overdue
         FROM outgoing_request WHERE created_by = $1 GROUP BY status`,
      [officer.id, now, NOTHING_OWED_STATUSES],
    )) as { status: RequestStatus; n: number; overdue: number }[];
    const [incoming] = (await this.db.query(
      `SELECT count(*)::int AS new, count(*) FILTER (WHERE assigned_to = $1)::int AS mine, count(*) FILTER (WHERE assigned_to IS NULL)::int AS unassigned,
              count(*) FILTER (WHERE (envelope->>'dueAt')::timestamptz < $2)::int AS overdue
         FROM inbox_message WHERE kind = 'request' AND status = 'new'`,
      [officer.id, now],
    )) as { new: number; mine: number; unassigned: number; overdue: number }[];
    const [approvals] = officer.roles.includes('supervisor')
      ? ((await this.db.query(`SELECT count(*)::int AS n FROM outgoing_request WHERE status = 'awaiting_approval' AND created_by <> $1`, [officer.id])) as { n: number }[])
      : [{ n: 0 }];
    return {
      myRequests: {
        total: mine.reduce((sum, row) => sum + row.n, 0),
        byStatus: Object.fromEntries(mine.map((row) => [row.status, row.n])),
        overdue: mine.reduce((sum, row) => sum + row.overdue, 0),
      },
      incoming: { new: incoming?.new ?? 0, assignedToMe: incoming?.mine ?? 0, unassigned: incoming?.unassigned ?? 0, overdue: incoming?.overdue ?? 0 },
      awaitingMyApproval: approvals?.n ?? 0,
    };
  }
}
