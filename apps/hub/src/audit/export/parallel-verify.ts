/**
 * Leaf hashing on worker threads for `audit verify`: the main thread rebuilds the tree (one
 * interior hash per leaf) while workers hash the leaves and check their indices (one hash and
 * one JSON parse per leaf), so both cores work. The workers run hashLeaves' own source.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { type ChunkHasher, type HashedChunk, hashLeaves } from './verify-export';

const WORKER_SOURCE = `
const { parentPort } = require('node:worker_threads');
const { hash } = require('node:crypto');
const hashLeaves = ${hashLeaves.toString()};
parentPort.on('message', ({ id, leaves, start }) => {
  const { hashes, misplaced } = hashLeaves(leaves, start, (data) => hash('sha256', data, 'buffer'));
  parentPort.postMessage({ id, hashes, misplaced }, [hashes.buffer]);
});`;

export interface WorkerChunkHasher {
  hashChunk: ChunkHasher;
  close(): Promise<void>;
}

/** A pool of `count` workers (default: one per core but the main thread's), chunks dealt round-robin. */
export function workerChunkHasher(count = Math.max(1, availableParallelism() - 1)): WorkerChunkHasher {
  const workers = Array.from({ length: count }, () => new Worker(WORKER_SOURCE, { eval: true }));
  const waiting = new Map<number, { resolve: (chunk: HashedChunk) => void; reject: (error: unknown) => void }>();
  for (const worker of workers) {
    worker.on('message', ({ id, hashes, misplaced }: HashedChunk & { id: number }) => {
      waiting.get(id)?.resolve({ hashes, misplaced });
      waiting.delete(id);
    });
    worker.on('error', (error) => {
      for (const pending of waiting.values()) pending.reject(error);
      waiting.clear();
    });
  }
  let next = 0;
  return {
    hashChunk: (leaves, start) =>
      new Promise<HashedChunk>((resolve, reject) => {
        const id = next++;
        waiting.set(id, { resolve, reject });
        workers[id % workers.length]!.postMessage({ id, leaves, start });
      }),
    close: async () => {
      await Promise.all(workers.map((w) => w.terminate()));
    },
  };
}
