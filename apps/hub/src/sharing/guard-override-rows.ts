import { type EntityManager } from 'typeorm';
import { v7 } from 'uuid';
import { type OverriddenFinding } from './personal-data-guard';

/**
 * One stored guard override (library_override, forum_override): the same columns in both
 * tables but the two naming what was overridden (a document version, a post revision).
 */
export interface GuardOverrideRow {
  id: string;
  location: string;
  kind: string;
  start_offset: number;
  end_offset: number;
  excerpt: string;
  justification: string;
  unit_id: string;
  officer_id: string;
  officer_name: string;
  audit_index: string;
  created_at: Date;
}

/** Who overrode, and the audit entry that records it. */
export interface OverrideAuthor {
  unitId: string;
  officerId: string;
  officerName: string;
  auditIndex: number;
  now: Date;
}

/** What was overridden: the table, and the two columns (with their values) that name the subject. */
export interface OverrideSubject {
  table: 'library_override' | 'forum_override';
  columns: readonly [string, string];
  values: readonly [string, number];
}

/** Stores the overridden findings of one submission in one statement (nothing when there are none). */
export async function insertGuardOverrides(tx: EntityManager, subject: OverrideSubject, overridden: readonly OverriddenFinding[], author: OverrideAuthor): Promise<void> {
  if (overridden.length === 0) return;
  const columns = ['id', ...subject.columns, 'location', 'kind', 'start_offset', 'end_offset', 'excerpt', 'justification', 'unit_id', 'officer_id', 'officer_name', 'audit_index', 'created_at'];
  const values = overridden.flatMap((o) => [
    v7(),
    ...subject.values,
    o.location,
    o.kind,
    o.start,
    o.end,
    o.excerpt,
    o.justification,
    author.unitId,
    author.officerId,
    author.officerName,
    author.auditIndex,
    author.now,
  ]);
  const rows = overridden.map((_, r) => `(${columns.map((_, c) => `$${r * columns.length + c + 1}`).join(', ')})`);
  await tx.query(`INSERT INTO ${subject.table} (${columns.join(', ')}) VALUES ${rows.join(', ')}`, values);
}

/** The fields both override views share, from a stored row. */
export function guardOverrideFields(row: GuardOverrideRow) {
  return {
    id: row.id,
    location: row.location,
    kind: row.kind,
    start: row.start_offset,
    end: row.end_offset,
    excerpt: row.excerpt,
    justification: row.justification,
    officerId: row.officer_id,
    officerName: row.officer_name,
    auditIndex: Number(row.audit_index),
    createdAt: new Date(row.created_at).toISOString(),
  };
}
