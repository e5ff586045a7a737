import { type JwsAlgorithm, type PublicJwk } from '@cicu/crypto';
import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** A signing key of the hub; the private half is stored sealed under OPERATOR_SECRET. */
@Entity('hub_key')
export class HubKeyEntity {
  /** RFC 7638 SHA-256 thumbprint, base64url. */
  @PrimaryColumn({ type: 'varchar', length: 43 })
  kid!: string;

  @Column({ type: 'varchar', length: 10 })
  alg!: JwsAlgorithm;

  @Column({ name: 'public_jwk', type: 'jsonb' })
  publicJwk!: PublicJwk;

  /** Compact JWE (PBES2-HS512+A256KW / A256GCM) of the private JWK: sealPrivateJwk. */
  @Column({ name: 'sealed_private_jwk', type: 'text' })
  sealedPrivateJwk!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  /** Set when a newer key takes over signing; the key still verifies what it signed. */
  @Column({ name: 'retired_at', type: 'timestamptz', nullable: true })
  retiredAt!: Date | null;
}
