import { Batcher } from './batcher';

/** A run whose completion the test controls, recording the batches it was given. */
function controlledRun<I>() {
  const batches: I[][] = [];
  const pending: (() => void)[] = [];
  const run = (items: readonly I[]) => {
    batches.push([...items]);
    return new Promise<string[]>((resolve) => pending.push(() => resolve(items.map((i) => `done ${String(i)}`))));
  };
  const finishNext = async () => {
    pending.shift()?.();
    await new Promise((r) => setImmediate(r));
  };
  return { batches, run, finishNext };
}

describe('Batcher (group commit)', () => {
  it('runs a lone item at once, and the items that arrive meanwhile together in the next batch', async () => {
    const { batches, run, finishNext } = controlledRun<number>();
    const batcher = new Batcher(run, { maxBatch: 10 });
    const first = batcher.submit(1);
    expect(batches).toEqual([[1]]);
    const later = [2, 3, 4].map((i) => batcher.submit(i));
    expect(batches).toEqual([[1]]);
    await finishNext();
    expect(batches).toEqual([[1], [2, 3, 4]]);
    await finishNext();
    expect(await first).toBe('done 1');
    expect(await Promise.all(later)).toEqual(['done 2', 'done 3', 'done 4']);
  });

  it('never hands more than maxBatch items to one run', async () => {
    const { batches, run, finishNext } = controlledRun<number>();
    const batcher = new Batcher(run, { maxBatch: 2 });
    const all = [1, 2, 3, 4, 5].map((i) => batcher.submit(i));
    for (let i = 0; i < 3; i++) await finishNext();
    expect(await Promise.all(all)).toEqual([1, 2, 3, 4, 5].map((i) => `done ${i}`));
    expect(batches).toEqual([[1], [2, 3], [4, 5]]);
  });

  it('keeps a batch within maxWeight when items weigh, letting a heavier item go alone', async () => {
    const { batches, run, finishNext } = controlledRun<number>();
    const batcher = new Batcher(run, { maxBatch: 10, maxWeight: 10, weigh: (n) => n });
    const all = [1, 4, 5, 2, 12, 3].map((i) => batcher.submit(i));
    for (let i = 0; i < 5; i++) await finishNext();
    expect(await Promise.all(all)).toEqual([1, 4, 5, 2, 12, 3].map((i) => `done ${i}`));
    expect(batches).toEqual([[1], [4, 5], [2], [12], [3]]);
  });

  it('retries a failed batch item by item, so only the bad item fails', async () => {
    const failures: number[] = [];
    const run = async (items: readonly number[]) => {
      await Promise.resolve();
      if (items.includes(13)) throw new Error('thirteen');
      return items.map((i) => i * 2);
    };
    const batcher = new Batcher(run, { maxBatch: 10, onBatchFailure: (size) => failures.push(size) });
    const head = batcher.submit(1);
    const rest = [12, 13, 14].map((i) => batcher.submit(i));
    expect(await head).toBe(2);
    const settled = await Promise.allSettled(rest);
    expect(settled.map((s) => (s.status === 'fulfilled' ? s.value : (s.reason as Error).message))).toEqual([24, 'thirteen', 28]);
    expect(failures).toEqual([3]);
  });

  it('with failTogether, fails each item of a failed batch with its error, running none of them again', async () => {
    const batches: number[][] = [];
    const run = async (items: readonly number[]) => {
      batches.push([...items]);
      await Promise.resolve();
      if (items.length > 1) throw new Error('call failed');
      return items.map((i) => i * 2);
    };
    const batcher = new Batcher(run, { maxBatch: 10, failTogether: true });
    const head = batcher.submit(1);
    const rest = [12, 13].map((i) => batcher.submit(i));
    expect(await head).toBe(2);
    const settled = await Promise.allSettled(rest);
    expect(settled.map((s) => (s.status === 'rejected' ? (s.reason as Error).message : s.value))).toEqual(['call failed', 'call failed']);
    expect(batches).toEqual([[1], [12, 13]]);
  });

  it('refuses a run that returns fewer outcomes than items, rather than resolving the wrong ones', async () => {
    const batcher = new Batcher(async (items: readonly number[]) => items.slice(1), { maxBatch: 10 });
    await expect(batcher.submit(1)).rejects.toThrow('a batch of 1 returned 0 outcomes');
  });
});
