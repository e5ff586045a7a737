import { Injectable } from '@nestjs/common';
import { KeyringService } from '@cicu/shared';
import { DIRECTORY_SNAPSHOT_TYP, type DirectorySnapshot, toSnapshotPayload } from './directory-snapshot';
import { DirectoryRepository } from './directory.repository';

export interface SignedSnapshot {
  version: number;
  /** Compact JWS, typ cicu-directory+jws, signed by the hub key. */
  jws: string;
  kid: string;
}

/** The signed directory snapshot, built once per directory version and hub key. */
@Injectable()
export class DirectorySnapshotService {
  private cached: SignedSnapshot | undefined;

  constructor(
    private readonly repository: DirectoryRepository,
    private readonly keyring: KeyringService,
  ) {}

  async current(): Promise<SignedSnapshot> {
    // One cheap read per request; the snapshot itself is rebuilt only when the version moved.
    const { version } = await this.repository.currentVersion();
    const cached = this.cached;
    if (cached !== undefined && cached.version === version && cached.kid === this.keyring.signingKid) return cached;
    const built = await this.build();
    if (this.cached === undefined || built.version >= this.cached.version) this.cached = built;
    return built;
  }

  /** What the current snapshot says, unsigned: for coordinators and auditors reading the directory. */
  async contents(): Promise<DirectorySnapshot> {
    return toSnapshotPayload(await this.repository.transaction((tx) => this.repository.readAll(tx), true));
  }

  private async build(): Promise<SignedSnapshot> {
    // REPEATABLE READ: the version and every row come from one moment of the database.
    const contents = await this.repository.transaction((tx) => this.repository.readAll(tx), true);
    const kid = this.keyring.signingKid;
    const jws = await this.keyring.sign(toSnapshotPayload(contents), DIRECTORY_SNAPSHOT_TYP);
    return { version: contents.version.version, jws, kid };
  }
}
