import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type DataSource, type EntityManager } from 'typeorm';
import { MemberStateEntity } from '../directory/member-state.entity';
import { UnitEntity } from '../directory/unit.entity';

export type MembershipTx = EntityManager;

/** The only code that touches TypeORM for the coordinator's membership changes (directory tables member_state, unit). */
@Injectable()
export class MembershipRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  listMemberStates(): Promise<MemberStateEntity[]> {
    return this.dataSource.getRepository(MemberStateEntity).find({ order: { code: 'ASC' } });
  }

  listUnits(): Promise<UnitEntity[]> {
    return this.dataSource.getRepository(UnitEntity).find({ order: { id: 'ASC' } });
  }

  async findUnit(id: string): Promise<UnitEntity | undefined> {
    return (await this.dataSource.getRepository(UnitEntity).findOneBy({ id })) ?? undefined;
  }

  async findMemberState(tx: MembershipTx, code: string): Promise<MemberStateEntity | undefined> {
    return (await tx.getRepository(MemberStateEntity).findOneBy({ code: code as MemberStateEntity['code'] })) ?? undefined;
  }

  async insertMemberState(tx: MembershipTx, row: MemberStateEntity): Promise<void> {
    await tx.getRepository(MemberStateEntity).insert(row);
  }

  async updateMemberState(tx: MembershipTx, code: string, change: Pick<MemberStateEntity, 'name'>): Promise<void> {
    await tx.getRepository(MemberStateEntity).update({ code: code as MemberStateEntity['code'] }, change);
  }

  /** The unit, read under the directory lock the caller holds. */
  async lockUnit(tx: MembershipTx, id: string): Promise<UnitEntity | undefined> {
    return (await tx.getRepository(UnitEntity).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } })) ?? undefined;
  }

  async insertUnit(tx: MembershipTx, row: Omit<UnitEntity, 'createdAt' | 'updatedAt'>): Promise<void> {
    await tx.getRepository(UnitEntity).insert(row);
  }

  async updateUnit(tx: MembershipTx, id: string, change: Partial<Pick<UnitEntity, 'name' | 'shortName' | 'administration' | 'areas' | 'status'>>): Promise<UnitEntity> {
    await tx.getRepository(UnitEntity).update({ id }, change);
    return tx.getRepository(UnitEntity).findOneByOrFail({ id });
  }
}
