/**
 * Chunk hashing on worker threads for `audit verify`. Each chunk is hashed down to its perfect
 * subtrees (leaf and interior hashes, one index check per leaf) wherever it is sent. A chunk's
 * bytes are transferred to a worker, not copied (cloning 32,768 leaf strings cost about 9 ms
 * here and as much again to rebuild them there). Chunks go to a worker with fewer than
 * WORKER_QUEUE chunks waiting, else they are hashed on this thread, which would otherwise
 * wait: the split follows what each thread actually manages (this one also prepares and joins
 * every chunk), where dealing round-robin left one side idle. The workers run hashLeaves' own
 * source, so both places decide identically.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { type ChunkHasher, type HashedChunk, hashChunkHere, hashLeaves } from './verify-export';

/** Chunks a worker holds (one being hashed, one ready): enough that it never waits for this thread. */
const WORKER_QUEUE = 2;

const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { hash } = require('node:crypto');
const hashLeaves = ${hashLeaves.toString()};
const done = new Int32Array(workerData.done);
parentPort.on('message', ({ id, bytes, spans, first, cuts }) => {
  const chunk = hashLeaves({ bytes, spans }, first, cuts, (data) => hash('sha256', data, 'binary'));
  Atomics.add(done, 0, 1);
  parentPort.postMessage({ id, chunk }, [chunk.run.hashes.buffer, ...chunk.cuts.map((cut) => cut.hashes.buffer)]);
});`;

export interface WorkerChunkHasher {
  hashChunk: ChunkHasher;
  close(): Promise<void>;
}

/**
 * `count` workers (default: one per core but this thread's). Each counts the chunks it finished
 * in shared memory, so this thread sees how busy a worker is even while it hashes a chunk
 * itself (the worker's reply waits for this thread's event loop, the counter does not).
 */
export function workerChunkHasher(count = Math.max(1, availableParallelism() - 1)): WorkerChunkHasher {
  const workers = Array.from({ length: count }, () => {
    const done = new Int32Array(new SharedArrayBuffer(4));
    return { worker: new Worker(WORKER_SOURCE, { eval: true, workerData: { done: done.buffer } }), done, sent: 0 };
  });
  const waiting = new Map<number, { resolve: (chunk: HashedChunk) => void; reject: (error: unknown) => void }>();
  for (const { worker } of workers) {
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
    hashChunk: (chunk, first, cuts) => {
      const free = workers.find((w) => w.sent - Atomics.load(w.done, 0) < WORKER_QUEUE);
      if (free === undefined) return hashChunkHere(chunk, first, cuts);
      const id = next++;
      free.sent += 1;
      const { bytes, spans } = chunk;
      return new Promise<HashedChunk>((resolve, reject) => {
        waiting.set(id, { resolve, reject });
        free.worker.postMessage({ id, bytes, spans, first, cuts }, [bytes.buffer as ArrayBuffer, spans.buffer as ArrayBuffer]);
      });
    },
    close: async () => {
      await Promise.all(workers.map(({ worker }) => worker.terminate()));
    },
  };
}
