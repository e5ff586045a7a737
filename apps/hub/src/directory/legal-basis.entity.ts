import { type RequestType } from '@cicu/protocol';
import { Column, Entity, PrimaryColumn } from 'typeorm';

/** One article of one legal instrument under which requests may be made. */
@Entity('legal_basis')
export class LegalBasisEntity {
  /** e.g. NAPLES-II-ART-10 (REGISTRY_ID_PATTERN); envelopes name it as legalBasisId. */
  @PrimaryColumn({ type: 'varchar', length: 128 })
  id!: string;

  @Column({ type: 'varchar', length: 500 })
  instrument!: string;

  @Column({ type: 'varchar', length: 50 })
  article!: string;

  @Column({ type: 'varchar', length: 200 })
  title!: string;

  @Column({ name: 'official_reference', type: 'varchar', length: 200 })
  officialReference!: string;

  @Column({ name: 'request_types', type: 'text', array: true })
  requestTypes!: RequestType[];

  /** Calendar dates (UTC), both inclusive; validTo null = no end. */
  @Column({ name: 'valid_from', type: 'date' })
  validFrom!: string;

  @Column({ name: 'valid_to', type: 'date', nullable: true })
  validTo!: string | null;
}
