import { AREAS, ENVELOPE_KINDS, MESSAGE_KINDS, REFUSAL_REASONS, REQUEST_TYPES } from './codes';
import { COUNTRY_CODES } from './countries';
import { JWS_TYP, JWS_TYPS, messageKindForTyp } from './jose-profile';

describe('stable codes', () => {
  it('are unique within each list', () => {
    for (const list of [MESSAGE_KINDS, REQUEST_TYPES, AREAS, REFUSAL_REASONS, COUNTRY_CODES, JWS_TYPS]) expect(new Set(list).size).toBe(list.length);
  });

  it('give each message kind its own JWS typ, and map it back', () => {
    for (const kind of MESSAGE_KINDS) {
      expect(JWS_TYP[kind]).toMatch(/^cicu-[a-z-]+\+jws$/);
      expect(messageKindForTyp(JWS_TYP[kind])).toBe(kind);
    }
    expect(ENVELOPE_KINDS.every((kind) => MESSAGE_KINDS.includes(kind))).toBe(true);
    expect(messageKindForTyp('cicu-request+JWS')).toBeUndefined();
  });

  it('list the 249 ISO 3166-1 alpha-2 codes, each a region ICU knows', () => {
    const names = new Intl.DisplayNames(['en'], { type: 'region', fallback: 'none' });
    expect(COUNTRY_CODES).toHaveLength(249);
    expect(COUNTRY_CODES.filter((code) => names.of(code) === undefined)).toEqual([]);
    expect([...COUNTRY_CODES].sort()).toEqual(COUNTRY_CODES);
  });
});
