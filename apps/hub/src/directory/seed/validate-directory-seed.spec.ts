import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type DirectorySeed } from './directory-seed.schema';
import { parseDirectorySeed } from './read-directory-seed';
import { validateDirectorySeed } from './validate-directory-seed';

const SHIPPED = join(__dirname, '../../../../../deploy/fixtures/directory.json');

function shipped(): DirectorySeed {
  return JSON.parse(readFileSync(SHIPPED, 'utf8')) as DirectorySeed;
}

function problemsOf(mutate: (seed: DirectorySeed) => void): string[] {
  const seed = shipped();
  mutate(seed);
  return validateDirectorySeed(seed).problems;
}

describe('validateDirectorySeed', () => {
  it('accepts the shipped seed: the ten units of the Council report and the FR-DE agreement', () => {
    const { seed, problems } = validateDirectorySeed(shipped());
    expect(problems).toEqual([]);
    expect(seed?.units.map((u) => u.id)).toEqual(['AT-CICU', 'BE-CICU', 'CZ-CICU', 'DE-ZIRE', 'FI-CICU', 'FR-CYBERDOUANE', 'HU-CICU', 'NL-CICU', 'PL-CICU', 'SE-CICU']);
    expect(seed?.units.find((u) => u.id === 'FR-CYBERDOUANE')?.shortName).toBe('Cyberdou@ne');
    expect(seed?.agreements.map((a) => a.id)).toEqual(['AGR-FR-DE-CICU']);
  });

  it('names each schema problem by its JSON pointer', () => {
    const problems = problemsOf((seed) => {
      seed.units[0]!.id = 'at-cicu';
      (seed.units[1] as Record<string, unknown>)['staff'] = 4;
      seed.agreements[0]!.dueTimes.routine = 'P1M';
    });
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^\/units\/0\/id: must match pattern/),
        '/units/1: must NOT have additional properties (staff)',
        expect.stringMatching(/^\/agreements\/0\/dueTimes\/routine: must match pattern/),
      ]),
    );
  });

  it('refuses a unit whose id does not name its member state, or whose member state is not listed', () => {
    expect(problemsOf((seed) => (seed.units[0]!.memberState = 'BE'))).toContain('/units/0/id: must start with its member state code BE-');
    expect(problemsOf((seed) => (seed.units[0]!.memberState = 'ES'))).toContain('/units/0/memberState: ES is not among memberStates');
  });

  it('refuses duplicate ids', () => {
    expect(problemsOf((seed) => seed.units.push({ ...seed.units[0]! }))).toContain('/units/10: duplicate id AT-CICU');
  });

  it('refuses an agreement naming an unknown party or legal basis, or a type none of its bases allows', () => {
    expect(problemsOf((seed) => (seed.agreements[0]!.legalBases = ['NAPLES-II-ART-10', 'NOPE']))).toContain('/agreements/0/legalBases/1: legal basis NOPE is not among legalBases');
    const narrowed = problemsOf((seed) => {
      for (const basis of seed.legalBases) basis.requestTypes = ['ISP_SUBSCRIBER'];
    });
    expect(narrowed).toContain("/agreements/0/requestTypes/1: EMAIL_ACCOUNT is allowed by none of the agreement's legal bases");
  });

  it('refuses due times that grow with priority, validity that ends before it starts, contacts of non-parties', () => {
    expect(problemsOf((seed) => (seed.agreements[0]!.dueTimes.immediate = 'P40D'))).toContain('/agreements/0/dueTimes: must not grow with priority (immediate ≤ urgent ≤ routine)');
    expect(problemsOf((seed) => (seed.agreements[0]!.validTo = '2012-12-31'))).toContain('/agreements/0/validTo: is before validFrom');
    expect(problemsOf((seed) => (seed.agreements[0]!.contactPoints[0]!.unitId = 'AT-CICU'))).toContain('/agreements/0/contactPoints/0/unitId: AT-CICU is not a party');
  });

  it('refuses a seed without units (an empty unit table marks the first start)', () => {
    expect(problemsOf((seed) => (seed.units = []))).toContain('/units: must NOT have fewer than 1 items');
  });

  it('turns problems into one SEED_INVALID error naming the source', () => {
    expect(() => parseDirectorySeed('[]', 'seed.json')).toThrow(expect.objectContaining({ code: 'SEED_INVALID', message: expect.stringContaining('Directory seed seed.json is invalid') }));
    expect(() => parseDirectorySeed('{', 'seed.json')).toThrow(expect.objectContaining({ code: 'SEED_INVALID', message: expect.stringContaining('not valid JSON') }));
  });
});
