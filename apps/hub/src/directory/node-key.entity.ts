import { type KeyAlgorithm, type KeyUse, type PublicJwk } from '@cicu/crypto';
import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** A node's public key. The private half never reaches the hub. */
@Entity('node_key')
export class NodeKeyEntity {
  /** RFC 7638 SHA-256 thumbprint, base64url (43 characters). */
  @PrimaryColumn({ type: 'varchar', length: 43 })
  kid!: string;

  @Column({ name: 'node_id', type: 'uuid' })
  nodeId!: string;

  @Column({ type: 'varchar', length: 3 })
  use!: KeyUse;

  @Column({ type: 'varchar', length: 20 })
  alg!: KeyAlgorithm;

  @Column({ name: 'public_jwk', type: 'jsonb' })
  publicJwk!: PublicJwk;

  @Column({ name: 'not_before', type: 'timestamptz' })
  notBefore!: Date;

  @Column({ name: 'not_after', type: 'timestamptz', nullable: true })
  notAfter!: Date | null;

  /** From when the key is refused (REVOKED_KEY): set by a coordinator's revocation, may lie ahead. */
  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true })
  revokedAt!: Date | null;

  /** The key of the same use that replaced this one at a rotation. */
  @Column({ name: 'superseded_by', type: 'varchar', length: 43, nullable: true })
  supersededBy!: string | null;

  /** End of the rotation's overlap window: from then on the key is unknown (UNKNOWN_KEY). */
  @Column({ name: 'retires_at', type: 'timestamptz', nullable: true })
  retiresAt!: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
