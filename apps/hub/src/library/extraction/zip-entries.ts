import yauzl, { type Entry, type ZipFile } from 'yauzl';
import { ExtractionError } from './extraction.errors';

/** Bounds on reading an archive (DOCX, ODT): what a hostile zip ("zip bomb") can make the hub do. */
export interface ZipLimits {
  /** Bytes all entries together may inflate to. */
  maxInflatedBytes: number;
  maxEntries: number;
}

export const DEFAULT_ZIP_LIMITS: ZipLimits = { maxInflatedBytes: 256 * 1024 * 1024, maxEntries: 10_000 };

const unreadable = (why: string, cause?: unknown) => new ExtractionError('FILE_UNREADABLE', `the archive cannot be read: ${why}`, { cause });

/**
 * Inflates every entry of the zip in `bytes` (yauzl, central directory, declared sizes checked
 * against the actual ones as they stream), counting the bytes against `limits`, and returns
 * the entries `keep` asks for. Every entry is inflated, not only the kept ones, so that a
 * library reading the archive afterwards (mammoth) cannot be made to inflate more than this did.
 */
export async function readZipEntries(bytes: Uint8Array, keep: (name: string) => boolean, limits: ZipLimits = DEFAULT_ZIP_LIMITS): Promise<Map<string, Buffer>> {
  const zip = await new Promise<ZipFile>((resolve, reject) =>
    yauzl.fromBuffer(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), { lazyEntries: true, validateEntrySizes: true }, (error, file) =>
      error ? reject(unreadable(error.message, error)) : resolve(file),
    ),
  );
  if (zip.entryCount > limits.maxEntries) {
    zip.close();
    throw unreadable(`more than ${limits.maxEntries} entries`);
  }
  const kept = new Map<string, Buffer>();
  let inflated = 0;
  try {
    for (;;) {
      const entry = await nextEntry(zip);
      if (entry === undefined) return kept;
      if (entry.fileName.endsWith('/')) continue;
      if (inflated + entry.uncompressedSize > limits.maxInflatedBytes) throw unreadable(`it inflates to more than ${limits.maxInflatedBytes} bytes`);
      const chunks: Buffer[] = [];
      const keepThis = keep(entry.fileName);
      await new Promise<void>((resolve, reject) => {
        zip.openReadStream(entry, (error, stream) => {
          if (error) return reject(unreadable(error.message, error));
          stream.on('data', (chunk: Buffer) => {
            inflated += chunk.length;
            // Declared sizes are checked by yauzl as the data streams; this bounds a lying total too.
            if (inflated > limits.maxInflatedBytes) stream.destroy(unreadable(`it inflates to more than ${limits.maxInflatedBytes} bytes`));
            else if (keepThis) chunks.push(chunk);
          });
          stream.on('error', (e) => reject(e instanceof ExtractionError ? e : unreadable(e.message, e)));
          stream.on('end', () => resolve());
        });
      });
      if (keepThis) kept.set(entry.fileName, Buffer.concat(chunks));
    }
  } finally {
    zip.close();
  }
}

function nextEntry(zip: ZipFile): Promise<Entry | undefined> {
  return new Promise((resolve, reject) => {
    const onEntry = (entry: Entry) => done(() => resolve(entry));
    const onEnd = () => done(() => resolve(undefined));
    const onError = (error: Error) => done(() => reject(unreadable(error.message, error)));
    const done = (settle: () => void) => {
      zip.off('entry', onEntry).off('end', onEnd).off('error', onError);
      settle();
    };
    zip.on('entry', onEntry).on('end', onEnd).on('error', onError);
    zip.readEntry();
  });
}
