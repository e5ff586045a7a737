import { quoteExcerpt } from './quote';

describe('quoting a post', () => {
  it('quotes a short post whole, without surrounding blanks', () => {
    expect(quoteExcerpt('\n  We use **X** for crawling.  \n')).toBe('We use **X** for crawling.');
  });

  it('cuts a long post at a word, and the excerpt stays a part of the Markdown', () => {
    const markdown = `Intro ${'word '.repeat(100)}end`;
    const excerpt = quoteExcerpt(markdown, 50);
    expect(excerpt.length).toBeLessThanOrEqual(50);
    expect(excerpt.endsWith('word')).toBe(true);
    expect(markdown.includes(excerpt)).toBe(true);
  });

  it('cuts inside a very long word rather than quote nothing', () => {
    expect(quoteExcerpt('x'.repeat(80), 50)).toBe('x'.repeat(50));
    expect(quoteExcerpt('   ')).toBe('');
  });
});
