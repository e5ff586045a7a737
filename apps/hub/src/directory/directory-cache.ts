import { Injectable } from '@nestjs/common';
import { Batcher } from '@cicu/shared';
import { DirectoryIndex } from './directory-index';
import { DirectoryRepository } from './directory.repository';

/**
 * The directory in memory, never stale. Each call reads the database's directory generation
 * (one row, bumped by triggers on any directory change, from any replica or by hand) with a
 * read that starts after the call; concurrent callers share that read (Batcher). When the
 * generation is newer than the index held, the whole directory is read again in one
 * REPEATABLE READ transaction (a few dozen rows) and the new index replaces the old.
 * So a suspension, revocation or new agreement applies to the next request, as with direct
 * queries, at the cost of one tiny query shared by the requests in flight.
 */
@Injectable()
export class DirectoryCache {
  private held: DirectoryIndex | undefined;
  private loading: Promise<DirectoryIndex> | undefined;
  private readonly generations = new Batcher<void, number>(
    async (callers) => {
      const generation = await this.repository.readGeneration();
      return callers.map(() => generation);
    },
    { maxBatch: Number.MAX_SAFE_INTEGER },
  );

  constructor(private readonly repository: DirectoryRepository) {}

  async current(): Promise<DirectoryIndex> {
    const generation = await this.generations.submit();
    if (this.held !== undefined && this.held.generation >= generation) return this.held;
    for (;;) {
      // One load at a time; a load that began before this generation was committed may return
      // an older one, hence the loop.
      this.loading ??= this.load().finally(() => (this.loading = undefined));
      const index = await this.loading;
      if (this.held === undefined || index.generation > this.held.generation) this.held = index;
      if (index.generation >= generation) return index;
    }
  }

  private async load(): Promise<DirectoryIndex> {
    return new DirectoryIndex(await this.repository.transaction((tx) => this.repository.readIndexRows(tx), true));
  }
}
