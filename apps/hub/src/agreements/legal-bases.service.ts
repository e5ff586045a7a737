import { Injectable } from '@nestjs/common';
import { type TSchema } from '@sinclair/typebox';
import { type ValidationIssue } from '@cicu/protocol';
import { schemaValidator } from '@cicu/shared';
import { type AuthenticatedAdmin, actorOf } from '../accounts/authenticated-admin';
import { DirectoryChanges } from '../directory/directory-changes';
import { type LegalBasisView, toLegalBasisView } from '../directory/directory.views';
import { type LegalBasisEntity } from '../directory/legal-basis.entity';
import { AgreementsError } from './agreements.errors';
import { AgreementsRepository, type AgreementsTx } from './agreements.repository';
import { CreateLegalBasis, EndRequest, UpdateLegalBasis } from './agreements.schemas';

export const validator = <S extends TSchema>(schema: S, what: string) => schemaValidator(schema, (issues) => new AgreementsError('VALIDATION', `the ${what} is invalid`, issues));
const checkCreate = validator(CreateLegalBasis, 'legal basis');
const checkUpdate = validator(UpdateLegalBasis, 'legal basis change');
export const checkEnd = validator(EndRequest, 'end');

/** A validity whose end comes before its start, as a validation refusal. */
export function validityIssues(validFrom: string, validTo: string | null | undefined): ValidationIssue[] {
  return validTo != null && validTo < validFrom ? [{ path: '/validTo', code: 'order', message: 'is before validFrom' }] : [];
}

/**
 * The legal bases (instrument, article, title, official reference, the request types each
 * allows, validity): create, edit, end. Routing refuses a request whose legal basis is not in
 * force or does not allow its type (LEGAL_BASIS_NOT_COVERED), from the next submission on.
 */
@Injectable()
export class LegalBasesService {
  constructor(
    private readonly repository: AgreementsRepository,
    private readonly changes: DirectoryChanges,
  ) {}

  async list(): Promise<LegalBasisView[]> {
    return (await this.repository.listLegalBases()).map(toLegalBasisView);
  }

  async get(id: string): Promise<LegalBasisView> {
    return toLegalBasisView(await this.found(id));
  }

  create(admin: AuthenticatedAdmin, body: unknown): Promise<LegalBasisView> {
    const basis = checkCreate(body);
    const row: LegalBasisEntity = { ...basis, requestTypes: [...basis.requestTypes], validTo: basis.validTo ?? null };
    const issues = validityIssues(row.validFrom, row.validTo);
    if (issues.length > 0) throw new AgreementsError('VALIDATION', 'the legal basis is invalid', issues);
    return this.changes.apply(async (tx) => {
      if ((await this.repository.findLegalBasis(row.id, tx)) !== undefined) throw new AgreementsError('LEGAL_BASIS_EXISTS', `legal basis ${row.id} is already in the directory`);
      await this.repository.insertLegalBasis(tx, row);
      return { value: toLegalBasisView(row), audit: (version) => ({ type: 'agreements.legal-basis-created', actor: actorOf(admin), version, legalBasisId: row.id }) };
    });
  }

  /** Edits any term; refused when an agreement would be left with a request type none of its legal bases allows. */
  update(admin: AuthenticatedAdmin, id: string, body: unknown): Promise<LegalBasisView> {
    const change = checkUpdate(body);
    return this.changes.apply(async (tx) => {
      const current = await this.found(id, tx);
      const next = { ...current, ...change, validTo: change.validTo === undefined ? current.validTo : change.validTo };
      const issues = validityIssues(next.validFrom, next.validTo);
      if (issues.length > 0) throw new AgreementsError('VALIDATION', 'the legal basis change is invalid', issues);
      if (change.requestTypes !== undefined) await this.checkStillCovering(tx, id, next.requestTypes);
      const updated = await this.repository.updateLegalBasis(tx, id, { ...change, validTo: next.validTo });
      return { value: toLegalBasisView(updated), audit: (version) => ({ type: 'agreements.legal-basis-updated', actor: actorOf(admin), version, legalBasisId: id, fields: Object.keys(change).sort() }) };
    });
  }

  /** Sets the last day it is in force; never later than an end it already has. */
  end(admin: AuthenticatedAdmin, id: string, body: unknown): Promise<LegalBasisView> {
    const { validTo } = checkEnd(body);
    return this.changes.apply(async (tx) => {
      const current = await this.found(id, tx);
      const issues = validityIssues(current.validFrom, validTo);
      if (issues.length > 0) throw new AgreementsError('VALIDATION', 'the end is invalid', issues);
      if (current.validTo !== null && current.validTo <= validTo) throw new AgreementsError('LEGAL_BASIS_ENDED', `legal basis ${id} already ends on ${current.validTo}`);
      const updated = await this.repository.updateLegalBasis(tx, id, { validTo });
      return { value: toLegalBasisView(updated), audit: (version) => ({ type: 'agreements.legal-basis-ended', actor: actorOf(admin), version, legalBasisId: id, validTo }) };
    });
  }

  private async found(id: string, tx?: AgreementsTx): Promise<LegalBasisEntity> {
    const basis = await this.repository.findLegalBasis(id, tx);
    if (basis === undefined) throw new AgreementsError('LEGAL_BASIS_NOT_FOUND', `legal basis ${id.slice(0, 128)} is not in the directory`);
    return basis;
  }

  private async checkStillCovering(tx: AgreementsTx, id: string, requestTypes: readonly string[]): Promise<void> {
    const agreements = await this.repository.latestVersions(tx, await this.repository.agreementsUsing(tx, id));
    const others = await this.repository.legalBases(tx, [...new Set(agreements.flatMap((a) => a.terms.legalBases))]);
    const allowed = (basisId: string) => (basisId === id ? requestTypes : (others.get(basisId)?.requestTypes ?? []));
    const broken = agreements.filter((a) => a.terms.requestTypes.some((type) => !a.terms.legalBases.some((basisId) => allowed(basisId).includes(type))));
    if (broken.length > 0) {
      throw new AgreementsError('LEGAL_BASIS_IN_USE', `agreements ${broken.map((a) => a.agreementId).join(', ')} cover request types this legal basis would no longer allow: amend them first`);
    }
  }
}
