import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * The app's own keys (table local_key), private halves sealed. Listed by both apps' migration
 * lists: the hub keeps its signing key here, a node its signing and encryption keys.
 */
export class Keyring1795963596100 implements MigrationInterface {
  name = 'Keyring1795963596100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE local_key (
        kid varchar(43) PRIMARY KEY CHECK (kid ~ '^[A-Za-z0-9_-]{43}$'),
        purpose varchar(3) NOT NULL CHECK (purpose IN ('sig', 'enc')),
        alg varchar(20) NOT NULL CHECK (alg IN ('EdDSA', 'ES256', 'ECDH-ES+A256KW')),
        public_jwk jsonb NOT NULL,
        sealed_private_jwk text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        retired_at timestamptz,
        CONSTRAINT local_key_alg_fits_purpose CHECK ((purpose = 'sig' AND alg IN ('EdDSA', 'ES256')) OR (purpose = 'enc' AND alg = 'ECDH-ES+A256KW')),
        -- The stored JWK is the published one: it names this kid, purpose and alg, and is never private.
        CONSTRAINT local_key_jwk_matches CHECK (public_jwk ->> 'kid' = kid AND public_jwk ->> 'alg' = alg AND public_jwk ->> 'use' = purpose),
        CONSTRAINT local_key_jwk_public CHECK (NOT (public_jwk ?| ARRAY['d', 'p', 'q', 'dp', 'dq', 'qi', 'oth', 'k', 'priv'])),
        -- Sealed means a compact JWE (five segments), never a bare JWK.
        CONSTRAINT local_key_sealed CHECK (sealed_private_jwk ~ '^[A-Za-z0-9_-]+(\\.[A-Za-z0-9_-]+){4}$')
      )`);
    // At most one current key per purpose.
    await q.query(`CREATE UNIQUE INDEX local_key_one_current ON local_key (purpose) WHERE retired_at IS NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE local_key`);
  }
}
