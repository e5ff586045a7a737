/**
 * The V8 sampling profiler on this process's main thread, and the attribution of its samples
 * to our code and to npm packages: what the hub and end-to-end suites print as "where the CPU goes".
 */
import { Session } from 'node:inspector/promises';

export interface CpuProfile {
  nodes: { id: number; callFrame: { url: string; functionName: string }; children?: number[] }[];
  samples: number[];
  timeDeltas: number[];
}

/** Which code a profile frame belongs to: our apps, our libs, or the npm package (null: Node internals, keep walking up). */
function bucketOf(url: string, functionName: string): string | null {
  if (functionName === '(garbage collector)') return 'garbage collector';
  if (functionName === '(program)') return 'V8/Node (program)';
  if (functionName === '(idle)') return 'idle';
  const app = /\/(apps\/(?:hub|node|shared)|libs\/(?:crypto|protocol))\/src\//.exec(url);
  if (app) return app[1]!;
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(url);
  if (pkg) {
    const name = pkg[1]!;
    if (name.startsWith('@nestjs/') || /^(express|router|body-parser|raw-body|finalhandler|on-finished|send|serve-static|path-to-regexp|helmet|passport|passport-custom|etag|iconv-lite|parseurl|type-is)$/.test(name)) return 'Nest + express';
    if (/^(pg|pg-protocol|pg-pool|pg-types|postgres-.*)$/.test(name)) return 'pg';
    if (/^(pino|pino-http|nestjs-pino|sonic-boom|fast-redact|@pinojs\/redact|pino-std-serializers)$/.test(name)) return 'pino';
    if (/^(ioredis|redis-parser|cluster-key-slot|denque)$/.test(name)) return 'ioredis';
    return name;
  }
  return null;
}

/**
 * CPU of the profiled pass by who spent it: self time of each sample given to the innermost
 * frame that is ours or a package's (Node internals count for their caller), and separately,
 * when `appOf` is given, to the innermost frame whose script `appOf` names.
 */
export function attribute(profile: CpuProfile, appOf: (url: string) => string | null = () => null): { byCode: [string, number][]; byApp: [string, number][]; totalMs: number } {
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const code = new Map<string, number>();
  const app = new Map<string, number>();
  const noApp = 'no app frame on the stack (I/O callbacks, timers, GC)';
  let total = 0;
  profile.samples.forEach((sample, i) => {
    const ms = (profile.timeDeltas[i] ?? 0) / 1000;
    let bucket: string | null = null;
    let owner: string | null = null;
    for (let id: number | undefined = sample; id !== undefined; id = parent.get(id)) {
      const { url, functionName } = byId.get(id)!.callFrame;
      bucket ??= bucketOf(url, functionName);
      owner ??= appOf(url);
    }
    bucket ??= 'Node internals';
    if (bucket === 'idle') return;
    total += ms;
    code.set(bucket, (code.get(bucket) ?? 0) + ms);
    app.set(owner ?? noApp, (app.get(owner ?? noApp) ?? 0) + ms);
  });
  const sorted = (m: Map<string, number>) => [...m].sort((a, b) => b[1] - a[1]);
  return { byCode: sorted(code), byApp: sorted(app), totalMs: total };
}

/** Starts the sampling profiler (one sample every 500 µs) of this thread; `stop` ends it and returns the profile. */
export async function startProfiler(): Promise<{ stop: () => Promise<CpuProfile> }> {
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 500 });
  await session.post('Profiler.start');
  return {
    stop: async () => {
      try {
        const { profile } = await session.post('Profiler.stop');
        return profile as unknown as CpuProfile;
      } finally {
        session.disconnect();
      }
    },
  };
}

/** Runs `work` under the sampling profiler of this thread. */
export async function profiled<T>(work: () => Promise<T>): Promise<{ result: T; profile: CpuProfile }> {
  const profiler = await startProfiler();
  let result: T;
  try {
    result = await work();
  } catch (error) {
    await profiler.stop();
    throw error;
  }
  return { result, profile: await profiler.stop() };
}
