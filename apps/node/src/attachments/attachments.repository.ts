import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';

/** The only code that touches attachment_file and sealed_attachment (raw SQL: bytea read and written whole). */
@Injectable()
export class AttachmentsRepository {
  constructor(private readonly db: DataSource) {}

  /** Keeps the bytes under their control number; the same file again is the same row. */
  async storeFile(controlNumber: string, bytes: Uint8Array): Promise<void> {
    await this.db.query('INSERT INTO attachment_file (control_number, size, bytes) VALUES ($1, $2, $3) ON CONFLICT (control_number) DO NOTHING', [
      controlNumber,
      bytes.byteLength,
      Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength),
    ]);
  }

  async bytesOf(controlNumber: string): Promise<Buffer | undefined> {
    const rows = (await this.db.query('SELECT bytes FROM attachment_file WHERE control_number = $1', [controlNumber])) as { bytes: Buffer }[];
    return rows[0]?.bytes;
  }

  /** Size of each of these files this node holds (control number → bytes). */
  async sizesOf(controlNumbers: readonly string[]): Promise<Map<string, number>> {
    if (controlNumbers.length === 0) return new Map();
    const rows = (await this.db.query('SELECT control_number, size FROM attachment_file WHERE control_number = ANY ($1::text[])', [[...new Set(controlNumbers)]])) as {
      control_number: string;
      size: string;
    }[];
    return new Map(rows.map((r) => [r.control_number, Number(r.size)]));
  }

  /**
   * Replaces the message's sealed copies with `jwes` (entry n is copy n), through `tx`: the
   * caller's transaction, in which the message's own row is written (the pool would wait for
   * the one PGlite connection the transaction holds).
   */
  async replaceSealed(tx: EntityManager, messageId: string, jwes: readonly string[]): Promise<void> {
    await tx.query('DELETE FROM sealed_attachment WHERE message_id = $1', [messageId]);
    if (jwes.length === 0) return;
    await tx.query('INSERT INTO sealed_attachment (message_id, n, jwe) SELECT $1, t.n - 1, t.jwe FROM unnest($2::text[]) WITH ORDINALITY AS t (jwe, n)', [messageId, [...jwes]]);
  }

  async sealedOf(messageId: string): Promise<{ n: number; jwe: string }[]> {
    return (await this.db.query('SELECT n, jwe FROM sealed_attachment WHERE message_id = $1 ORDER BY n', [messageId])) as { n: number; jwe: string }[];
  }

  async deleteSealed(messageId: string): Promise<void> {
    await this.db.query('DELETE FROM sealed_attachment WHERE message_id = $1', [messageId]);
  }
}
