import { PersonalDataGuard } from './personal-data-guard';

const guard = new PersonalDataGuard();
const refusalOf = (fn: () => unknown) => {
  try {
    fn();
    return undefined;
  } catch (error) {
    return error as { code: string; details: { findings?: unknown[]; issues?: unknown[] } };
  }
};

describe('PersonalDataGuard', () => {
  const ip = { start: 'Seen at documentation address 192.0.2.7 and at '.length, end: 'Seen at documentation address 192.0.2.7 and at 81.2.69.160'.length };
  const texts = [
    { location: 'title', text: 'Shops selling counterfeit tablets' },
    { location: 'tags/1', text: 'mail jean.dupont@orange.fr' },
    { location: 'file', text: 'Seen at documentation address 192.0.2.7 and at 81.2.69.160 later.' },
  ];

  it('reports every finding with its location, kind, offsets and a masked excerpt, never the value', () => {
    const error = refusalOf(() => guard.check(texts, [], 'FR-CYBERDOUANE'));
    expect(error?.code).toBe('PERSONAL_DATA_SUSPECTED');
    expect(error?.details.findings).toEqual([
      { location: 'tags/1', kind: 'EMAIL', start: 5, end: 26, excerpt: expect.stringContaining('*') },
      { location: 'file', kind: 'IPV4', ...ip, excerpt: '81.*.*.*' },
    ]);
    expect(JSON.stringify(error)).not.toContain('dupont');
  });

  it('lets through exactly the findings the author overrode, with their justifications', () => {
    const overrides = [
      { location: 'tags/1', kind: 'EMAIL' as const, start: 5, end: 26, justification: 'A shop address, not a person.' },
      { location: 'file', kind: 'IPV4' as const, ...ip, justification: 'The address of a bulletproof host.' },
    ];
    expect(guard.check(texts, overrides, 'FR-CYBERDOUANE').map((o) => [o.location, o.kind, o.justification])).toEqual([
      ['tags/1', 'EMAIL', 'A shop address, not a person.'],
      ['file', 'IPV4', 'The address of a bulletproof host.'],
    ]);
    const partial = refusalOf(() => guard.check(texts, overrides.slice(0, 1), 'FR-CYBERDOUANE'));
    expect(partial?.details.findings).toEqual([expect.objectContaining({ location: 'file', kind: 'IPV4' })]);
  });

  it('refuses an override that names no finding, and scans the justifications, which cannot be overridden', () => {
    const unmatched = refusalOf(() => guard.check(texts, [{ location: 'file', kind: 'IPV4', start: ip.start - 1, end: ip.end, justification: 'Off by one offset.' }], 'FR-CYBERDOUANE'));
    expect(unmatched?.code).toBe('OVERRIDE_NOT_MATCHED');
    const leaky = refusalOf(() =>
      guard.check([{ location: 'file', text: 'host 81.2.69.160' }], [{ location: 'file', kind: 'IPV4', start: 5, end: 16, justification: 'Ask jean.dupont@orange.fr' }], 'FR-CYBERDOUANE'),
    );
    expect(leaky?.details.findings).toEqual([expect.objectContaining({ location: 'overrides/0', kind: 'EMAIL' })]);
  });

  it('passes text without personal data, whatever the unit id', () => {
    expect(guard.check([{ location: 'summary', text: 'Parcels declared as samples, CN 3004 90 00.' }], [], 'XX-UNKNOWN')).toEqual([]);
  });

  it('scans rendered text as readers see it: what only it shows is refused at <location>/shown, with no override; what the source shows is not found twice', () => {
    const hidden = refusalOf(() => guard.check([{ location: 'body', text: 'Mail jean.martin&#64;orange.fr now', shown: 'Mail jean.martin@orange.fr now' }], [], 'FR-CYBERDOUANE'));
    expect(hidden?.code).toBe('PERSONAL_DATA_SUSPECTED');
    expect(hidden?.details.findings).toEqual([{ location: 'body/shown', kind: 'EMAIL', start: 5, end: 26, excerpt: expect.stringContaining('*') }]);
    const override = { location: 'body/shown', kind: 'EMAIL' as const, start: 5, end: 26, justification: 'A shop address, not a person.' };
    expect(refusalOf(() => guard.check([{ location: 'body', text: 'Mail jean.martin&#64;orange.fr now', shown: 'Mail jean.martin@orange.fr now' }], [override], 'FR-CYBERDOUANE'))?.code).toBe('OVERRIDE_NOT_MATCHED');
    // Typed as it is, overridden once: the rendered copy of the same value is no second finding.
    const typed = 'Mail jean\\_martin@orange.fr now';
    const [finding] = (refusalOf(() => guard.check([{ location: 'body', text: typed }], [], 'FR-CYBERDOUANE'))?.details.findings ?? []) as { start: number; end: number }[];
    const justified = { location: 'body', kind: 'EMAIL' as const, start: finding!.start, end: finding!.end, justification: 'A shop address, not a person.' };
    expect(guard.check([{ location: 'body', text: typed, shown: 'Mail jean_martin@orange.fr now' }], [justified], 'FR-CYBERDOUANE')).toHaveLength(1);
  });
});
