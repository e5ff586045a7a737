import { Injectable } from '@nestjs/common';

/** The HTTP header in which a node tells the hub which directory version it holds (docs/adr-directory.md). */
export const DIRECTORY_VERSION_HEADER = 'Cicu-Directory-Version';

/**
 * The version of the verified directory snapshot this node works with, set by
 * NodeDirectoryService and read by HubClient, which reports it on every call it signs, so that
 * coordinators see a node that fell behind. A holder, so that the hub client need not depend on
 * the directory service that depends on it.
 */
@Injectable()
export class HeldDirectoryVersion {
  private version: number | undefined;

  get(): number | undefined {
    return this.version;
  }

  set(version: number): void {
    this.version = version;
  }
}
