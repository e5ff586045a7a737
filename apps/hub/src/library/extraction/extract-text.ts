import { storableText } from '@cicu/shared';
import { ExtractionError } from './extraction.errors';
import { decodeText, detectFileKind, FILE_KINDS, type FileKind } from './file-kind';
import { docxText, odtText } from './office-text';
import { pdfText } from './pdf-text';

/** Most characters of text one file may hold: the guard scans all of them (about 1 s per 10 MB). */
export const MAX_EXTRACTED_CHARS = 20_000_000;

export interface ExtractedFile {
  kind: FileKind;
  mediaType: string;
  /** The text for search and the guard; '' for images (not read: see docs/adr-library.md). */
  text: string;
}

/** The kind of the file (from its bytes) and its text. Throws ExtractionError. */
export async function extractFile(bytes: Uint8Array, fileName: string): Promise<ExtractedFile> {
  const kind = await detectFileKind(bytes, fileName);
  // An office file's XML can decode `&#0;` to U+0000 and `&#xD800;` to a lone surrogate (illegal
  // in XML, yet the parsers pass them on), and a PDF's text holds what its fonts map to. PostgreSQL
  // stores neither: the text is only for search and the guard, and the file's bytes stay as sent.
  const text = storableText(await textOf(kind, bytes));
  if (text.length > MAX_EXTRACTED_CHARS) throw new ExtractionError('TEXT_TOO_LONG', `the file holds more than ${MAX_EXTRACTED_CHARS} characters of text`);
  return { kind, mediaType: FILE_KINDS[kind].mediaType, text };
}

async function textOf(kind: FileKind, bytes: Uint8Array): Promise<string> {
  switch (kind) {
    case 'pdf':
      return pdfText(bytes, MAX_EXTRACTED_CHARS);
    case 'docx':
      return docxText(bytes);
    case 'odt':
      return odtText(bytes);
    case 'text':
    case 'markdown':
      // detectFileKind decided it is text.
      return decodeText(bytes) ?? '';
    case 'png':
    case 'jpeg':
      return '';
    default: {
      const unhandled: never = kind;
      return unhandled;
    }
  }
}
