/**
 * Chunk hashing on worker threads for `audit verify`. Each chunk is hashed down to its perfect
 * subtrees (leaf and interior hashes, one JSON check per leaf) wherever it is sent, so the work
 * spreads evenly: chunks are dealt round-robin to the workers and to this thread, which also
 * joins the results. The workers run hashLeaves' own source.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { type ChunkHasher, type HashedChunk, hashChunkHere, hashLeaves } from './verify-export';

const WORKER_SOURCE = `
const { parentPort } = require('node:worker_threads');
const { hash } = require('node:crypto');
const hashLeaves = ${hashLeaves.toString()};
parentPort.on('message', ({ id, leaves, first, cuts }) => {
  const chunk = hashLeaves(leaves, first, cuts, (data) => hash('sha256', data, 'binary'));
  parentPort.postMessage({ id, chunk }, [chunk.run.hashes.buffer, ...chunk.cuts.map((cut) => cut.hashes.buffer)]);
});`;

export interface WorkerChunkHasher {
  hashChunk: ChunkHasher;
  close(): Promise<void>;
}

/**
 * `count` workers (default: one per core but this thread's); every (count + 1)-th chunk is
 * hashed on this thread, which would otherwise mostly wait.
 */
export function workerChunkHasher(count = Math.max(1, availableParallelism() - 1)): WorkerChunkHasher {
  const workers = Array.from({ length: count }, () => new Worker(WORKER_SOURCE, { eval: true }));
  const waiting = new Map<number, { resolve: (chunk: HashedChunk) => void; reject: (error: unknown) => void }>();
  for (const worker of workers) {
    worker.on('message', ({ id, chunk }: { id: number; chunk: HashedChunk }) => {
      waiting.get(id)?.resolve(chunk);
      waiting.delete(id);
    });
    worker.on('error', (error) => {
      for (const pending of waiting.values()) pending.reject(error);
      waiting.clear();
    });
  }
  let next = 0;
  return {
    hashChunk: (leaves, first, cuts) => {
      const id = next++;
      const worker = workers[id % (count + 1)];
      if (worker === undefined) return hashChunkHere(leaves, first, cuts);
      return new Promise<HashedChunk>((resolve, reject) => {
        waiting.set(id, { resolve, reject });
        worker.postMessage({ id, leaves, first, cuts });
      });
    },
    close: async () => {
      await Promise.all(workers.map((w) => w.terminate()));
    },
  };
}
