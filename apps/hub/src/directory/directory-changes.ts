import { Injectable } from '@nestjs/common';
import { type AuditEvent } from '../audit/audit-event';
import { AuditService } from '../audit/audit.service';
import { DirectoryRepository, type DirectoryTx } from './directory.repository';

/** What one change of the directory did: its result, and its audit event once the new version is known. */
export interface DirectoryChange<T> {
  value: T;
  audit: (version: number) => AuditEvent;
}

/**
 * The one way the coordinator's routes change the directory: one transaction that takes the
 * directory lock (writers one at a time, on every replica), makes the change, bumps the
 * published version and records the audit event. The tables' triggers bump the generation,
 * so every replica's DirectoryCache reloads at its next request: the change applies to the
 * next submission, without restart.
 */
@Injectable()
export class DirectoryChanges {
  constructor(
    private readonly repository: DirectoryRepository,
    private readonly audit: AuditService,
  ) {}

  async apply<T>(work: (tx: DirectoryTx) => Promise<DirectoryChange<T>>, now: Date = new Date()): Promise<T> {
    return (await this.applyVersioned(work, now)).value;
  }

  /**
   * apply, also telling the directory version the change made (for answers that name it).
   * `now` may be a clock: it is then read once the lock is held, and `work` gets that time, so
   * a change that waited for the lock is judged at the time it is made, after the one before
   * it (see the key lifecycle's rotation and revocation).
   */
  applyVersioned<T>(work: (tx: DirectoryTx, at: Date) => Promise<DirectoryChange<T>>, now: Date | (() => Date) = new Date()): Promise<{ value: T; version: number }> {
    return this.repository.transaction(async (tx) => {
      await this.repository.lockVersion(tx);
      const at = typeof now === 'function' ? now() : now;
      const { value, audit } = await work(tx, at);
      const version = await this.repository.bumpVersion(tx);
      await this.audit.record(tx, audit(version), at);
      return { value, version };
    });
  }
}
