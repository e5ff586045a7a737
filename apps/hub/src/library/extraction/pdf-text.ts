import { ExtractionError } from './extraction.errors';

type PdfJs = typeof import('pdfjs-dist/legacy/build/pdf.mjs');
let pdfjs: Promise<PdfJs> | undefined;

/**
 * The text of a PDF, page after page, with PDF.js (Mozilla's reader; its legacy build runs on
 * Node 20). Loaded on first use (an ES module, ~2 MB). No script evaluation, no fonts loaded:
 * only the text layer is read. Encrypted or damaged files are FILE_UNREADABLE.
 */
export async function pdfText(bytes: Uint8Array, maxChars: number): Promise<string> {
  pdfjs ??= import('pdfjs-dist/legacy/build/pdf.mjs');
  const { getDocument, VerbosityLevel } = await pdfjs;
  // PDF.js takes over (detaches) the buffer it is given: hand it a copy.
  const task = getDocument({ data: new Uint8Array(bytes), isEvalSupported: false, disableFontFace: true, useSystemFonts: false, enableXfa: false, verbosity: VerbosityLevel.ERRORS });
  let document;
  try {
    document = await task.promise;
  } catch (cause) {
    await task.destroy();
    const why = (cause as { name?: string }).name === 'PasswordException' ? 'it is encrypted' : 'it is damaged or not a PDF';
    throw new ExtractionError('FILE_UNREADABLE', `the PDF cannot be read: ${why}`, { cause });
  }
  try {
    const pages: string[] = [];
    let length = 0;
    for (let n = 1; n <= document.numPages; n++) {
      const page = await document.getPage(n);
      const content = await page.getTextContent();
      const text = content.items.map((item) => ('str' in item ? item.str + (item.hasEOL ? '\n' : '') : '')).join('');
      page.cleanup();
      length += text.length + 2;
      if (length > maxChars) throw new ExtractionError('TEXT_TOO_LONG', `the PDF holds more than ${maxChars} characters of text`);
      pages.push(text);
    }
    return pages.join('\n\n');
  } catch (error) {
    if (error instanceof ExtractionError) throw error;
    throw new ExtractionError('FILE_UNREADABLE', 'the PDF cannot be read: a page is damaged', { cause: error });
  } finally {
    await document.destroy();
  }
}
