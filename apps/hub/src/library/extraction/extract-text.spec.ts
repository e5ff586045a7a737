import { makeDocx, makeExe, makeOdt, makePdf, makePng, zipOf } from '../../../../../test/support/library-fixtures';
import { extractFile } from './extract-text';
import { readZipEntries } from './zip-entries';

const refusal = async (promise: Promise<unknown>) => promise.then(() => undefined, (error: { code?: string }) => error.code);

describe('extractFile', () => {
  it('reads the text of a PDF, a DOCX and an ODT made by their writers', async () => {
    const pdf = await extractFile(await makePdf([['Die Zollbehörden überwachen Marktplätze'], ['second page']]), 'bericht.pdf');
    expect(pdf).toMatchObject({ kind: 'pdf', mediaType: 'application/pdf' });
    expect(pdf.text).toContain('Die Zollbehörden überwachen Marktplätze');
    expect(pdf.text).toContain('second page');

    const docx = await extractFile(await makeDocx(['Les douaniers surveillent', 'les marchés']), 'note.DOCX');
    expect(docx.kind).toBe('docx');
    expect(docx.text).toMatch(/Les douaniers surveillent\s+les marchés/);

    const odt = await extractFile(await makeOdt(['Customs officers tracked', 'counterfeit sellers']), 'guide.odt');
    expect(odt).toMatchObject({ kind: 'odt', mediaType: 'application/vnd.oasis.opendocument.text', text: 'Customs officers tracked\ncounterfeit sellers' });
  });

  it('gives U+FFFD for what an office file\'s XML decodes to U+0000 or a lone surrogate, which no database stores', async () => {
    const odtOf = (inner: string) =>
      makeOdt([], `<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.3"><office:body><office:text><text:p>${inner}</text:p></office:text></office:body></office:document-content>`);
    expect((await extractFile(await odtOf('before&#0;after &#xD800;x &#xDC00;y &#x1F600;'), 'n.odt')).text).toBe('before\uFFFDafter \uFFFDx \uFFFDy \u{1F600}');
    const docx = await zipOf([
      ['[Content_Types].xml', '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>'],
      ['_rels/.rels', '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>'],
      ['word/document.xml', '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>before&#0;after</w:t></w:r></w:p></w:body></w:document>'],
    ]);
    expect((await extractFile(docx, 'n.docx')).text).toMatch(/^before\uFFFDafter\s*$/);
  });

  it('takes UTF-8 text and Markdown by content, the name telling only which of the two', async () => {
    expect(await extractFile(Buffer.from('\uFEFF# Titre\n\nDouane et *accises*\n'), 'readme.md')).toEqual({ kind: 'markdown', mediaType: 'text/markdown; charset=utf-8', text: '# Titre\n\nDouane et *accises*\n' });
    expect((await extractFile(Buffer.from('plain words'), 'notes.txt')).kind).toBe('text');
  });

  it('keeps no text of images', async () => {
    expect(await extractFile(makePng(new Uint8Array([1, 2, 3])), 'chart.png')).toEqual({ kind: 'png', mediaType: 'image/png', text: '' });
  });

  it('decides the type from the bytes: an executable or a plain zip named .pdf is refused, a PDF named .docx too', async () => {
    expect(await refusal(extractFile(makeExe(), 'report.pdf'))).toBe('UNSUPPORTED_FILE_TYPE');
    expect(await refusal(extractFile(await zipOf([['a.txt', 'hello']]), 'report.pdf'))).toBe('UNSUPPORTED_FILE_TYPE');
    expect(await refusal(extractFile(Buffer.from([0, 1, 2, 3, 4, 255, 254]), 'data.txt'))).toBe('UNSUPPORTED_FILE_TYPE');
    expect(await refusal(extractFile(await makePdf([['x']]), 'notes.docx'))).toBe('FILE_TYPE_MISMATCH');
    expect(await refusal(extractFile(Buffer.from('text'), 'notes'))).toBe('FILE_TYPE_MISMATCH');
  });

  it('refuses damaged files and XML with entity bombs as unreadable', async () => {
    const pdf = await makePdf([['x']]);
    expect(await refusal(extractFile(pdf.subarray(0, 400), 'cut.pdf'))).toBe('FILE_UNREADABLE');
    const bomb = `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><text:p>&lol2;</text:p></office:body></office:document-content>`;
    // xmldom does not expand entities declared in a DTD: an undefined entity is an error, so nothing is expanded.
    expect(await refusal(extractFile(await makeOdt([], bomb), 'bomb.odt'))).toBe('FILE_UNREADABLE');
  });
});

describe('readZipEntries', () => {
  it('stops inflating at the limit, whatever the entries declare', async () => {
    const zip = await zipOf([['big.xml', Buffer.alloc(4 * 1024 * 1024, 0x41)]]);
    expect(zip.length).toBeLessThan(64 * 1024);
    expect(await refusal(readZipEntries(zip, () => true, { maxInflatedBytes: 1024 * 1024, maxEntries: 10 }))).toBe('FILE_UNREADABLE');
    expect((await readZipEntries(zip, () => true, { maxInflatedBytes: 8 * 1024 * 1024, maxEntries: 10 })).get('big.xml')?.length).toBe(4 * 1024 * 1024);
  });

  it('refuses archives with too many entries', async () => {
    const zip = await zipOf(Array.from({ length: 12 }, (_, i): [string, string] => [`f${i}`, 'x']));
    expect(await refusal(readZipEntries(zip, () => false, { maxInflatedBytes: 1024, maxEntries: 10 }))).toBe('FILE_UNREADABLE');
  });
});
