/**
 * The export as a file: JSON Lines. Line 1 is the export without its leaves (AuditExportHeader);
 * every following line is one leaf, its canonical JSON verbatim (RFC 8785 escapes every control
 * character, so a leaf never holds a line feed). Written and read as streams: a whole log does
 * not fit in one JavaScript string (V8 caps strings at 2^29 - 24 characters, ≈ 800,000 leaves
 * as one JSON document), and the hub never holds more than one page of leaves while exporting.
 */
import { createReadStream } from 'node:fs';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { type Writable } from 'node:stream';
import { type AuditExport, type AuditExportSink } from './audit-export';

/** Writes the header line, then each page of leaves as it comes, waiting whenever `out` is full. */
export function auditExportFile(out: Writable): AuditExportSink {
  const write = async (text: string) => {
    if (!out.write(text)) await once(out, 'drain');
  };
  return {
    header: (header) => write(`${JSON.stringify(header)}\n`),
    leaves: (page) => (page.length === 0 ? Promise.resolve() : write(`${page.join('\n')}\n`)),
  };
}

/**
 * Reads an export file back into the shape verifyAuditExport checks (which says what is wrong
 * with it). A first line that is not JSON gives a value the verifier refuses as EXPORT_MALFORMED.
 */
export async function readAuditExport(path: string): Promise<AuditExport | Record<string, unknown>> {
  const lines = createInterface({ input: createReadStream(path, { encoding: 'utf8' }), crlfDelay: Infinity });
  let header: Record<string, unknown> | undefined;
  const leaves: string[] = [];
  for await (const line of lines) {
    if (header === undefined) {
      try {
        const parsed: unknown = JSON.parse(line);
        header = typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : {};
      } catch {
        header = {};
      }
    } else {
      leaves.push(line);
    }
  }
  return { ...(header ?? {}), leaves };
}
