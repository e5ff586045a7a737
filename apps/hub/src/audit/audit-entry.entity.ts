import { Column, Entity, PrimaryColumn } from 'typeorm';

/** One recorded event. `index` is gapless and gives the single total order of the log. */
@Entity({ name: 'audit_entry' })
export class AuditEntryEntity {
  @PrimaryColumn({ type: 'bigint', transformer: { to: (v: number) => v, from: (v: string) => Number(v) } })
  index!: number;

  @Column({ type: 'varchar', length: 64 })
  type!: string;

  /** RFC 8785 canonical JSON of the whole entry, exactly the bytes that are hashed. */
  @Column({ type: 'text' })
  canonical!: string;

  /** RFC 9162 leaf hash: SHA-256(0x00 || canonical). */
  @Column({ name: 'leaf_hash', type: 'bytea' })
  leafHash!: Buffer;

  @Column({ name: 'recorded_at', type: 'timestamptz' })
  recordedAt!: Date;
}

/** One row holding the size of the log; locking it serialises appends across replicas. */
@Entity({ name: 'audit_head' })
export class AuditHeadEntity {
  @PrimaryColumn({ type: 'boolean', default: true })
  id!: boolean;

  @Column({ type: 'bigint', transformer: { to: (v: number) => v, from: (v: string) => Number(v) } })
  size!: number;
}
