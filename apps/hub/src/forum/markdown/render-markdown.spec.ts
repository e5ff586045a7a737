import { Parser } from 'htmlparser2';
import corpus from './xss-corpus.json';
import { ALLOWED_ATTRIBUTES, ALLOWED_TAGS, LINK_REL, renderMarkdown, shownText } from './render-markdown';

interface Element {
  name: string;
  attribs: Record<string, string>;
}

/** Every element of `html` as a browser's parser would see it (attribute values entity-decoded). */
function elementsOf(html: string): Element[] {
  const elements: Element[] = [];
  const parser = new Parser({ onopentag: (name, attribs) => elements.push({ name, attribs }) }, { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true });
  parser.write(html);
  parser.end();
  return elements;
}

/** What makes an element dangerous, or undefined when it is one the allow-list means. */
function problemOf({ name, attribs }: Element): string | undefined {
  if (!(ALLOWED_TAGS as readonly string[]).includes(name)) return `tag <${name}>`;
  const allowed = ALLOWED_ATTRIBUTES[name] ?? [];
  for (const [attribute, value] of Object.entries(attribs)) {
    if (!allowed.includes(attribute)) return `attribute ${attribute} on <${name}>`;
    // Browsers ignore control characters and spaces inside a scheme: compare without them.
    // eslint-disable-next-line no-control-regex -- control characters are exactly what is stripped
    if (/(java|vb)script:|data:/i.test(value.replace(/[\u0000-\u0020]/g, ''))) return `script URL in ${attribute}`;
  }
  if (name === 'a') {
    if (attribs['href'] !== undefined && !/^https?:\/\//i.test(attribs['href'])) return `href ${attribs['href']}`;
    if (attribs['rel'] !== LINK_REL) return `rel ${attribs['rel']}`;
  }
  if (name === 'code' && attribs['class'] !== undefined && !attribs['class'].split(/\s+/).every((c) => c.startsWith('language-'))) return `class ${attribs['class']}`;
  if (name === 'ol' && attribs['start'] !== undefined && !/^\d+$/.test(attribs['start'])) return `start ${attribs['start']}`;
  return undefined;
}

/** Each vector alone and inside the Markdown constructs a post can put it in. */
function contexts(vector: string): string[] {
  return [
    vector,
    `**${vector}**`,
    `[${vector}](https://ok.example/)`,
    `[x](${vector})`,
    `<${vector}>`,
    `> ${vector}`,
    `- ${vector}`,
    `| ${vector} |\n|---|\n| ${vector} |`,
    `# ${vector}`,
    `text ${vector} text\n\n[r]: ${vector}`,
  ];
}

const vectors = [...corpus.html, ...corpus.markdown];

describe('renderMarkdown', () => {
  it(`lets nothing dangerous through for any of the ${vectors.length} XSS vectors in ${contexts('').length} contexts`, () => {
    const problems: string[] = [];
    for (const vector of vectors) {
      for (const source of contexts(vector)) {
        const html = renderMarkdown(source);
        for (const element of elementsOf(html)) {
          const problem = problemOf(element);
          if (problem !== undefined) problems.push(`${JSON.stringify(source)} → ${problem}`);
        }
        // Text that reads as a tag is escaped, never live: no raw '<' may open a forbidden tag.
        if (/<\s*(script|img|svg|iframe|style|object|embed|link|meta|base|form|input|math|video|audio)\b/i.test(html)) problems.push(`${JSON.stringify(source)} → raw tag in ${html}`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('checks its own checker: the same vectors without sanitising do trip it', () => {
    // Guards the test above against passing vacuously (a checker that finds nothing).
    const tripped = corpus.html.filter((vector) => elementsOf(vector).some((element) => problemOf(element) !== undefined));
    expect(tripped.length).toBeGreaterThan(corpus.html.length * 0.8);
  });

  it('renders the usual Markdown', () => {
    expect(renderMarkdown('**bold** and _em_ and ~~gone~~ and `code`')).toBe('<p><strong>bold</strong> and <em>em</em> and <s>gone</s> and <code>code</code></p>\n');
    expect(renderMarkdown('1. one\n2. two')).toBe('<ol>\n<li>one</li>\n<li>two</li>\n</ol>\n');
    expect(renderMarkdown('3. three')).toBe('<ol start="3">\n<li>three</li>\n</ol>\n');
    expect(renderMarkdown('> quoted')).toBe('<blockquote>\n<p>quoted</p>\n</blockquote>\n');
    expect(renderMarkdown('```python\nprint(1)\n```')).toBe('<pre><code class="language-python">print(1)\n</code></pre>\n');
    expect(renderMarkdown('| a | b |\n|:-|-:|\n| 1 | 2 |')).toBe('<table>\n<thead>\n<tr>\n<th>a</th>\n<th>b</th>\n</tr>\n</thead>\n<tbody>\n<tr>\n<td>1</td>\n<td>2</td>\n</tr>\n</tbody>\n</table>\n');
  });

  it('gives every link rel="noopener noreferrer nofollow", written or linkified', () => {
    expect(renderMarkdown('[the tool](https://tool.example/docs)')).toBe(`<p><a href="https://tool.example/docs" rel="${LINK_REL}">the tool</a></p>\n`);
    expect(renderMarkdown('see https://tool.example/docs')).toBe(`<p>see <a href="https://tool.example/docs" rel="${LINK_REL}">https://tool.example/docs</a></p>\n`);
  });

  it('keeps the text of a link it refuses, without a link', () => {
    expect(renderMarkdown('[click](javascript:alert(1))')).toBe('<p>[click](javascript:alert(1))</p>\n');
    expect(renderMarkdown('[local](/library/documents/1)')).toBe('<p>[local](/library/documents/1)</p>\n');
  });

  it('shows raw HTML as text and loads no image', () => {
    expect(renderMarkdown('<b>bold?</b>')).toBe('<p>&lt;b&gt;bold?&lt;/b&gt;</p>\n');
    const image = renderMarkdown('![pixel](https://tracker.example/p.png)');
    expect(elementsOf(image).map((e) => e.name)).not.toContain('img');
    expect(image).toContain('pixel');
  });

  it('gives the text a reader sees: references decoded, escapes and markup gone, one line per block', () => {
    expect(shownText('Mail jean.martin&#64;orange.fr or jean\\.martin@orange\\.fr or ma**rt**in&commat;c.org')).toBe('Mail jean.martin@orange.fr or jean.martin@orange.fr or martin@c.org');
    expect(shownText('# Title\n\n- one\n- `two&#64;x`\n\n```\ncode &#64; block\n```\n\nline\nnext')).toBe('Title\none\ntwo&#64;x\ncode &#64; block\n\nline\nnext');
  });
});
