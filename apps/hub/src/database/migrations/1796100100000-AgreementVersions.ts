import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * The terms of every version of every agreement, kept for good: a message stores the
 * agreement id and version it was routed under (message.agreement_id, agreement_version), and
 * what that version said must stay readable after the agreement is amended or ended.
 * Append-only. Agreements already in the directory get their current version here.
 */
export class AgreementVersions1796100100000 implements MigrationInterface {
  name = 'AgreementVersions1796100100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE agreement_version (
        agreement_id varchar(128) NOT NULL REFERENCES agreement (id),
        version integer NOT NULL CHECK (version >= 1),
        terms jsonb NOT NULL CHECK (jsonb_typeof(terms) = 'object'),
        recorded_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (agreement_id, version)
      )`);
    await q.query(`CREATE TRIGGER agreement_version_append_only BEFORE UPDATE OR DELETE ON agreement_version FOR EACH ROW EXECUTE FUNCTION audit_is_append_only()`);
    await q.query(`
      INSERT INTO agreement_version (agreement_id, version, terms)
      SELECT a.id, a.version, jsonb_build_object(
        'title', a.title,
        'parties', (SELECT coalesce(jsonb_agg(p.unit_id ORDER BY p.unit_id), '[]') FROM agreement_party p WHERE p.agreement_id = a.id),
        'requestTypes', to_jsonb(a.request_types),
        'areas', to_jsonb(a.areas),
        'legalBases', (SELECT coalesce(jsonb_agg(b.legal_basis_id ORDER BY b.legal_basis_id), '[]') FROM agreement_legal_basis b WHERE b.agreement_id = a.id),
        'validFrom', to_char(a.valid_from, 'YYYY-MM-DD'),
        'validTo', CASE WHEN a.valid_to IS NULL THEN 'null'::jsonb ELSE to_jsonb(to_char(a.valid_to, 'YYYY-MM-DD')) END,
        'maxPriority', a.max_priority,
        'dueTimes', a.due_times,
        'contactPoints', a.contact_points)
      FROM agreement a`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE agreement_version`);
  }
}
