import { type CountryCode } from '@cicu/protocol';
import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity('member_state')
export class MemberStateEntity {
  /** ISO 3166-1 alpha-2. */
  @PrimaryColumn({ type: 'char', length: 2 })
  code!: CountryCode;

  @Column({ type: 'varchar', length: 100 })
  name!: string;
}
