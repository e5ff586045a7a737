import { type Area, type CountryCode } from '@cicu/protocol';
import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

export const UNIT_STATUSES = ['active', 'suspended', 'retired'] as const;
export type UnitStatus = (typeof UNIT_STATUSES)[number];

@Entity('unit')
export class UnitEntity {
  /** e.g. FR-CYBERDOUANE (UNIT_ID_PATTERN); the first two letters are the member state. */
  @PrimaryColumn({ type: 'varchar', length: 35 })
  id!: string;

  @Column({ name: 'member_state_code', type: 'char', length: 2 })
  memberStateCode!: CountryCode;

  @Column({ type: 'varchar', length: 200 })
  name!: string;

  @Column({ name: 'short_name', type: 'varchar', length: 50 })
  shortName!: string;

  /** The customs administration the unit belongs to. */
  @Column({ type: 'varchar', length: 200 })
  administration!: string;

  @Column({ type: 'varchar', length: 16 })
  status!: UnitStatus;

  @Column({ type: 'text', array: true })
  areas!: Area[];

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
