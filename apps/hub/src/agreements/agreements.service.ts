import { Injectable } from '@nestjs/common';
import { type AuthenticatedAdmin, actorOf } from '../accounts/authenticated-admin';
import { type AgreementTerms, type AgreementVersionEntity } from '../directory/agreement.entity';
import { agreementIssues } from '../directory/agreement-rules';
import { DirectoryChanges } from '../directory/directory-changes';
import { type AgreementView } from '../directory/directory.views';
import { AgreementsError } from './agreements.errors';
import { AgreementsRepository, type AgreementsTx } from './agreements.repository';
import { AmendAgreement, CreateAgreement } from './agreements.schemas';
import { checkEnd, validator, validityIssues } from './legal-bases.service';

const checkCreate = validator(CreateAgreement, 'agreement');
const checkAmend = validator(AmendAgreement, 'amendment');
const VERSION = /^[1-9]\d{0,8}$/;

/** One version of an agreement as it was recorded. */
export interface AgreementVersionView extends AgreementView {
  recordedAt: string;
}

const viewOf = (v: AgreementVersionEntity): AgreementVersionView => ({ id: v.agreementId, version: v.version, ...v.terms, recordedAt: v.recordedAt.toISOString() });

/**
 * Agreements between units: create, amend (a new version), end (a new version whose validity
 * stops). Every version's terms are kept (agreement_version): a message keeps the agreement id
 * and version it was routed under, and that version stays readable. Routing reads the current
 * version from the directory, from the next submission on.
 */
@Injectable()
export class AgreementsService {
  constructor(
    private readonly repository: AgreementsRepository,
    private readonly changes: DirectoryChanges,
  ) {}

  async list(): Promise<AgreementVersionView[]> {
    return (await this.repository.latestVersions()).map(viewOf);
  }

  async get(id: string): Promise<AgreementVersionView> {
    const [current] = await this.repository.latestVersions(undefined, [id]);
    if (current === undefined) throw notFound(id);
    return viewOf(current);
  }

  async versions(id: string): Promise<AgreementVersionView[]> {
    const versions = await this.repository.listVersions(id);
    if (versions.length === 0) throw notFound(id);
    return versions.map(viewOf);
  }

  /** The terms of `version` as they were when it was made, amended since or not. */
  async version(id: string, version: string): Promise<AgreementVersionView> {
    const found = VERSION.test(version) ? await this.repository.findVersion(id, Number(version)) : undefined;
    if (found === undefined) {
      if ((await this.repository.listVersions(id)).length === 0) throw notFound(id);
      throw new AgreementsError('AGREEMENT_VERSION_NOT_FOUND', `agreement ${id} has no version ${version.slice(0, 16)}`);
    }
    return viewOf(found);
  }

  create(admin: AuthenticatedAdmin, body: unknown): Promise<AgreementVersionView> {
    const { id, ...input } = checkCreate(body);
    return this.changes.apply(async (tx) => {
      if (await this.repository.agreementExists(tx, id)) throw new AgreementsError('AGREEMENT_EXISTS', `agreement ${id} is already in the directory`);
      // Checked as given, so that each issue points at the member sent; stored normalized.
      await this.checkTerms(tx, { ...input, validTo: input.validTo ?? null }, 'agreement');
      const terms = normalized(input);
      await this.repository.writeVersion(tx, id, 1, terms);
      return { value: { id, version: 1, ...terms, recordedAt: new Date().toISOString() }, audit: (version) => ({ type: 'agreements.agreement-created', actor: actorOf(admin), version, agreementId: id, agreementVersion: 1 }) };
    });
  }

  /** A new version with the terms given changed; messages routed under earlier versions keep theirs. */
  amend(admin: AuthenticatedAdmin, id: string, body: unknown): Promise<AgreementVersionView> {
    const change = checkAmend(body);
    return this.changes.apply(async (tx) => {
      const current = await this.lockedCurrent(tx, id);
      const merged = { ...current.terms, ...change, validTo: change.validTo === undefined ? current.terms.validTo : change.validTo };
      await this.checkTerms(tx, merged, 'amendment');
      const terms = normalized(merged);
      const next = current.version + 1;
      await this.repository.writeVersion(tx, id, next, terms);
      return {
        value: { id, version: next, ...terms, recordedAt: new Date().toISOString() },
        audit: (version) => ({ type: 'agreements.agreement-amended', actor: actorOf(admin), version, agreementId: id, agreementVersion: next, fields: Object.keys(change).sort() }),
      };
    });
  }

  /** A new version that is in force until `validTo` (inclusive); never later than an end it already has. */
  end(admin: AuthenticatedAdmin, id: string, body: unknown): Promise<AgreementVersionView> {
    const { validTo } = checkEnd(body);
    return this.changes.apply(async (tx) => {
      const current = await this.lockedCurrent(tx, id);
      const issues = validityIssues(current.terms.validFrom, validTo);
      if (issues.length > 0) throw new AgreementsError('VALIDATION', 'the end is invalid', issues);
      if (current.terms.validTo !== null && current.terms.validTo <= validTo) throw new AgreementsError('AGREEMENT_ENDED', `agreement ${id} already ends on ${current.terms.validTo}`);
      const terms = { ...current.terms, validTo };
      const next = current.version + 1;
      await this.repository.writeVersion(tx, id, next, terms);
      return {
        value: { id, version: next, ...terms, recordedAt: new Date().toISOString() },
        audit: (version) => ({ type: 'agreements.agreement-ended', actor: actorOf(admin), version, agreementId: id, agreementVersion: next, validTo }),
      };
    });
  }

  private async lockedCurrent(tx: AgreementsTx, id: string): Promise<AgreementVersionEntity> {
    if ((await this.repository.lockAgreement(tx, id)) === undefined) throw notFound(id);
    const [current] = await this.repository.latestVersions(tx, [id]);
    // Every agreement row has its versions (seed, migration backfill, writeVersion).
    if (current === undefined) throw new Error(`agreement ${id} has no recorded version`);
    return current;
  }

  /** The references and rules of the terms (agreementIssues), read in the change's transaction. */
  private async checkTerms(tx: AgreementsTx, terms: AgreementTerms, what: string): Promise<void> {
    const units = await this.repository.unitStatuses(tx, terms.parties);
    const bases = await this.repository.legalBases(tx, terms.legalBases);
    const issues = agreementIssues(terms, {
      unitStatus: (unitId) => units.get(unitId),
      legalBasisRequestTypes: (basisId) => bases.get(basisId)?.requestTypes,
      where: { units: 'in the directory', legalBases: 'in the directory' },
    });
    if (issues.length > 0) throw new AgreementsError('VALIDATION', `the ${what} is invalid`, issues);
  }
}

/** Terms as stored: lists of ids sorted, optional members made explicit. */
function normalized(input: Omit<AgreementTerms, 'validTo'> & { validTo?: string | null }): AgreementTerms {
  return {
    title: input.title,
    parties: [...input.parties].sort(),
    requestTypes: [...input.requestTypes],
    areas: [...input.areas],
    legalBases: [...input.legalBases].sort(),
    validFrom: input.validFrom,
    validTo: input.validTo ?? null,
    maxPriority: input.maxPriority,
    dueTimes: { ...input.dueTimes },
    contactPoints: input.contactPoints.map((c) => ({ ...c })),
  };
}

function notFound(id: string): AgreementsError {
  return new AgreementsError('AGREEMENT_NOT_FOUND', `agreement ${id.slice(0, 128)} is not in the directory`);
}
