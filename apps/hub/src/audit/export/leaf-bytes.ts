/**
 * An export's leaves kept as the bytes they were read as (an export file), so that verifying
 * a file never decodes them into strings to encode them again: reading 1,000,000 leaves line by
 * line into strings took longer than verifying them (docs/adr-audit-log.md). Pure, no I/O.
 *
 * The leaves live in segments. In a segment, leaf k is `bytes[spans[2k] + 1, spans[2k + 1])`,
 * and the byte at spans[2k] is the one before it (the line feed that ended the line before, in
 * a file), which the hasher overwrites with the 0x00 leaf prefix in its own copy (LeafChunk).
 */
import type { LeafChunk, LeafSource } from './verify-export';

export interface LeafSegment {
  bytes: Buffer;
  spans: Uint32Array;
}

export class LeafBytes implements LeafSource {
  /** Index of the first leaf of each segment, and one past the last leaf. */
  private readonly firsts: number[];

  constructor(private readonly segments: readonly LeafSegment[]) {
    this.firsts = [0];
    for (const segment of segments) this.firsts.push(this.firsts[this.firsts.length - 1]! + segment.spans.length / 2);
  }

  get length(): number {
    return this.firsts[this.firsts.length - 1]!;
  }

  /**
   * Leaves [from, to) as one chunk of its own: the bytes of each segment's run of them copied
   * in one piece (a chunk goes to a worker thread by transfer, and its prefix bytes are
   * overwritten), the spans moved to the copy.
   */
  chunk(from: number, to: number): LeafChunk {
    const runs: { segment: LeafSegment; a: number; b: number }[] = [];
    let size = 0;
    for (let s = 0; s < this.segments.length; s++) {
      const [first, last] = [this.firsts[s]!, this.firsts[s + 1]!];
      if (last <= from || first >= to) continue;
      const segment = this.segments[s]!;
      const [a, b] = [Math.max(from, first) - first, Math.min(to, last) - first];
      runs.push({ segment, a, b });
      size += segment.spans[2 * b - 1]! - segment.spans[2 * a]!;
    }
    const bytes = Buffer.allocUnsafeSlow(size);
    const spans = new Uint32Array(2 * (to - from));
    let at = 0;
    let k = 0;
    for (const { segment, a, b } of runs) {
      const begin = segment.spans[2 * a]!;
      const end = segment.spans[2 * b - 1]!;
      segment.bytes.copy(bytes, at, begin, end);
      for (let i = 2 * a; i < 2 * b; i++) spans[k++] = segment.spans[i]! - begin + at;
      at += end - begin;
    }
    return { bytes, spans };
  }
}
