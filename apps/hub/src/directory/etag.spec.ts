import { ifNoneMatchMatches } from './etag';

describe('ifNoneMatchMatches', () => {
  it('matches the same tag, weakly, in a list, and *', () => {
    expect(ifNoneMatchMatches('"3"', '"3"')).toBe(true);
    expect(ifNoneMatchMatches('W/"3"', '"3"')).toBe(true);
    expect(ifNoneMatchMatches('"1", "3"', '"3"')).toBe(true);
    expect(ifNoneMatchMatches(' * ', '"3"')).toBe(true);
  });

  it('does not match another version, an unquoted or absent tag', () => {
    expect(ifNoneMatchMatches('"2"', '"3"')).toBe(false);
    expect(ifNoneMatchMatches('"33"', '"3"')).toBe(false);
    expect(ifNoneMatchMatches('3', '"3"')).toBe(false);
    expect(ifNoneMatchMatches(undefined, '"3"')).toBe(false);
    expect(ifNoneMatchMatches('', '"3"')).toBe(false);
  });
});
