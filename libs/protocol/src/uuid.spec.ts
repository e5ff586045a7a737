import { isUuidV7 } from './uuid';

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
