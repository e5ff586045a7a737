import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type DataSource } from 'typeorm';

/** A node's last contact is written at most this often: every authenticated call would be one write each otherwise. */
export const NODE_CONTACT_RESOLUTION_MS = 60_000;

/** A node's last contact, and the directory version it last reported holding. */
export interface NodeContact {
  lastSeenAt: Date;
  directoryVersion: number | null;
}

@Injectable()
export class NodeContactRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * One statement: the later of the stored and the given time (two hub replicas may race); a
   * reported directory version replaces the stored one, a call that reports none keeps it.
   */
  async record(nodeId: string, at: Date, directoryVersion: number | undefined): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO node_contact (node_id, last_seen_at, directory_version) VALUES ($1, $2, $3)
       ON CONFLICT (node_id) DO UPDATE SET last_seen_at = GREATEST(node_contact.last_seen_at, EXCLUDED.last_seen_at),
         directory_version = COALESCE(EXCLUDED.directory_version, node_contact.directory_version)`,
      [nodeId, at, directoryVersion ?? null],
    );
  }

  async all(): Promise<Map<string, NodeContact>> {
    const rows: { node_id: string; last_seen_at: Date; directory_version: number | null }[] = await this.dataSource.query(
      'SELECT node_id, last_seen_at, directory_version FROM node_contact',
    );
    return new Map(rows.map((r) => [r.node_id, { lastSeenAt: r.last_seen_at, directoryVersion: r.directory_version }]));
  }
}

/**
 * Remembers when each node last authenticated to the hub, to the minute, and the directory
 * version it reports holding. A failed write is logged and never fails the node's call: this is
 * health information, not a record anything depends on. The version is the node's own claim
 * (in a header of a call it signed), shown to coordinators, never used to decide anything.
 */
@Injectable()
export class NodeContacts {
  private readonly logger = new Logger(NodeContacts.name);
  private readonly written = new Map<string, { at: number; directoryVersion: number | undefined }>();

  constructor(private readonly repository: NodeContactRepository) {}

  /** `directoryVersion`: what the node reported holding, if it did; a new one is written at once. */
  async seen(nodeId: string, at: Date, directoryVersion?: number): Promise<void> {
    const last = this.written.get(nodeId);
    const versionKnown = directoryVersion === undefined || directoryVersion === last?.directoryVersion;
    if (last !== undefined && versionKnown && at.getTime() - last.at < NODE_CONTACT_RESOLUTION_MS) return;
    this.written.set(nodeId, { at: at.getTime(), directoryVersion: directoryVersion ?? last?.directoryVersion });
    try {
      await this.repository.record(nodeId, at, directoryVersion);
    } catch (error) {
      this.written.delete(nodeId);
      this.logger.warn({ nodeId, err: error }, 'could not record the node\'s contact');
    }
  }

  all(): Promise<Map<string, NodeContact>> {
    return this.repository.all();
  }
}
