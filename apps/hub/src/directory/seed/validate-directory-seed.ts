import { createProtocolAjv } from '@cicu/protocol';
import { type AgreementReferences, agreementIssues } from '../agreement-rules';
import { DirectorySeed } from './directory-seed.schema';

let compiled: ReturnType<ReturnType<typeof createProtocolAjv>['compile']> | undefined;

/**
 * Checks a parsed seed against the schema, then the references between its parts (which
 * the schema cannot express). Returns every problem found, each as "<JSON pointer>: <why>";
 * an empty list means the seed can be loaded.
 */
export function validateDirectorySeed(value: unknown): { seed: DirectorySeed; problems: [] } | { seed: undefined; problems: string[] } {
  compiled ??= createProtocolAjv().compile(DirectorySeed);
  if (!compiled(value)) {
    const problems = (compiled.errors ?? []).map((e) => {
      const extra = e.keyword === 'additionalProperties' ? ` (${String(e.params['additionalProperty'])})` : '';
      return `${e.instancePath || '/'}: ${e.message ?? 'is invalid'}${extra}`;
    });
    return { seed: undefined, problems: [...new Set(problems)] };
  }
  const seed = value as DirectorySeed;
  const problems = checkReferences(seed);
  return problems.length === 0 ? { seed, problems: [] } : { seed: undefined, problems };
}

function checkReferences(seed: DirectorySeed): string[] {
  const problems: string[] = [];
  const duplicates = (ids: string[], path: string): Set<string> => {
    const seen = new Set<string>();
    ids.forEach((id, i) => {
      if (seen.has(id)) problems.push(`${path}/${i}: duplicate id ${id}`);
      seen.add(id);
    });
    return seen;
  };
  const memberStates = duplicates(seed.memberStates.map((m) => m.code), '/memberStates');
  const units = duplicates(seed.units.map((u) => u.id), '/units');
  const legalBases = new Map(seed.legalBases.map((b) => [b.id, b]));
  duplicates(seed.legalBases.map((b) => b.id), '/legalBases');
  duplicates(seed.agreements.map((a) => a.id), '/agreements');

  seed.units.forEach((unit, i) => {
    if (!memberStates.has(unit.memberState)) problems.push(`/units/${i}/memberState: ${unit.memberState} is not among memberStates`);
    if (!unit.id.startsWith(`${unit.memberState}-`)) problems.push(`/units/${i}/id: must start with its member state code ${unit.memberState}-`);
  });
  seed.legalBases.forEach((basis, i) => {
    if (basis.validTo != null && basis.validTo < basis.validFrom) problems.push(`/legalBases/${i}/validTo: is before validFrom`);
  });
  const refs: AgreementReferences = {
    unitStatus: (id) => (units.has(id) ? 'active' : undefined),
    legalBasisRequestTypes: (id) => legalBases.get(id)?.requestTypes,
    where: { units: 'among units', legalBases: 'among legalBases' },
  };
  seed.agreements.forEach((agreement, i) => {
    for (const issue of agreementIssues(agreement, refs, `/agreements/${i}`)) problems.push(`${issue.path}: ${issue.message}`);
  });
  return problems;
}
