import { HIGHLIGHT_END as E, HIGHLIGHT_START as S } from './library.repository';
import { parseHeadline } from './library.views';

describe('parseHeadline', () => {
  it('turns the delimiters into offsets into plain text', () => {
    const { text, highlights } = parseHeadline(`Officers ${S}tracked${E} sellers … the ${S}tracking${E} tool`);
    expect(text).toBe('Officers tracked sellers … the tracking tool');
    expect(highlights.map((h) => text.slice(h.start, h.end))).toEqual(['tracked', 'tracking']);
  });

  it('keeps markup in the text as text and ignores unbalanced delimiters', () => {
    expect(parseHeadline(`<b>${S}x${E}</b> ${E}y${S}`)).toEqual({ text: '<b>x</b> y', highlights: [{ start: 3, end: 4 }] });
  });
});
