import { isLowercaseUuid, isUuidV7 } from './uuid';

describe('isUuidV7', () => {
  it('accepts a lowercase UUIDv7', () => {
    expect(isUuidV7('01936b2e-8c4a-7d3e-9f12-3456789abcde')).toBe(true);
    expect(isUuidV7('01936b2e-8c4a-7d3e-bf12-3456789abcde')).toBe(true);
  });

  it.each([
    ['version 4', '01936b2e-8c4a-4d3e-9f12-3456789abcde'],
    ['the NCS variant (0xxx)', '01936b2e-8c4a-7d3e-7f12-3456789abcde'],
    ['the Microsoft variant (110x)', '01936b2e-8c4a-7d3e-cf12-3456789abcde'],
    ['upper case, which would give one id two spellings', '01936B2E-8C4A-7D3E-9F12-3456789ABCDE'],
    ['braces', '{01936b2e-8c4a-7d3e-9f12-3456789abcde}'],
    ['no hyphens', '01936b2e8c4a7d3e9f123456789abcde'],
    ['the nil UUID', '00000000-0000-0000-0000-000000000000'],
  ])('refuses %s', (_label, id) => expect(isUuidV7(id)).toBe(false));

  it('refuses non-strings', () => expect(isUuidV7(42)).toBe(false));
});

describe('isLowercaseUuid', () => {
  it('accepts any UUID in lowercase canonical text, and nothing else', () => {
    expect(['0190a0a0-0000-7000-8000-000000000001', '123e4567-e89b-42d3-a456-426614174000'].map(isLowercaseUuid)).toEqual([true, true]);
    expect(['0190A0A0-0000-7000-8000-000000000001', '0190a0a0000070008000000000000001', ' 0190a0a0-0000-7000-8000-000000000001', '..', '', 42, null].map(isLowercaseUuid)).toEqual([false, false, false, false, false, false, false]);
  });
});
