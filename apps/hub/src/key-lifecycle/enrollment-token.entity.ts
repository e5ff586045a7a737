import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A one-time, expiring enrolment token a coordinator issued for a unit; only its SHA-256 is kept. */
@Entity('enrollment_token')
export class EnrollmentTokenEntity {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ name: 'unit_id', type: 'varchar', length: 35 })
  unitId!: string;

  /** Lowercase hex SHA-256 of the token's ASCII bytes. */
  @Column({ name: 'token_sha256', type: 'char', length: 64 })
  tokenSha256!: string;

  @Column({ name: 'issued_at', type: 'timestamptz' })
  issuedAt!: Date;

  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt!: Date;

  @Column({ name: 'used_at', type: 'timestamptz', nullable: true })
  usedAt!: Date | null;

  /** The node enrolled with it, once used. */
  @Column({ name: 'node_id', type: 'uuid', nullable: true })
  nodeId!: string | null;
}
