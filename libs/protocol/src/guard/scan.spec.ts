import fc from 'fast-check';
import { isValidIban, isValidPaymentCard } from '../checksums';
import type { PersonalDataKind } from './finding';
import { scanForPersonalData } from './scan';

/** [kind, value] of every finding, in text order. */
function found(text: string, options?: Parameters<typeof scanForPersonalData>[1]): [PersonalDataKind, string][] {
  return scanForPersonalData(text, options).map((f) => [f.kind, text.slice(f.start, f.end)]);
}

describe('scanForPersonalData', () => {
  it('reports each kind with its offsets and a masked excerpt', () => {
    const text = 'Mail jean.dupont@orange.fr, tel +33 6 12 34 56 78.';
    expect(scanForPersonalData(text)).toEqual([
      { kind: 'EMAIL', start: 5, end: 26, excerpt: 'j***@***.fr' },
      { kind: 'PHONE', start: 32, end: 49, excerpt: '+33 ******* 78' },
    ]);
  });

  it('finds nothing in text without personal data', () => {
    expect(scanForPersonalData('')).toEqual([]);
    expect(scanForPersonalData('Training on modi operandi of counterfeit sellers, 2024 edition.')).toEqual([]);
  });

  it('limits the scan to the kinds asked for', () => {
    expect(found('a.b@web.de 8.8.8.8', { kinds: ['IPV4'] })).toEqual([['IPV4', '8.8.8.8']]);
  });

  describe('e-mail', () => {
    it.each(['hans.müller@web.de', 'j.doe+shop@mail.co.uk', 'x_y-z%1@sub.domain.eu'])('finds %s', (value) => {
      expect(found(`Contact: ${value}.`)).toEqual([['EMAIL', value]]);
    });
    it.each(['a@example.com', 'b@x.example.org', 'c@example.net', 'd@unit.example', 'e@shop.test', 'f@mail.invalid', 'name@domain', '.a@web.de'])('ignores %s', (value) => {
      expect(found(`Contact: ${value}`).filter(([k]) => k === 'EMAIL')).toEqual([]);
    });
  });

  describe('phone', () => {
    it.each([
      ['06 12 34 56 78', 'FR'],
      ['+49 (0)30 12345678', 'DE'],
      ['0049 151 23456789', 'DE'],
      ['+31 6 12345678', 'NL'],
      ['0470 12 34 56', 'BE'],
      ['0664 1234567', 'AT'],
      ['512 345 678', 'PL'],
      ['070-123 45 67', 'SE'],
      ['040 123 4567', 'FI'],
      ['601 123 456', 'CZ'],
      ['06 20 123 4567', 'HU'],
    ])('finds %s (%s national or international format)', (value) => {
      expect(found(`Tel. ${value}`)).toEqual([['PHONE', value]]);
    });
    it('finds national formats only for the countries asked for', () => {
      expect(found('Tel. 06 12 34 56 78', { phoneCountries: [] })).toEqual([]);
      expect(found('Tel. +33 6 12 34 56 78', { phoneCountries: [] })).toEqual([['PHONE', '+33 6 12 34 56 78']]);
    });
    it.each(['+33 1 99 00 12 34', '030 23125 456', '+49 89 99998 123', '+44 7700 900123', '+1 202-555-0143', '612345678', '12.03.2024'])('ignores %s (fictional, bare or a date)', (value) => {
      expect(found(`Tel. ${value}`)).toEqual([]);
    });
  });

  describe('IBAN', () => {
    it.each(['DE44 5001 0517 5407 3249 31', 'DE44500105175407324931', 'fr76 1027 8060 6100 0102 0480 196'.toUpperCase()])('finds %s', (value) => {
      expect(found(`IBAN ${value} BIC COBADEFFXXX`).filter(([k]) => k === 'IBAN').map(([, v]) => v.replace(/ /g, ''))).toEqual(
        isValidIban(value.replace(/ /g, '')) ? [value.replace(/ /g, '')] : [],
      );
    });
    it('ends an IBAN at its country length and refuses one glued to more characters', () => {
      expect(found('DE44500105175407324931 00')).toEqual([['IBAN', 'DE44500105175407324931']]);
      expect(found('DE44500105175407324931X')).toEqual([]);
    });
    it.each(['DE45500105175407324931', 'DE89 3704 0044 0532 0130 00', 'GB82 WEST 1234 5698 7654 32'])('ignores %s (bad check digits or a published example)', (value) => {
      expect(found(value).filter(([k]) => k === 'IBAN')).toEqual([]);
    });
  });

  describe('payment card', () => {
    it.each(['4539 1488 0343 6467', '4539-1488-0343-6467', '4539148803436467', '3714 496353 98431'.replace('3714 496353 98431', '3400 000000 00009')])('finds %s', (value) => {
      expect(found(`Card ${value}`)).toEqual(isValidPaymentCard(value.replace(/[ -]/g, '')) ? [['PAYMENT_CARD', value]] : []);
    });
    it.each(['4111 1111 1111 1111', '5555 5555 5555 4444', '4539 1488 0343 6468', '9999 9999 9999 9995', '4539 1488 0343 6467 1234 5678'])('ignores %s (test number, bad Luhn, no scheme, longer number)', (value) => {
      expect(found(`Card ${value}`).filter(([k]) => k === 'PAYMENT_CARD')).toEqual([]);
    });
  });

  describe('IP addresses', () => {
    it.each([['IPV4', '81.2.69.160'], ['IPV6', '2a01:e0a:1f:2::1'], ['IPV6', '2A00:1450:4007:80E:0:0:0:200E'], ['IPV6', '::ffff:81.2.69.160']])('finds the %s %s', (kind, value) => {
      expect(found(`from ${value}.`)).toEqual([[kind, value]]);
    });
    it.each(['192.0.2.1', '198.51.100.7', '203.0.113.250', '10.1.2.3', '127.0.0.1', '256.1.1.1', '01.2.3.4', '1.2.3.4.5', '2001:db8::1', 'fe80::1', '::1', 'fd00::1', '00:1a:2b:3c:4d:5e', '12:30:45'])(
      'ignores %s (documentation, private, invalid or not an address)',
      (value) => expect(found(`from ${value} today`)).toEqual([]),
    );
  });

  describe('name with a birth date', () => {
    it.each([
      ['Jean DUPONT, né le 12/03/1985', 'Jean DUPONT, né le 12/03/1985'],
      ['Anna Schmidt, geboren am 3. März 1979, wohnt', 'Anna Schmidt, geboren am 3. März 1979'],
      ['Name: John Smith, DOB: 1985-03-12', 'John Smith, DOB: 1985-03-12'],
      ["Sean O'Neill (born March 4, 1990)", "Sean O'Neill (born March 4, 1990"],
      ['Chloé Dubois, née le 1er sept. 1968', 'Chloé Dubois, née le 1er sept. 1968'],
      ['The Jean Dupont born 12.03.1985 is another person', 'Jean Dupont born 12.03.1985'],
    ])('finds %s', (text, value) => {
      expect(found(text)).toEqual([['NAME_WITH_BIRTH_DATE', value]]);
    });
    it.each(['John Smith, born 31.02.1985.', 'The suspect, born 12.03.1985.', 'John Smith joined on 12.03.2019.', 'The European Union was born on 01.11.1993.', 'Anna Schmidt. Date of birth: 12.03.1985'])('ignores %s', (text) => {
      expect(found(text)).toEqual([]);
    });
    it('masks the name to initials and the date entirely', () => {
      expect(scanForPersonalData('Jean DUPONT, né le 12/03/1985')[0]?.excerpt).toBe('J. D. ****-**-**');
    });
  });

  it('reports a value once, as its longest reading (an IBAN is not also a phone)', () => {
    expect(found('Konto DE44 5001 0517 5407 3249 31.')).toEqual([['IBAN', 'DE44 5001 0517 5407 3249 31']]);
  });
});

