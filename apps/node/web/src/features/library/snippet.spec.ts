import { snippetParts } from './snippet';

describe('search snippets', () => {
  it('splits the text into plain and highlighted runs by the hub\'s ranges', () => {
    expect(snippetParts({ text: 'Officers tracked sellers', highlights: [{ start: 9, end: 16 }] })).toEqual([
      { text: 'Officers ', highlighted: false },
      { text: 'tracked', highlighted: true },
      { text: ' sellers', highlighted: false },
    ]);
  });

  it('keeps markup in the text as text, whatever it looks like', () => {
    const parts = snippetParts({ text: '<img src=x onerror=alert(1)> shop', highlights: [{ start: 29, end: 33 }] });
    expect(parts).toEqual([{ text: '<img src=x onerror=alert(1)> ', highlighted: false }, { text: 'shop', highlighted: true }]);
  });

  it('clamps overlapping, unordered and out-of-range highlights', () => {
    expect(snippetParts({ text: 'abcdef', highlights: [{ start: 4, end: 99 }, { start: 0, end: 2 }, { start: 1, end: 3 }, { start: 5, end: 5 }] })).toEqual([
      { text: 'ab', highlighted: true },
      { text: 'c', highlighted: true },
      { text: 'd', highlighted: false },
      { text: 'ef', highlighted: true },
    ]);
    expect(snippetParts({ text: '', highlights: [{ start: 0, end: 1 }] })).toEqual([]);
  });
});
