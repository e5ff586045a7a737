import { type Area, type Priority, type RequestType } from '@cicu/protocol';
import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/** ISO 8601 durations (days, hours, minutes, seconds only), e.g. P30D, PT72H. */
export type DueTimeDurations = Record<Priority, string>;

/** A functional contact of a party (a desk or mailbox, never a named person). */
export interface ContactPoint {
  unitId: string;
  function: string;
  email?: string;
  phone?: string;
}

@Entity('agreement')
export class AgreementEntity {
  @PrimaryColumn({ type: 'varchar', length: 128 })
  id!: string;

  /** Raised on every change of the agreement's terms. */
  @Column({ type: 'integer' })
  version!: number;

  @Column({ type: 'varchar', length: 300 })
  title!: string;

  @Column({ name: 'request_types', type: 'text', array: true })
  requestTypes!: RequestType[];

  @Column({ type: 'text', array: true })
  areas!: Area[];

  /** Calendar dates (UTC), both inclusive; validTo null = no end. */
  @Column({ name: 'valid_from', type: 'date' })
  validFrom!: string;

  @Column({ name: 'valid_to', type: 'date', nullable: true })
  validTo!: string | null;

  @Column({ name: 'max_priority', type: 'varchar', length: 16 })
  maxPriority!: Priority;

  @Column({ name: 'due_times', type: 'jsonb' })
  dueTimes!: DueTimeDurations;

  @Column({ name: 'contact_points', type: 'jsonb' })
  contactPoints!: ContactPoint[];

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}

/** The units an agreement binds (two for a bilateral agreement). */
@Entity('agreement_party')
export class AgreementPartyEntity {
  @PrimaryColumn({ name: 'agreement_id', type: 'varchar', length: 128 })
  agreementId!: string;

  @PrimaryColumn({ name: 'unit_id', type: 'varchar', length: 35 })
  unitId!: string;
}

/** The legal bases under which requests covered by an agreement may be made. */
@Entity('agreement_legal_basis')
export class AgreementLegalBasisEntity {
  @PrimaryColumn({ name: 'agreement_id', type: 'varchar', length: 128 })
  agreementId!: string;

  @PrimaryColumn({ name: 'legal_basis_id', type: 'varchar', length: 128 })
  legalBasisId!: string;
}

/** The terms of one version of an agreement, as they were: what a message routed under it was routed by. */
export interface AgreementTerms {
  title: string;
  parties: string[];
  requestTypes: RequestType[];
  areas: Area[];
  legalBases: string[];
  /** UTC calendar days, inclusive; null = no end. */
  validFrom: string;
  validTo: string | null;
  maxPriority: Priority;
  dueTimes: DueTimeDurations;
  contactPoints: ContactPoint[];
}

/** One version of an agreement, kept for good (append-only): amendments add versions. */
@Entity('agreement_version')
export class AgreementVersionEntity {
  @PrimaryColumn({ name: 'agreement_id', type: 'varchar', length: 128 })
  agreementId!: string;

  @PrimaryColumn({ type: 'integer' })
  version!: number;

  @Column({ type: 'jsonb' })
  terms!: AgreementTerms;

  @CreateDateColumn({ name: 'recorded_at', type: 'timestamptz' })
  recordedAt!: Date;
}
