import { type MigrationInterface, type QueryRunner } from 'typeorm';

// The code lists of protocol v1, frozen here: a migration must build the same schema every
// time it runs, so it does not import libs/protocol. Adding a code there is a contract change
// that comes with a new migration widening these checks (migrations.spec.ts fails until then).
export const DIRECTORY_CODES_V1 = {
  requestTypes: ['ISP_SUBSCRIBER', 'EMAIL_ACCOUNT', 'PLATFORM_ACCOUNT', 'PAYMENT_ACCOUNT', 'PHONE_HOLDER', 'OSINT_BACKGROUND'],
  areas: ['drugs-precursors', 'cites', 'arms', 'medicines', 'excise', 'ipr-counterfeits', 'customs-value', 'gambling', 'other'],
  priorities: ['routine', 'urgent', 'immediate'],
  unitIdPattern: '^[A-Z]{2}-[A-Z0-9-]{2,32}$',
  registryIdPattern: '^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$',
} as const;

const list = (values: readonly string[]): string => `ARRAY[${values.map((v) => `'${v}'`).join(', ')}]::text[]`;
const REQUEST_TYPE_LIST = list(DIRECTORY_CODES_V1.requestTypes);
const AREA_LIST = list(DIRECTORY_CODES_V1.areas);
const PRIORITY_LIST = list(DIRECTORY_CODES_V1.priorities);
const UNIT_ID_PATTERN = DIRECTORY_CODES_V1.unitIdPattern;
const REGISTRY_ID = `'${DIRECTORY_CODES_V1.registryIdPattern}'`;

/**
 * The hub's directory (member states, units, nodes and their public keys, legal bases,
 * agreements, the directory version counter). The hub's own sealed keys live in the shared
 * keyring's table local_key (Keyring1795963596100 in apps/shared/src/keyring/).
 */
