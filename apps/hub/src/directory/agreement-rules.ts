import { type ValidationIssue } from '@cicu/protocol';
import { durationToMs } from './due-times';
import { type Static } from '@sinclair/typebox';
import { type SeedAgreement } from './seed/directory-seed.schema';

/** The terms of an agreement that its rules look at (a seed entry, a coordinator's create or amendment). */
export type AgreementTermsToCheck = Pick<Static<typeof SeedAgreement>, 'parties' | 'requestTypes' | 'legalBases' | 'validFrom' | 'validTo' | 'dueTimes' | 'contactPoints'>;

/** What the rules look up: the units and legal bases the agreement names, from the seed or the directory. */
export interface AgreementReferences {
  /** The status of a unit, or undefined when there is no such unit. */
  unitStatus: (id: string) => string | undefined;
  /** The request types a legal basis allows, or undefined when there is no such basis. */
  legalBasisRequestTypes: (id: string) => readonly string[] | undefined;
  /** How a missing reference is said: "among units" (the seed), "in the directory" (the API). */
  where: { units: string; legalBases: string };
}

/**
 * The rules an agreement's terms keep beyond its schema, for the seed and for the
 * coordinator alike: its parties and legal bases exist (a party is not retired), each
 * request type is allowed by one of its legal bases, validity is ordered, due times are
 * longer than zero and do not grow with priority, contact points belong to parties. Issues
 * are JSON pointers under `at`; none when the terms hold.
 */
export function agreementIssues(terms: AgreementTermsToCheck, refs: AgreementReferences, at = ''): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const issue = (path: string, code: string, message: string) => issues.push({ path: `${at}${path}`, code, message });
  terms.parties.forEach((party, j) => {
    const status = refs.unitStatus(party);
    if (status === undefined) issue(`/parties/${j}`, 'unknown', `unit ${party} is not ${refs.where.units}`);
    else if (status === 'retired') issue(`/parties/${j}`, 'retired', `unit ${party} is retired`);
  });
  terms.legalBases.forEach((id, j) => {
    if (refs.legalBasisRequestTypes(id) === undefined) issue(`/legalBases/${j}`, 'unknown', `legal basis ${id} is not ${refs.where.legalBases}`);
  });
  // An agreement cannot open a request type that none of its legal bases allows.
  terms.requestTypes.forEach((type, j) => {
    if (!terms.legalBases.some((id) => refs.legalBasisRequestTypes(id)?.includes(type))) issue(`/requestTypes/${j}`, 'uncovered', `${type} is allowed by none of the agreement's legal bases`);
  });
  if (terms.validTo != null && terms.validTo < terms.validFrom) issue('/validTo', 'order', 'is before validFrom');
  const [routine, urgent, immediate] = [terms.dueTimes.routine, terms.dueTimes.urgent, terms.dueTimes.immediate].map((d) => durationToMs(d) ?? 0) as [number, number, number];
  if (routine <= 0 || urgent <= 0 || immediate <= 0) issue('/dueTimes', 'positive', 'every due time must be longer than zero');
  else if (!(immediate <= urgent && urgent <= routine)) issue('/dueTimes', 'order', 'must not grow with priority (immediate ≤ urgent ≤ routine)');
  terms.contactPoints.forEach((contact, j) => {
    if (!terms.parties.includes(contact.unitId)) issue(`/contactPoints/${j}/unitId`, 'party', `${contact.unitId} is not a party`);
  });
  return issues;
}
