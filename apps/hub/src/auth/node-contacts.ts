import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type DataSource } from 'typeorm';

/** A node's last contact is written at most this often: every authenticated call would be one write each otherwise. */
export const NODE_CONTACT_RESOLUTION_MS = 60_000;

@Injectable()
export class NodeContactRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** One statement: the later of the stored and the given time (two hub replicas may race). */
  async record(nodeId: string, at: Date): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO node_contact (node_id, last_seen_at) VALUES ($1, $2)
       ON CONFLICT (node_id) DO UPDATE SET last_seen_at = GREATEST(node_contact.last_seen_at, EXCLUDED.last_seen_at)`,
      [nodeId, at],
    );
  }

  async lastSeen(): Promise<Map<string, Date>> {
    const rows: { node_id: string; last_seen_at: Date }[] = await this.dataSource.query('SELECT node_id, last_seen_at FROM node_contact');
    return new Map(rows.map((r) => [r.node_id, r.last_seen_at]));
  }
}

/**
 * Remembers when each node last authenticated to the hub, to the minute. A failed write is
 * logged and never fails the node's call: the contact time is health information, not a
 * record anything depends on.
 */
@Injectable()
export class NodeContacts {
  private readonly logger = new Logger(NodeContacts.name);
  private readonly written = new Map<string, number>();

  constructor(private readonly repository: NodeContactRepository) {}

  async seen(nodeId: string, at: Date): Promise<void> {
    const last = this.written.get(nodeId);
    if (last !== undefined && at.getTime() - last < NODE_CONTACT_RESOLUTION_MS) return;
    this.written.set(nodeId, at.getTime());
    try {
      await this.repository.record(nodeId, at);
    } catch (error) {
      this.written.delete(nodeId);
      this.logger.warn({ nodeId, error: error instanceof Error ? error.message : String(error) }, 'could not record the node\'s contact');
    }
  }

  lastSeen(): Promise<Map<string, Date>> {
    return this.repository.lastSeen();
  }
}