export class Directory1795963596046 implements MigrationInterface {
  name = 'Directory1795963596046';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE member_state (
        code char(2) PRIMARY KEY CHECK (code ~ '^[A-Z]{2}$'),
        name varchar(100) NOT NULL CHECK (length(name) > 0)
      )`);

    await q.query(`
      CREATE TABLE unit (
        id varchar(35) PRIMARY KEY CHECK (id ~ '${UNIT_ID_PATTERN}'),
        member_state_code char(2) NOT NULL REFERENCES member_state (code),
        name varchar(200) NOT NULL CHECK (length(name) > 0),
        short_name varchar(50) NOT NULL CHECK (length(short_name) > 0),
        administration varchar(200) NOT NULL CHECK (length(administration) > 0),
        status varchar(16) NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'suspended', 'retired')),
        areas text[] NOT NULL CHECK (cardinality(areas) > 0 AND areas <@ ${AREA_LIST}),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        -- A unit belongs to the member state its id names.
        CONSTRAINT unit_id_names_member_state CHECK (left(id, 2) = member_state_code)
      )`);
    await q.query(`CREATE INDEX unit_member_state_idx ON unit (member_state_code)`);

    await q.query(`
      CREATE TABLE node (
        id uuid PRIMARY KEY,
        unit_id varchar(35) NOT NULL REFERENCES unit (id),
        inbox_url varchar(2048) NOT NULL CHECK (inbox_url ~ '^https?://'),
        status varchar(16) NOT NULL DEFAULT 'pending' CHECK (status IN ('active', 'pending', 'suspended')),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT node_unit_inbox_unique UNIQUE (unit_id, inbox_url)
      )`);

    await q.query(`
      CREATE TABLE node_key (
        kid varchar(43) PRIMARY KEY CHECK (kid ~ '^[A-Za-z0-9_-]{43}$'),
        node_id uuid NOT NULL REFERENCES node (id),
        use varchar(3) NOT NULL CHECK (use IN ('sig', 'enc')),
        alg varchar(20) NOT NULL CHECK (alg IN ('EdDSA', 'ES256', 'ECDH-ES+A256KW')),
        public_jwk jsonb NOT NULL,
        not_before timestamptz NOT NULL,
        not_after timestamptz,
        revoked_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT node_key_validity CHECK (not_after IS NULL OR not_after > not_before),
        -- The stored JWK is the published one: it names this kid and use, and is never private.
        CONSTRAINT node_key_jwk_matches CHECK (public_jwk ->> 'kid' = kid AND public_jwk ->> 'use' = use AND public_jwk ->> 'alg' = alg),
        CONSTRAINT node_key_jwk_public CHECK (NOT (public_jwk ?| ARRAY['d', 'p', 'q', 'dp', 'dq', 'qi', 'oth', 'k', 'priv']))
      )`);
    await q.query(`CREATE INDEX node_key_node_idx ON node_key (node_id, use)`);

    await q.query(`
      CREATE TABLE legal_basis (
        id varchar(128) PRIMARY KEY CHECK (id ~ ${REGISTRY_ID}),
        instrument varchar(500) NOT NULL CHECK (length(instrument) > 0),
        article varchar(50) NOT NULL CHECK (length(article) > 0),
        title varchar(200) NOT NULL CHECK (length(title) > 0),
        official_reference varchar(200) NOT NULL CHECK (length(official_reference) > 0),
        request_types text[] NOT NULL CHECK (cardinality(request_types) > 0 AND request_types <@ ${REQUEST_TYPE_LIST}),
        valid_from date NOT NULL,
        valid_to date,
        CONSTRAINT legal_basis_validity CHECK (valid_to IS NULL OR valid_to >= valid_from)
      )`);

    await q.query(`
      CREATE TABLE agreement (
        id varchar(128) PRIMARY KEY CHECK (id ~ ${REGISTRY_ID}),
        version integer NOT NULL DEFAULT 1 CHECK (version >= 1),
        title varchar(300) NOT NULL CHECK (length(title) > 0),
        request_types text[] NOT NULL CHECK (cardinality(request_types) > 0 AND request_types <@ ${REQUEST_TYPE_LIST}),
        areas text[] NOT NULL CHECK (cardinality(areas) > 0 AND areas <@ ${AREA_LIST}),
        valid_from date NOT NULL,
        valid_to date,
        max_priority varchar(16) NOT NULL CHECK (max_priority = ANY (${PRIORITY_LIST})),
        due_times jsonb NOT NULL CHECK (jsonb_typeof(due_times) = 'object' AND due_times ?& ${PRIORITY_LIST}),
        contact_points jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(contact_points) = 'array'),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT agreement_validity CHECK (valid_to IS NULL OR valid_to >= valid_from)
      )`);

    await q.query(`
      CREATE TABLE agreement_party (
        agreement_id varchar(128) NOT NULL REFERENCES agreement (id) ON DELETE CASCADE,
        unit_id varchar(35) NOT NULL REFERENCES unit (id),
        PRIMARY KEY (agreement_id, unit_id)
      )`);
    await q.query(`CREATE INDEX agreement_party_unit_idx ON agreement_party (unit_id)`);

    await q.query(`
      CREATE TABLE agreement_legal_basis (
        agreement_id varchar(128) NOT NULL REFERENCES agreement (id) ON DELETE CASCADE,
        legal_basis_id varchar(128) NOT NULL REFERENCES legal_basis (id),
        PRIMARY KEY (agreement_id, legal_basis_id)
      )`);

    // One row; every directory change bumps it in the same transaction, and its row lock
    // serialises directory writers.
    await q.query(`
      CREATE TABLE directory_version (
        id boolean PRIMARY KEY DEFAULT true CHECK (id),
        version integer NOT NULL CHECK (version >= 0),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`INSERT INTO directory_version (id, version) VALUES (true, 0)`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['directory_version', 'agreement_legal_basis', 'agreement_party', 'agreement', 'legal_basis', 'node_key', 'node', 'unit', 'member_state']) {
      await q.query(`DROP TABLE ${table}`);
    }
  }
}
