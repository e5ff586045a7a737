import { AREAS, PRIORITIES, REGISTRY_ID_PATTERN, REQUEST_TYPES, UNIT_ID_PATTERN } from '@cicu/protocol';
import { DIRECTORY_CODES_V1 } from './1795963596046-Directory';
import { HUB_MIGRATIONS } from './index';

describe('hub migrations', () => {
  it('check the code lists the protocol defines today (a new code needs a new migration)', () => {
    expect(DIRECTORY_CODES_V1.requestTypes).toEqual(REQUEST_TYPES);
    expect(DIRECTORY_CODES_V1.areas).toEqual(AREAS);
    expect(DIRECTORY_CODES_V1.priorities).toEqual(PRIORITIES);
    expect(DIRECTORY_CODES_V1.unitIdPattern).toBe(UNIT_ID_PATTERN);
    expect(DIRECTORY_CODES_V1.registryIdPattern).toBe(REGISTRY_ID_PATTERN);
  });

  it('are listed in timestamp order, each named after its class with its timestamp', () => {
    const stamps = HUB_MIGRATIONS.map((m) => {
      const name = new m().name ?? m.name;
      expect(name).toBe(m.name);
      return Number(/(\d{13})$/.exec(name)?.[1]);
    });
    expect(stamps.every((s) => Number.isSafeInteger(s))).toBe(true);
    expect([...stamps].sort((a, b) => a - b)).toEqual(stamps);
  });
});
