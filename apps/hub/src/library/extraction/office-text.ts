import { DOMParser, type Element, type Node } from '@xmldom/xmldom';
import mammoth from 'mammoth';
import { ExtractionError } from './extraction.errors';
import { readZipEntries } from './zip-entries';

/**
 * The text of a DOCX with mammoth (paragraphs, tables, lists, footnotes), once readZipEntries
 * has inflated the whole archive within its limits: mammoth's own zip reader has none.
 */
export async function docxText(bytes: Uint8Array): Promise<string> {
  await readZipEntries(bytes, () => false);
  try {
    const { value } = await mammoth.extractRawText({ buffer: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) });
    return value;
  } catch (cause) {
    throw new ExtractionError('FILE_UNREADABLE', 'the DOCX cannot be read: it is damaged or not a Word document', { cause });
  }
}

const TEXT_NS = 'urn:oasis:names:tc:opendocument:xmlns:text:1.0';
const OFFICE_NS = 'urn:oasis:names:tc:opendocument:xmlns:office:1.0';

/**
 * The text of an ODT: content.xml (unzipped by readZipEntries) parsed with xmldom, whose parser
 * expands no entity declared in a DTD (no "billion laughs"), then the text of office:body with
 * paragraphs and headings on their own lines and ODF's space, tab and line-break elements.
 */
export async function odtText(bytes: Uint8Array): Promise<string> {
  const content = (await readZipEntries(bytes, (name) => name === 'content.xml')).get('content.xml');
  if (content === undefined) throw new ExtractionError('FILE_UNREADABLE', 'the ODT cannot be read: it has no content.xml');
  let body: Element | undefined;
  try {
    const parser = new DOMParser({
      onError: (level, message) => {
        if (level !== 'warning') throw new Error(message);
      },
    });
    const xml = parser.parseFromString(content.toString('utf8'), 'text/xml');
    body = xml.getElementsByTagNameNS(OFFICE_NS, 'body')[0];
  } catch (cause) {
    throw new ExtractionError('FILE_UNREADABLE', 'the ODT cannot be read: content.xml is not well-formed XML', { cause });
  }
  if (body === undefined) throw new ExtractionError('FILE_UNREADABLE', 'the ODT cannot be read: content.xml has no office:body');
  const out: string[] = [];
  walk(body, out);
  return out.join('').replace(/\n{3,}/g, '\n\n').trim();
}

function walk(node: Node, out: string[]): void {
  for (let child = node.firstChild; child !== null; child = child.nextSibling) {
    if (child.nodeType === child.TEXT_NODE || child.nodeType === child.CDATA_SECTION_NODE) {
      out.push(child.nodeValue ?? '');
      continue;
    }
    if (child.nodeType !== child.ELEMENT_NODE) continue;
    const element = child as Element;
    if (element.namespaceURI === TEXT_NS) {
      switch (element.localName) {
        case 's':
          out.push(' '.repeat(Math.min(1000, Number(element.getAttributeNS(TEXT_NS, 'c') || '1') || 1)));
          continue;
        case 'tab':
          out.push('\t');
          continue;
        case 'line-break':
          out.push('\n');
          continue;
        case 'p':
        case 'h':
          walk(element, out);
          out.push('\n');
          continue;
      }
    }
    walk(element, out);
  }
}
