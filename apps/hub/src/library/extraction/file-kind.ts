import { fileTypeFromBuffer } from 'file-type';
import { ExtractionError } from './extraction.errors';

/** The file types the library takes, with the media type stored and the extensions a name may have. */
export const FILE_KINDS = {
  pdf: { mediaType: 'application/pdf', extensions: ['pdf'] },
  docx: { mediaType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', extensions: ['docx'] },
  odt: { mediaType: 'application/vnd.oasis.opendocument.text', extensions: ['odt'] },
  text: { mediaType: 'text/plain; charset=utf-8', extensions: ['txt', 'text'] },
  markdown: { mediaType: 'text/markdown; charset=utf-8', extensions: ['md', 'markdown'] },
  png: { mediaType: 'image/png', extensions: ['png'] },
  jpeg: { mediaType: 'image/jpeg', extensions: ['jpg', 'jpeg'] },
} as const;
export type FileKind = keyof typeof FILE_KINDS;

/** Signature-based media types (file-type) of the binary kinds. */
const BY_DETECTED_MIME: Readonly<Record<string, FileKind>> = {
  'application/pdf': 'pdf',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'docx',
  'application/vnd.oasis.opendocument.text': 'odt',
  'image/png': 'png',
  'image/jpeg': 'jpeg',
};

// Text: C0 controls other than tab, line feed, form feed and carriage return (and DEL) mean binary.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const BINARY_CONTROL = /[\u0000-\u0008\u000B\u000E-\u001F\u007F]/;

/**
 * The kind of `bytes`, decided by their content: file-type's signatures for the binary kinds;
 * otherwise valid UTF-8 without binary control characters is text, and only then the name
 * tells plain text from Markdown. Refused: any other content (UNSUPPORTED_FILE_TYPE, whatever
 * the name says, so an executable named report.pdf is refused), and a name whose extension
 * belongs to another kind than the bytes (FILE_TYPE_MISMATCH: a PDF named notes.docx).
 */
export async function detectFileKind(bytes: Uint8Array, fileName: string): Promise<FileKind> {
  const detected = await fileTypeFromBuffer(bytes);
  const extension = /\.([A-Za-z0-9]{1,10})$/.exec(fileName)?.[1]?.toLowerCase() ?? '';
  let kind: FileKind;
  if (detected !== undefined) {
    const known = BY_DETECTED_MIME[detected.mime];
    if (known === undefined) throw new ExtractionError('UNSUPPORTED_FILE_TYPE', `the file's content is ${detected.mime}, which the library does not take`);
    kind = known;
  } else {
    if (!isText(bytes)) throw new ExtractionError('UNSUPPORTED_FILE_TYPE', 'the file is of no type the library takes (PDF, DOCX, ODT, plain text, Markdown, PNG, JPEG)');
    kind = (FILE_KINDS.markdown.extensions as readonly string[]).includes(extension) ? 'markdown' : 'text';
  }
  if (!(FILE_KINDS[kind].extensions as readonly string[]).includes(extension)) {
    throw new ExtractionError('FILE_TYPE_MISMATCH', `the file's content is ${kind}; its name must end in .${FILE_KINDS[kind].extensions.join(' or .')}`);
  }
  return kind;
}

/** The UTF-8 text of `bytes` (BOM dropped), or undefined when they are not text. */
export function decodeText(bytes: Uint8Array): string | undefined {
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return BINARY_CONTROL.test(text) ? undefined : text;
  } catch {
    return undefined;
  }
}

function isText(bytes: Uint8Array): boolean {
  return bytes.length > 0 && decodeText(bytes) !== undefined;
}
