import { findingKey, findingsOf, mergeFindings, overridesFor, type GuardFinding } from './guard';

const email: GuardFinding = { location: 'file', kind: 'EMAIL', start: 40, end: 61, excerpt: 'j***@***.pl' };
const phone: GuardFinding = { location: 'summary', kind: 'PHONE', start: 3, end: 15, excerpt: '+48 *** *** 12' };
const inOverride: GuardFinding = { location: 'overrides/0', kind: 'EMAIL', start: 4, end: 20, excerpt: 'a***@***.pl' };

describe('the personal-data guard\'s findings in the forms', () => {
  it('takes findings from a PERSONAL_DATA_SUSPECTED refusal only', () => {
    expect(findingsOf({ code: 'PERSONAL_DATA_SUSPECTED', message: 'x', findings: [email] })).toEqual([email]);
    expect(findingsOf({ code: 'VALIDATION', message: 'x', issues: [] })).toBeUndefined();
    expect(findingsOf(new Error('network'))).toBeUndefined();
  });

  it('sends an override only for findings marked not personal with a long enough justification', () => {
    const justification = 'Role address of the shop, published on its site.';
    const decisions = { [findingKey(email)]: { notPersonal: true, justification: `  ${justification} ` }, [findingKey(phone)]: { notPersonal: true, justification: 'too short' } };
    expect(overridesFor([email, phone], decisions)).toEqual({ overrides: [{ location: 'file', kind: 'EMAIL', start: 40, end: 61, justification }], ready: false });
    expect(overridesFor([email], decisions).ready).toBe(true);
    expect(overridesFor([email], { [findingKey(email)]: { notPersonal: false, justification } })).toEqual({ overrides: [], ready: false });
    expect(overridesFor([], {}).ready).toBe(false);
  });

  it('never overrides a finding in a justification: the officer rewords it', () => {
    const decisions = { [findingKey(email)]: { notPersonal: true, justification: 'Role address of the shop itself.' }, [findingKey(inOverride)]: { notPersonal: true, justification: 'Role address of the shop itself.' } };
    expect(overridesFor([email, inOverride], decisions)).toMatchObject({ ready: false, overrides: [expect.objectContaining({ location: 'file' })] });
  });

  it('keeps the overridden findings after the next refusal and replaces those of the justifications', () => {
    expect(mergeFindings([email], [inOverride])).toEqual([email, inOverride]);
    expect(mergeFindings([email, inOverride], [])).toEqual([email]);
    expect(mergeFindings([email], [email, phone])).toEqual([email, phone]);
  });
});
