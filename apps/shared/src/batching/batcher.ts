interface Waiting<I, O> {
  item: I;
  resolve: (outcome: O) => void;
  reject: (error: unknown) => void;
}

export interface BatcherOptions<I> {
  /** Most items handed to one call of `run`. */
  maxBatch: number;
  /**
   * Optional size budget of one call, with `weigh`: a batch takes the next item only while the
   * sizes stay within it. The first item of a batch always goes, even when larger.
   */
  maxWeight?: number;
  weigh?: (item: I) => number;
  /**
   * A failed batch fails each of its items with that error, instead of running each alone again:
   * for calls whose items cannot make one another fail (one HTTP call of independent messages,
   * each answered on its own), where running them one by one at once would only repeat the failure.
   */
  failTogether?: boolean;
  /** Told when a batch failed and its items are being retried one by one. */
  onBatchFailure?: (size: number, error: unknown) => void;
}

/**
 * Group commit for any I/O that is cheaper per item in bulk (one transaction and fsync, one
 * Redis round trip). Items that arrive while a batch is in flight wait and go together in the
 * next one: with no load an item runs at once (no timer), under load the batch grows to what
 * arrived during one run. `run` gets the items in arrival order and returns one outcome per
 * item, in the same order. When a batch of several fails, each of its items is run alone, so a
 * bad item fails by itself and the others still succeed (unless `failTogether`).
 */
export class Batcher<I, O> {
  private readonly waiting: Waiting<I, O>[] = [];
  private running = false;

  constructor(
    private readonly run: (items: readonly I[]) => Promise<O[]>,
    private readonly options: BatcherOptions<I>,
  ) {}

  submit(item: I): Promise<O> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ item, resolve, reject });
      if (!this.running) void this.drain();
    });
  }

  /** How many of the waiting items the next batch takes: at most maxBatch, within maxWeight. */
  private nextBatchSize(): number {
    const { maxBatch, maxWeight, weigh } = this.options;
    if (maxWeight === undefined || weigh === undefined) return maxBatch;
    let size = 0;
    let weight = 0;
    for (const { item } of this.waiting) {
      weight += weigh(item);
      if (size === maxBatch || (size > 0 && weight > maxWeight)) break;
      size++;
    }
    return size;
  }

  private async drain(): Promise<void> {
    this.running = true;
    try {
      while (this.waiting.length > 0) {
        const batch = this.waiting.splice(0, this.nextBatchSize());
        try {
          const outcomes = await this.run(batch.map((w) => w.item));
          if (outcomes.length !== batch.length) throw new Error(`a batch of ${batch.length} returned ${outcomes.length} outcomes`);
          batch.forEach((w, i) => w.resolve(outcomes[i] as O));
        } catch (error) {
          if (batch.length === 1 || this.options.failTogether === true) {
            for (const w of batch) w.reject(error);
            continue;
          }
          this.options.onBatchFailure?.(batch.length, error);
          for (const w of batch) {
            try {
              w.resolve((await this.run([w.item]))[0] as O);
            } catch (single) {
              w.reject(single);
            }
          }
        }
      }
    } finally {
      this.running = false;
    }
  }
}
