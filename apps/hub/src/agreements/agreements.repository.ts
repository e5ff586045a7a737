import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type DataSource, type EntityManager, In } from 'typeorm';
import { AgreementEntity, AgreementLegalBasisEntity, AgreementPartyEntity, type AgreementTerms, AgreementVersionEntity } from '../directory/agreement.entity';
import { LegalBasisEntity } from '../directory/legal-basis.entity';
import { UnitEntity } from '../directory/unit.entity';

export type AgreementsTx = EntityManager;

/** The only code that touches TypeORM for the coordinator's legal bases and agreements. */
@Injectable()
export class AgreementsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  listLegalBases(): Promise<LegalBasisEntity[]> {
    return this.dataSource.getRepository(LegalBasisEntity).find({ order: { id: 'ASC' } });
  }

  async findLegalBasis(id: string, tx?: AgreementsTx): Promise<LegalBasisEntity | undefined> {
    return (await (tx ?? this.dataSource.manager).getRepository(LegalBasisEntity).findOneBy({ id })) ?? undefined;
  }

  async insertLegalBasis(tx: AgreementsTx, row: LegalBasisEntity): Promise<void> {
    await tx.getRepository(LegalBasisEntity).insert(row);
  }

  async updateLegalBasis(tx: AgreementsTx, id: string, change: Partial<Omit<LegalBasisEntity, 'id'>>): Promise<LegalBasisEntity> {
    await tx.getRepository(LegalBasisEntity).update({ id }, change);
    return tx.getRepository(LegalBasisEntity).findOneByOrFail({ id });
  }

  /** Legal bases by id, for checking an agreement's references. */
  async legalBases(tx: AgreementsTx, ids: readonly string[]): Promise<Map<string, LegalBasisEntity>> {
    if (ids.length === 0) return new Map();
    return new Map((await tx.getRepository(LegalBasisEntity).findBy({ id: In([...ids]) })).map((b) => [b.id, b]));
  }

  /** Unit statuses by id, for checking an agreement's parties. */
  async unitStatuses(tx: AgreementsTx, ids: readonly string[]): Promise<Map<string, string>> {
    if (ids.length === 0) return new Map();
    return new Map((await tx.getRepository(UnitEntity).findBy({ id: In([...ids]) })).map((u) => [u.id, u.status]));
  }

  /** Ids of the agreements naming a legal basis. */
  async agreementsUsing(tx: AgreementsTx, legalBasisId: string): Promise<string[]> {
    return (await tx.getRepository(AgreementLegalBasisEntity).findBy({ legalBasisId })).map((link) => link.agreementId).sort();
  }

  /** The agreement row, locked for the change the caller makes. */
  async lockAgreement(tx: AgreementsTx, id: string): Promise<AgreementEntity | undefined> {
    return (await tx.getRepository(AgreementEntity).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } })) ?? undefined;
  }

  async agreementExists(tx: AgreementsTx, id: string): Promise<boolean> {
    return tx.getRepository(AgreementEntity).existsBy({ id });
  }

  /**
   * Writes `version` of agreement `id` with `terms`: the current row (inserted or updated),
   * its parties and legal bases (replaced), and the version's terms in the history.
   */
  async writeVersion(tx: AgreementsTx, id: string, version: number, terms: AgreementTerms): Promise<void> {
    const { parties, legalBases, ...row } = terms;
    if (version === 1) await tx.getRepository(AgreementEntity).insert({ id, version, ...row });
    else await tx.getRepository(AgreementEntity).update({ id }, { version, ...row });
    await tx.getRepository(AgreementPartyEntity).delete({ agreementId: id });
    await tx.getRepository(AgreementLegalBasisEntity).delete({ agreementId: id });
    await tx.getRepository(AgreementPartyEntity).insert(parties.map((unitId) => ({ agreementId: id, unitId })));
    await tx.getRepository(AgreementLegalBasisEntity).insert(legalBases.map((legalBasisId) => ({ agreementId: id, legalBasisId })));
    await tx.getRepository(AgreementVersionEntity).insert({ agreementId: id, version, terms });
  }

  /** The current (latest) version of every agreement, or of those named, by id. */
  async latestVersions(tx?: AgreementsTx, ids?: readonly string[]): Promise<AgreementVersionEntity[]> {
    const query = (tx ?? this.dataSource.manager)
      .getRepository(AgreementVersionEntity)
      .createQueryBuilder('v')
      .distinctOn(['v.agreement_id'])
      .orderBy('v.agreement_id')
      .addOrderBy('v.version', 'DESC');
    if (ids !== undefined) {
      if (ids.length === 0) return [];
      query.where('v.agreement_id IN (:...ids)', { ids });
    }
    return query.getMany();
  }

  listVersions(agreementId: string): Promise<AgreementVersionEntity[]> {
    return this.dataSource.getRepository(AgreementVersionEntity).find({ where: { agreementId }, order: { version: 'ASC' } });
  }

  async findVersion(agreementId: string, version: number): Promise<AgreementVersionEntity | undefined> {
    return (await this.dataSource.getRepository(AgreementVersionEntity).findOneBy({ agreementId, version })) ?? undefined;
  }
}
