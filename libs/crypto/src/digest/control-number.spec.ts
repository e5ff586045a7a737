import {
  CONTROL_NUMBER_PATTERN,
  controlNumber,
  isControlNumber,
  parseControlNumber,
  verifyControlNumber,
} from './control-number';

const ascii = (s: string): Uint8Array => new TextEncoder().encode(s);
const ABC = 'sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad';
const EMPTY = 'sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';

const malformed: unknown[] = [
  ABC.toUpperCase(),
  ABC.replace('sha256:', 'SHA256:'),
  ABC.replace('sha256:', 'sha-256:'),
  ABC.replace('sha256:', 'sha512:'),
  ABC.replace('sha256:', ''),
  ABC.slice(0, -1),
  `${ABC}0`,
  `${ABC}\n`,
  `\n${ABC}`,
  ` ${ABC}`,
  `${ABC} `,
  ABC.replace('ba78', 'BA78'),
  ABC.replace('ba78', 'ga78'),
  `sha256:${'0'.repeat(63)}\u0660`, // Arabic-Indic digit zero
  'sha256:',
  '',
  undefined,
  null,
  42,
  ascii(ABC),
  { toString: () => ABC },
];

describe('controlNumber', () => {
  it('is "sha256:" + lowercase hex SHA-256 (FIPS 180-4 vectors)', () => {
    expect(controlNumber(ascii('abc'))).toBe(ABC);
    expect(controlNumber(new Uint8Array(0))).toBe(EMPTY);
    expect(controlNumber(Buffer.from('abc'))).toBe(ABC);
  });

  it('matches its own pattern', () => {
    expect(controlNumber(ascii('anything'))).toMatch(new RegExp(CONTROL_NUMBER_PATTERN));
    expect(CONTROL_NUMBER_PATTERN).toBe('^sha256:[0-9a-f]{64}$');
  });

  it('throws a TypeError for anything but bytes', () => {
    expect(() => controlNumber('abc' as unknown as Uint8Array)).toThrow(TypeError);
  });
});

describe('isControlNumber / parseControlNumber', () => {
  it('accept exactly one spelling and return the digest', () => {
    expect(isControlNumber(ABC)).toBe(true);
    expect(Buffer.from(parseControlNumber(ABC) as Uint8Array).toString('hex')).toBe(ABC.slice(7));
  });

  it('return a fresh, exact-size Uint8Array', () => {
    const digest = parseControlNumber(ABC) as Uint8Array;
    expect(Buffer.isBuffer(digest)).toBe(false);
    expect(digest.buffer.byteLength).toBe(32);
  });

  it.each(malformed)('refuse %p', (value) => {
    expect(isControlNumber(value)).toBe(false);
    expect(parseControlNumber(value)).toBeUndefined();
  });
});

describe('verifyControlNumber', () => {
  it('accepts the control number of the same bytes', () => {
    expect(verifyControlNumber(ascii('abc'), ABC)).toBe(true);
    expect(verifyControlNumber(new Uint8Array(0), EMPTY)).toBe(true);
  });

  it('refuses other bytes, or one changed hex digit', () => {
    expect(verifyControlNumber(ascii('abd'), ABC)).toBe(false);
    expect(verifyControlNumber(ascii('abc'), EMPTY)).toBe(false);
    for (let i = 7; i < ABC.length; i++) {
      const digit = ABC[i] === '0' ? '1' : '0';
      expect(verifyControlNumber(ascii('abc'), ABC.slice(0, i) + digit + ABC.slice(i + 1))).toBe(false);
    }
  });

  it.each(malformed)('returns false, without throwing, for the expected value %p', (value) => {
    expect(verifyControlNumber(ascii('abc'), value as string)).toBe(false);
  });

  it('returns false, without throwing, for bytes that are not a Uint8Array', () => {
    for (const bad of ['abc', undefined, null, [97, 98, 99], new Uint16Array(3)]) {
      expect(verifyControlNumber(bad as unknown as Uint8Array, ABC)).toBe(false);
    }
  });
});
