import { type KeyAlgorithm, type PublicJwk } from '@cicu/crypto';
import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

export const KEY_PURPOSES = ['sig', 'enc'] as const;
/** What a local key is for: signing (Ed25519) or receiving encrypted content (X25519). */
export type KeyPurpose = (typeof KEY_PURPOSES)[number];

/** One of this app's own keys; the private half is stored sealed under OPERATOR_SECRET. */
@Entity('local_key')
export class LocalKeyEntity {
  /** RFC 7638 SHA-256 thumbprint, base64url. */
  @PrimaryColumn({ type: 'varchar', length: 43 })
  kid!: string;

  @Column({ type: 'varchar', length: 3 })
  purpose!: KeyPurpose;

  @Column({ type: 'varchar', length: 20 })
  alg!: KeyAlgorithm;

  @Column({ name: 'public_jwk', type: 'jsonb' })
  publicJwk!: PublicJwk;

  /** Compact JWE (PBES2-HS512+A256KW / A256GCM) of the private JWK: sealPrivateJwk. */
  @Column({ name: 'sealed_private_jwk', type: 'text' })
  sealedPrivateJwk!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  /**
   * Set when a newer key takes over its purpose; a retired signing key still verifies what it
   * signed, a retired encryption key still opens what was encrypted to it.
   */
  @Column({ name: 'retired_at', type: 'timestamptz', nullable: true })
  retiredAt!: Date | null;

  /** Made for a rotation or a re-enrolment and not registered by the hub yet: never signs, may already decrypt. */
  @Column({ type: 'boolean', default: false })
  pending!: boolean;
}
