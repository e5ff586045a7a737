import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type DataSource, type EntityManager } from 'typeorm';
import { type UnitContactPoint } from '@cicu/protocol';

export interface DirectoryEntryRow {
  id: string;
  member_state_code: string;
  name: string;
  short_name: string;
  administration: string;
  areas: string[];
  version: number | null;
  description: string | null;
  competences: string[] | null;
  languages: string[] | null;
  contact_points: UnitContactPoint[] | null;
  updated_at: Date | null;
}

export interface NewProfile {
  unitId: string;
  version: number;
  description: string;
  competences: readonly string[];
  languages: readonly string[];
  contactPoints: readonly UnitContactPoint[];
  nodeId: string;
  officerId: string;
  content: string;
  contentDigest: string;
  actionJws: string;
  actionDigest: string;
  auditIndex: number;
  now: Date;
}

/** The only code of the unit directory that touches the database. */
@Injectable()
export class UnitDirectoryRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  transaction<T>(work: (tx: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  /** Every active unit, by id, with its profile if it has one. */
  async activeUnits(): Promise<DirectoryEntryRow[]> {
    return this.dataSource.manager.query(
      `SELECT u.id, u.member_state_code, u.name, u.short_name, u.administration, u.areas,
         p.version, p.description, p.competences, p.languages, p.contact_points, p.updated_at
       FROM unit u LEFT JOIN unit_profile p ON p.unit_id = u.id WHERE u.status = 'active' ORDER BY u.id`,
    );
  }

  /** The unit's profile version, locked (0 when it has none yet; the unit row is locked then, so two first profiles cannot race). */
  async lockVersion(tx: EntityManager, unitId: string): Promise<number> {
    await tx.query(`SELECT id FROM unit WHERE id = $1 FOR UPDATE`, [unitId]);
    const rows: { version: number }[] = await tx.query(`SELECT version FROM unit_profile WHERE unit_id = $1 FOR UPDATE`, [unitId]);
    return rows[0]?.version ?? 0;
  }

  async save(tx: EntityManager, p: NewProfile): Promise<void> {
    await tx.query(
      `INSERT INTO unit_profile (unit_id, version, description, competences, languages, contact_points, node_id, officer_id, content, content_digest, action_jws, action_digest, audit_index, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)
       ON CONFLICT (unit_id) DO UPDATE SET version = EXCLUDED.version, description = EXCLUDED.description, competences = EXCLUDED.competences,
         languages = EXCLUDED.languages, contact_points = EXCLUDED.contact_points, node_id = EXCLUDED.node_id, officer_id = EXCLUDED.officer_id,
         content = EXCLUDED.content, content_digest = EXCLUDED.content_digest, action_jws = EXCLUDED.action_jws, action_digest = EXCLUDED.action_digest,
         audit_index = EXCLUDED.audit_index, updated_at = EXCLUDED.updated_at`,
      [p.unitId, p.version, p.description, p.competences, p.languages, JSON.stringify(p.contactPoints), p.nodeId, p.officerId, p.content, p.contentDigest, p.actionJws, p.actionDigest, p.auditIndex, p.now],
    );
  }
}
