import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { entityHydrator } from '@cicu/shared';
import { type DataSource, type EntityManager } from 'typeorm';
import { OfficerEntity } from './officer.entity';

/** A unit of work on officers; services pass it along and never look inside. */
export type OfficersTx = EntityManager;

/** The only code that touches TypeORM for officers. */
@Injectable()
export class OfficersRepository {
  /** A `SELECT *` row of the officer table as the entity TypeORM would hydrate. */
  private readonly toEntity: (row: Record<string, unknown>) => OfficerEntity;

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {
    this.toEntity = entityHydrator(dataSource, OfficerEntity);
  }

  transaction<T>(work: (tx: OfficersTx) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  findByUsername(username: string): Promise<OfficerEntity | null> {
    return this.dataSource.getRepository(OfficerEntity).findOneBy({ username });
  }

  /** Written out: every officer request reads its officer (OfficerJwtStrategy), and findOneBy's SQL building cost more CPU than the round trip. */
  async findById(id: string): Promise<OfficerEntity | null> {
    const rows: Record<string, unknown>[] = await this.dataSource.query('SELECT * FROM officer WHERE id = $1', [id]);
    return rows[0] === undefined ? null : this.toEntity(rows[0]);
  }

  /** Every officer, by username. */
  findAll(): Promise<OfficerEntity[]> {
    return this.dataSource.getRepository(OfficerEntity).find({ order: { username: 'ASC' } });
  }

  /** The row, locked until the transaction ends: concurrent logins count failures one at a time. */
  lockById(tx: OfficersTx, id: string): Promise<OfficerEntity | null> {
    return tx.getRepository(OfficerEntity).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  /**
   * Takes the table lock that every bootstrap holds while it checks for emptiness, so two
   * replicas starting together seed the demo officers once.
   */
  async lockTableForSeeding(tx: OfficersTx): Promise<number> {
    await tx.query('LOCK TABLE officer IN SHARE ROW EXCLUSIVE MODE');
    return tx.getRepository(OfficerEntity).count();
  }

  async usernameExists(tx: OfficersTx, username: string): Promise<boolean> {
    return tx.getRepository(OfficerEntity).existsBy({ username });
  }

  async insert(tx: OfficersTx, officer: Omit<OfficerEntity, 'createdAt' | 'updatedAt'>): Promise<void> {
    await tx.getRepository(OfficerEntity).insert(officer);
  }

  async updateLoginState(tx: OfficersTx, id: string, state: Pick<OfficerEntity, 'status' | 'failedLogins' | 'lockedUntil'>): Promise<void> {
    await tx.getRepository(OfficerEntity).update({ id }, state);
  }
}
