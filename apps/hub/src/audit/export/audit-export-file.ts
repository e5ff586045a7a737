/**
 * The export as a file: JSON Lines. Line 1 is the export without its leaves (AuditExportHeader);
 * every following line is one leaf, its canonical JSON verbatim (RFC 8785 escapes every control
 * character, so a leaf never holds a line feed). Written and read as streams: a whole log does
 * not fit in one JavaScript string (V8 caps strings at 2^29 - 24 characters, ≈ 800,000 leaves
 * as one JSON document), and the hub never holds more than one page of leaves while exporting.
 */
import { once } from 'node:events';
import { open } from 'node:fs/promises';
import { type Writable } from 'node:stream';
import { type AuditExport, type AuditExportSink } from './audit-export';
import { LeafBytes, type LeafSegment } from './leaf-bytes';

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

/** Bytes per segment of leaves read (LeafBytes); a longer line gets a segment of its own size. */
const SEGMENT_BYTES = 64 * 1024 * 1024;
const LF = 0x0a;
const CR = 0x0d;

/**
 * Reads an export file back into the shape verifyAuditExport checks (which says what is wrong
 * with it). A first line that is not JSON gives a value the verifier refuses as EXPORT_MALFORMED.
 * The leaves stay the bytes of their lines (LeafBytes: decoding them into strings cost more than
 * verifying them), read in segments of whole lines; a line ends at LF, a CR before it is not part
 * of it (a file that went through a CRLF editor), and the last line needs no LF. `segmentBytes`:
 * for tests, that lines cross segments.
 */
export async function readAuditExport(path: string, segmentBytes = SEGMENT_BYTES): Promise<AuditExport | Record<string, unknown>> {
  const file = await open(path, 'r');
  try {
    const segments: LeafSegment[] = [];
    let header: Record<string, unknown> | undefined;
    // The part of a line the previous segment ended in, carried to the start of the next.
    let carry = Buffer.alloc(0);
    for (let eof = false; !eof; ) {
      // Byte 0 stands before the segment's first line, as the LF of the line before it would.
      const bytes = Buffer.allocUnsafeSlow(Math.max(segmentBytes, 2 * (carry.length + 1)));
      bytes[0] = LF;
      carry.copy(bytes, 1);
      let filled = 1 + carry.length;
      while (filled < bytes.length) {
        const { bytesRead } = await file.read(bytes, filled, bytes.length - filled, null);
        if (bytesRead === 0) {
          eof = true;
          break;
        }
        filled += bytesRead;
      }
      // Typed and grown by doubling: a plain array of a million spans measured a third of the read.
      let spans = new Uint32Array(4096);
      let count = 0;
      const push = (from: number, to: number) => {
        if (count + 2 > spans.length) {
          const grown = new Uint32Array(2 * spans.length);
          grown.set(spans);
          spans = grown;
        }
        spans[count++] = from;
        spans[count++] = to;
      };
      let before = 0;
      for (let lf = bytes.indexOf(LF, 1); lf !== -1 && lf < filled; lf = bytes.indexOf(LF, before + 1)) {
        push(before, lf > before + 1 && bytes[lf - 1] === CR ? lf - 1 : lf);
        before = lf;
      }
      if (eof && before + 1 < filled) push(before, bytes[filled - 1] === CR ? filled - 1 : filled);
      carry = eof ? Buffer.alloc(0) : Buffer.from(bytes.subarray(before + 1, filled));
      let first = 0;
      if (header === undefined && count > 0) {
        header = parseHeader(bytes.toString('utf8', spans[0]! + 1, spans[1]));
        first = 2;
      }
      if (count > first) segments.push({ bytes, spans: spans.subarray(first, count) });
    }
    return { ...(header ?? {}), leaves: new LeafBytes(segments) };
  } finally {
    await file.close();
  }
}

function parseHeader(line: string): Record<string, unknown> {
  try {
    const parsed: unknown = JSON.parse(line);
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}
