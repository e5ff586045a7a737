import { parseControlNumber } from '@cicu/crypto';

/** The response headers of a library file (besides Content-Disposition): type, length, and its digest in both spellings. */
export function fileHeaders(file: { fileName: string; mediaType: string; size: number; controlNumber: string }): Record<string, string> {
  const digest = Buffer.from(parseControlNumber(file.controlNumber) ?? new Uint8Array()).toString('base64');
  return {
    'Content-Type': file.mediaType,
    'Content-Length': String(file.size),
    // RFC 9530: the digest of the whole representation.
    'Repr-Digest': `sha-256=:${digest}:`,
    'Cicu-Control-Number': file.controlNumber,
  };
}