describe('findings never reveal the value', () => {
  const local = fc.stringMatching(/^[a-z0-9][a-z0-9._+-]{2,20}[a-z0-9]$/);
  const domain = fc.stringMatching(/^[a-z][a-z0-9-]{1,15}[a-z0-9]\.(?:de|fr|nl|com|eu|pl)$/);
  const digits = (n: number) => fc.array(fc.integer({ min: 0, max: 9 }), { minLength: n, maxLength: n }).map((d) => d.join(''));

  function withCheck(prefix: string, body: string, check: (candidate: string) => boolean): string | undefined {
    for (let d = 0; d <= 99; d += 1) {
      const candidate = prefix.replace('##', String(d).padStart(2, '0')) + body;
      if (check(candidate)) return candidate;
    }
    return undefined;
  }

  function assertHidden(text: string, value: string): void {
    const findings = scanForPersonalData(text);
    expect(findings.length).toBeGreaterThan(0);
    const json = JSON.stringify(findings);
    for (const form of [value, value.replace(/[ -]/g, '')]) expect(json).not.toContain(form);
  }

  it('e-mail addresses', () => {
    fc.assert(fc.property(local, domain, (l, d) => assertHidden(`write to ${l}@${d} now`, `${l}@${d}`)));
  });

  it('IBANs', () => {
    fc.assert(
      fc.property(digits(18), fc.boolean(), (body, spaced) => {
        const iban = withCheck('DE##', body, isValidIban) as string;
        const written = spaced ? iban.replace(/(.{4})(?=.)/g, '$1 ') : iban;
        assertHidden(`IBAN ${written} please`, written);
      }),
    );
  });

  it('payment cards', () => {
    fc.assert(
      fc.property(digits(13), (body) => {
        const luhn = [...Array(10).keys()].map((d) => `45${body}${d}`).find(isValidPaymentCard) as string;
        fc.pre(!['4111111111111111', '4242424242424242'].includes(luhn));
        assertHidden(`card ${luhn.replace(/(.{4})(?=.)/g, '$1 ')} used`, luhn);
      }),
    );
  });
});

describe('large inputs', () => {
  // Linear-time patterns: these complete within the test timeout; the throughput is measured by `npm run bench -- guard`.
  it.each([
    ['a run of one letter', 'a'.repeat(1 << 20), 0],
    ['a run of digits with separators', '1 '.repeat(1 << 19), 0],
    ['hex digits and colons', 'ab:'.repeat(350_000), 0],
    ['local parts without a domain', 'a.b@'.repeat(260_000), 0],
    ['capitalised words before birth keywords', 'Jean Dupont born 12.03.1985 '.repeat(37_000), 37_000],
    ['e-mail addresses', 'x.y@web.de '.repeat(95_000), 95_000],
  ])('scans 1 MB of %s', (_label, text, count) => {
    expect(scanForPersonalData(text)).toHaveLength(count);
  });
});
