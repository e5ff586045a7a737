import type { Partner } from '../../api/client';
import { type ComposeChoice, narrow, optionsFor, prioritiesUpTo } from './compose-options';

const agreement = (id: string, over: Partial<Partner['agreements'][number]> = {}): Partner['agreements'][number] => ({
  id, version: 1, title: id, requestTypes: ['ISP_SUBSCRIBER', 'EMAIL_ACCOUNT'], areas: ['medicines', 'excise'], legalBases: ['NAPLES-II-ART-10'], maxPriority: 'urgent', validTo: null, ...over,
});
const PARTNERS: Partner[] = [
  { unitId: 'DE-ZIRE', agreements: [agreement('AGR-FR-DE'), agreement('AGR-EU', { requestTypes: ['OSINT_BACKGROUND'], areas: ['cites', 'arms'], legalBases: ['REG-515-97', 'NAPLES-II-ART-10'], maxPriority: 'immediate' })] },
  { unitId: 'PL-CICU', agreements: [] },
];
const EMPTY: ComposeChoice = { partnerUnit: '', agreementId: '', requestType: '', legalBasisId: '', area: '', priority: '' };

describe('the compose form\'s guided choices', () => {
  it('offers only partners with an agreement in force, and nothing of a later step before the earlier one', () => {
    expect(optionsFor(PARTNERS, EMPTY)).toEqual({ partners: ['DE-ZIRE'], agreements: [], requestTypes: [], legalBases: [], areas: [], priorities: [] });
  });

  it('takes a single option at once and narrows each step to the chosen agreement', () => {
    const partner = narrow(PARTNERS, EMPTY);
    expect(partner).toEqual({ ...EMPTY, partnerUnit: 'DE-ZIRE' });
    const eu = narrow(PARTNERS, { ...partner, agreementId: 'AGR-EU' });
    // One request type under AGR-EU, two legal bases: the type is taken, the basis waits.
    expect(eu).toMatchObject({ requestType: 'OSINT_BACKGROUND', legalBasisId: '' });
    expect(optionsFor(PARTNERS, eu).legalBases).toEqual(['REG-515-97', 'NAPLES-II-ART-10']);
    expect(optionsFor(PARTNERS, eu).priorities).toEqual(['routine', 'urgent', 'immediate']);
  });

  it('clears what a changed earlier step no longer covers', () => {
    const chosen: ComposeChoice = { partnerUnit: 'DE-ZIRE', agreementId: 'AGR-FR-DE', requestType: 'EMAIL_ACCOUNT', legalBasisId: 'NAPLES-II-ART-10', area: 'excise', priority: 'urgent' };
    expect(narrow(PARTNERS, chosen)).toEqual(chosen);
    const moved = narrow(PARTNERS, { ...chosen, agreementId: 'AGR-EU' });
    // The type is replaced by AGR-EU's only one, the basis is still covered, the area is not.
    expect(moved).toEqual({ partnerUnit: 'DE-ZIRE', agreementId: 'AGR-EU', requestType: 'OSINT_BACKGROUND', legalBasisId: 'NAPLES-II-ART-10', area: '', priority: 'urgent' });
  });

  it('caps priorities at the agreement\'s maximum', () => {
    expect(prioritiesUpTo('routine')).toEqual(['routine']);
    expect(prioritiesUpTo('urgent')).toEqual(['routine', 'urgent']);
    expect(prioritiesUpTo('unknown')).toEqual(['routine', 'urgent', 'immediate']);
  });
});
