/**
 * Where the tail of an open-loop 500/s goes (issue 3: p99 < 25 ms): the hub suite's open loop
 * alone, with each submission's steps timestamped (AsyncLocalStorage from the HTTP server's
 * `request` event), the MessageWriter's batches, the event loop's delay histogram and GC
 * pauses. Bench-side only (wraps the live service objects, no production code changes).
 * Run: `node -r @swc-node/register bench/hub-tail.ts` (prints; writes nothing). TAIL_RATE, TAIL_SECONDS:
 * the open loop (500/s, 8 s). Other passes instead of the traced one: TAIL_PROFILE=1 the sampling
 * CPU profiler over the open loop and over a closed loop of 64 connections (CPU per submission by
 * code); TAIL_HEAP=1 the sampling heap profiler (what outlives minor GCs, by allocation stack);
 * TAIL_LIVE=1 live IncomingMessage/ServerResponse counts every 2 s (forces full GCs: latency meaningless).
 * Findings: docs/adr-hub-performance.md, "Tail latency at 500/s".
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { Session } from 'node:inspector/promises';
import { randomBytes } from 'node:crypto';
import { cpus, loadavg } from 'node:os';
import { monitorEventLoopDelay, performance, PerformanceObserver } from 'node:perf_hooks';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { type INestApplication } from '@nestjs/common';
import { Queue } from 'bullmq';
import { Client } from 'pg';
import { bullConnection, createApp, KeyringService } from '../apps/shared/src/index';
import { HUB_API, HubModule } from '../apps/hub/src/app.module';
import { loadHubConfig } from '../apps/hub/src/config/hub-config';
import { DirectoryService } from '../apps/hub/src/directory/directory.service';
import { DELIVERY_QUEUE } from '../apps/hub/src/messages/delivery/delivery.jobs';
import { DeliveryProcessor } from '../apps/hub/src/messages/delivery/delivery.processor';
import { DeliveryProducer } from '../apps/hub/src/messages/delivery/delivery.producer';
import { SubmissionService } from '../apps/hub/src/messages/submission/submission.service';
import { MessageWriter, type MessageWrite } from '../apps/hub/src/messages/writer/message-writer';
import { AuditRepository } from '../apps/hub/src/audit/audit.repository';
import { NodeAuthService } from '../apps/hub/src/auth/node-auth.service';
import { createTestDatabase } from '../test/support/databases';
import { attribute, type CpuProfile, startProfiler } from './cpu-profile';
import { AUD, percentile, prepare, processCpuMs, registerNode, runLoad, summarize } from './hub.bench';

const threadCpuMs = () => processCpuMs(['thread-self']);

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const RATE = Number(process.env.TAIL_RATE ?? 500);
const SECONDS = Number(process.env.TAIL_SECONDS ?? 8);

/** Timestamps (performance.now()) of one submission's steps on the hub. */
interface Trace {
  request: number;
  id?: string;
  steps: Map<string, [number, number]>;
  batch?: Batch;
  finish?: number;
}

interface Batch {
  size: number;
  start: number;
  locked?: number;
  end?: number;
}

type AnyFn = (...args: never[]) => Promise<unknown>;

function traced(app: INestApplication, server: Server) {
  const als = new AsyncLocalStorage<Trace>();
  const traces: Trace[] = [];
  const batches: Batch[] = [];
  const byWrite = new Map<string, Batch>();
  for (const listener of server.listeners('request') as ((req: IncomingMessage, res: ServerResponse) => void)[]) {
    server.removeListener('request', listener);
    server.on('request', (req: IncomingMessage, res: ServerResponse) => {
      const trace: Trace = { request: performance.now(), steps: new Map() };
      traces.push(trace);
      res.once('finish', () => (trace.finish = performance.now()));
      als.run(trace, () => listener(req, res));
    });
  }
  const wrap = (target: object, method: string, name: string, before?: (args: unknown[]) => void) => {
    const object = target as Record<string, AnyFn>;
    const original = object[method] as AnyFn;
    object[method] = async function (this: unknown, ...args: never[]) {
      before?.(args);
      const t = performance.now();
      try {
        return await original.apply(this, args);
      } finally {
        als.getStore()?.steps.set(name, [t, performance.now()]);
      }
    } as AnyFn;
  };
  const submission = app.get(SubmissionService);
  wrap(app.get(NodeAuthService), 'authenticate', 'auth');
  wrap(app.get(DirectoryService), 'view', 'directory view');
  wrap(submission, 'verifiedEnvelope', 'verify');
  wrap(submission, 'store', 'store', (args) => {
    const trace = als.getStore();
    if (trace) trace.id = (args[2] as { id: string }).id;
  });
  wrap(app.get(KeyringService), 'sign', 'sign');
  wrap(app.get(DeliveryProducer), 'enqueue', 'enqueue');
  const writer = app.get(MessageWriter) as unknown as Record<string, AnyFn>;
  const commit = writer.commit as AnyFn;
  writer.commit = async function (this: unknown, ...args: never[]) {
    const writes = args[0] as unknown as MessageWrite[];
    const batch: Batch = { size: writes.length, start: performance.now() };
    batches.push(batch);
    for (const w of writes) if (w.message) byWrite.set(w.message.id, batch);
    try {
      return await commit.apply(this, args);
    } finally {
      batch.end = performance.now();
    }
  } as AnyFn;
  const audit = app.get(AuditRepository) as unknown as Record<string, AnyFn>;
  const reserve = audit.reserveIndices as AnyFn;
  audit.reserveIndices = async function (this: unknown, ...args: never[]) {
    const result = await reserve.apply(this, args);
    const last = batches[batches.length - 1];
    if (last && last.locked === undefined) last.locked = performance.now();
    return result;
  } as AnyFn;
  return { traces, batches, byWrite };
}

const fmt = (x: number) => x.toFixed(1);
function quantiles(values: number[]): string {
  const sorted = Float64Array.from(values).sort();
  if (sorted.length === 0) return 'n/a';
  return `p50 ${fmt(percentile(sorted, 50))} p90 ${fmt(percentile(sorted, 90))} p99 ${fmt(percentile(sorted, 99))} max ${fmt(sorted[sorted.length - 1]!)}`;
}

/** Self time per function (innermost frame), ms. */
function topFunctions(profile: CpuProfile, n: number): [string, number][] {
  const byId = new Map(profile.nodes.map((x) => [x.id, x]));
  const self = new Map<string, number>();
  profile.samples.forEach((id, i) => {
    const { url, functionName } = byId.get(id)!.callFrame;
    const key = `${functionName || '(anonymous)'} ${url.replace(/^.*node_modules\//, '').replace(/^.*\/wt-tail\//, '')}`;
    self.set(key, (self.get(key) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
  });
  return [...self].sort((a, b) => b[1] - a[1]).slice(0, n);
}

/** The open loop and a closed loop of 64 connections, each under the sampling profiler: which costs per submission grow at small batches. */
async function compareProfiles(port: number, fr: Awaited<ReturnType<typeof registerNode>>, de: Awaited<ReturnType<typeof registerNode>>): Promise<void> {
  for (const [label, options] of [
    [`open loop ${RATE}/s`, { concurrency: 64, sendMs: SECONDS * 1000, rate: RATE, drainMs: 5000 }],
    ['closed loop 64 connections', { concurrency: 64, sendMs: 4000 }],
  ] as const) {
    const submissions = await prepare(fr, de, RATE * SECONDS);
    let profiler: Awaited<ReturnType<typeof startProfiler>> | undefined;
    let cpu = 0;
    const result = await runLoad(port, submissions, options, async () => {
      profiler = await startProfiler();
      cpu = threadCpuMs();
    });
    cpu = threadCpuMs() - cpu;
    const profile = await profiler!.stop();
    const m = summarize(label, submissions, result);
    const per = (ms: number) => (ms / m.sent).toFixed(3);
    const shares = attribute(profile);
    console.log(`\n${label}: ${m.sent} sent, p50 ${fmt(m.p50Ms)} p99 ${fmt(m.p99Ms)} ms; hub thread CPU ${per(cpu)} ms per submission, sampled busy ${per(shares.totalMs)} ms; load ${loadavg()[0]!.toFixed(2)}`);
    console.log(`  by code (ms per submission): ${shares.byCode.slice(0, 12).map(([k, ms]) => `${k} ${per(ms)}`).join(', ')}`);
    console.log(`  top self (ms per submission): ${topFunctions(profile, 25).map(([k, ms]) => `${k} ${per(ms)}`).join('\n    ')}`);
  }
}

interface HeapNode { callFrame: { functionName: string; url: string; lineNumber: number }; selfSize: number; children: HeapNode[] }

/**
 * Who allocates what the scavenger promotes and a major GC then frees: V8's sampling heap
 * profiler over the open loop, keeping samples that minor GCs could not collect (still live or
 * collected only by a major GC), by allocation stack.
 */
async function promotedAllocations(port: number, fr: Awaited<ReturnType<typeof registerNode>>, de: Awaited<ReturnType<typeof registerNode>>): Promise<void> {
  const submissions = await prepare(fr, de, RATE * SECONDS);
  const session = new Session();
  session.connect();
  await session.post('HeapProfiler.enable');
  const result = await runLoad(port, submissions, { concurrency: 64, sendMs: SECONDS * 1000, rate: RATE, drainMs: 5000 }, async () => {
    await session.post('HeapProfiler.startSampling', { samplingInterval: 4096, includeObjectsCollectedByMajorGC: true, includeObjectsCollectedByMinorGC: false } as never);
  });
  const { profile } = (await session.post('HeapProfiler.stopSampling')) as unknown as { profile: { head: HeapNode } };
  session.disconnect();
  const m = summarize('open loop', submissions, result);
  const stacks = new Map<string, number>();
  let total = 0;
  const short = (f: HeapNode['callFrame']) => `${f.functionName || '(anon)'}@${f.url.replace(/^.*node_modules\//, '').replace(/^.*\/wt-tail\//, '')}:${f.lineNumber}`;
  const walk = (node: HeapNode, path: string[]) => {
    const here = [...path, short(node.callFrame)];
    if (node.selfSize > 0) {
      const key = here.slice(-6).reverse().join(' < ');
      stacks.set(key, (stacks.get(key) ?? 0) + node.selfSize);
      total += node.selfSize;
    }
    node.children.forEach((c) => walk(c, here));
  };
  walk(profile.head, []);
  console.log(`open loop ${RATE}/s: p99 ${fmt(m.p99Ms)} ms; allocations that outlived minor GCs: ${(total / 1e6).toFixed(1)} MB, ${((total / m.sent) / 1024).toFixed(1)} KiB per submission; top stacks:`);
  for (const [k, v] of [...stacks].sort((a, b) => b[1] - a[1]).slice(0, 20)) console.log(`  ${((v / m.sent) / 1024).toFixed(2)} KiB  ${k}`);
}

/** How many requests and responses are still reachable while the open loop runs (Runtime.queryObjects, after a full GC), against how many are in flight. */
async function liveRequests(port: number, fr: Awaited<ReturnType<typeof registerNode>>, de: Awaited<ReturnType<typeof registerNode>>): Promise<void> {
  const submissions = await prepare(fr, de, RATE * SECONDS);
  const session = new Session();
  session.connect();
  const http = await import('node:http');
  (globalThis as Record<string, unknown>).__tailPrototypes = { IncomingMessage: http.IncomingMessage.prototype, ServerResponse: http.ServerResponse.prototype };
  const counts: string[] = [];
  const load = runLoad(port, submissions, { concurrency: 64, sendMs: SECONDS * 1000, rate: RATE, drainMs: 5000 });
  for (let k = 1; k <= 3; k++) {
    await new Promise((r) => setTimeout(r, 2000));
    const line: string[] = [];
    for (const name of ['IncomingMessage', 'ServerResponse']) {
      const proto = (await session.post('Runtime.evaluate', { expression: `globalThis.__tailPrototypes.${name}` })) as { result: { objectId: string } };
      const found = (await session.post('Runtime.queryObjects', { prototypeObjectId: proto.result.objectId })) as { objects: { objectId: string } };
      const n = (await session.post('Runtime.callFunctionOn', { objectId: found.objects.objectId, functionDeclaration: 'function () { return this.length; }', returnByValue: true })) as { result: { value: number } };
      line.push(`${name} ${n.result.value}`);
    }
    const heap = process.memoryUsage().heapUsed / 1e6;
    counts.push(`${2 * k} s: ${line.join(', ')}; heap used after the GC ${heap.toFixed(0)} MB`);
  }
  const m = summarize('open loop', submissions, await load);
  session.disconnect();
  console.log(`open loop ${RATE}/s (p99 ${fmt(m.p99Ms)} ms, disturbed by the GCs of the count); live objects:\n  ${counts.join('\n  ')}`);
}

async function main(): Promise<void> {
  const database = await createTestDatabase('bench_tail');
  const prefix = `cicu-bench-tail-${randomBytes(4).toString('hex')}`;
  const queue = new Queue(DELIVERY_QUEUE, { connection: bullConnection(REDIS_URL), prefix });
  const config = loadHubConfig({
    DATABASE_URL: database.url, REDIS_URL, LOG_LEVEL: 'silent', OPERATOR_SECRET: 'bench-hub-operator-secret', SEAL_PBES2_COUNT: '1000', HUB_AUDIENCE: AUD, QUEUE_PREFIX: prefix,
  });
  const app = await createApp(HubModule.forRoot(config), HUB_API);
  try {
    await app.init();
    await app.get(DeliveryProcessor).worker.pause(true);
    await app.listen(0, '127.0.0.1');
    const server = app.getHttpServer() as Server;
    const { port } = server.address() as { port: number };
    const fr = await registerNode(app, 'FR-CYBERDOUANE');
    const de = await registerNode(app, 'DE-ZIRE');
    const warmup = await prepare(fr, de, 1500);
    summarize('warm-up', warmup, await runLoad(port, warmup, { concurrency: 16, sendMs: 3000 }));

    if (process.env.TAIL_PROFILE === '1') return await compareProfiles(port, fr, de);
    if (process.env.TAIL_HEAP === '1') return await promotedAllocations(port, fr, de);
    if (process.env.TAIL_LIVE === '1') return await liveRequests(port, fr, de);
    const submissions = await prepare(fr, de, RATE * SECONDS);
    const { traces, batches, byWrite } = traced(app, server);
    const eld = monitorEventLoopDelay({ resolution: 1 });
    const gcs: [number, number, number][] = [];
    const gcObserver = new PerformanceObserver((list) => list.getEntries().forEach((e) => gcs.push([e.startTime, e.duration, (e as unknown as { detail?: { kind?: number } }).detail?.kind ?? 0])));
    gcObserver.observe({ entryTypes: ['gc'] });
    const elu = performance.eventLoopUtilization();
    let loadStart = 0;
    let cpuAtStart = { thread: 0, process: process.cpuUsage() };
    // What the hub's PostgreSQL backends wait on, every 10 ms (wait events), and where the WAL is (segment switches).
    const sampler = new Client({ connectionString: database.url });
    await sampler.connect();
    const waits: [number, string, string][] = [];
    let sampling = true;
    const sampled = (async () => {
      while (sampling) {
        const t = performance.now();
        const { rows } = await sampler.query<{ w: string | null; lsn: string }>(
          "SELECT coalesce(wait_event_type || ':' || wait_event, state) AS w, pg_current_wal_lsn()::text AS lsn FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() AND state <> 'idle'",
        );
        for (const r of rows) waits.push([t, r.w ?? 'cpu', r.lsn]);
        if (rows.length === 0) waits.push([t, 'idle', '']);
        await new Promise((r) => setTimeout(r, 10));
      }
    })();
    // Event-loop lag with timestamps (the histogram has none): a 5 ms timer's lateness.
    const lags: [number, number][] = [];
    let expected = performance.now() + 5;
    const lagTimer = setInterval(() => {
      const now = performance.now();
      if (now - expected >= 10) lags.push([expected, now - expected]);
      expected = now + 5;
    }, 5);
    const result = await runLoad(port, submissions, { concurrency: 64, sendMs: SECONDS * 1000, rate: RATE, drainMs: 5000 }, async () => {
      eld.enable();
      loadStart = performance.now();
      cpuAtStart = { thread: threadCpuMs(), process: process.cpuUsage() };
    });
    const threadUsed = threadCpuMs() - cpuAtStart.thread;
    const processUsage = process.cpuUsage(cpuAtStart.process);
    const loadWall = performance.now() - loadStart;
    eld.disable();
    clearInterval(lagTimer);
    sampling = false;
    await sampled;
    await sampler.end();
    const waitCounts = new Map<string, number>();
    for (const [, w] of waits) waitCounts.set(w, (waitCounts.get(w) ?? 0) + 1);
    console.log(`PostgreSQL backends of the hub, sampled every 10 ms: ${[...waitCounts].sort((a, b) => b[1] - a[1]).map(([w, n]) => `${w} ${n}`).join(', ')}`);
    gcObserver.disconnect();
    const utilization = performance.eventLoopUtilization(elu).utilization;
    const m = summarize('open loop', submissions, result);
    console.log(`open loop ${RATE}/s × ${SECONDS} s: p50 ${fmt(m.p50Ms)} ms, p99 ${fmt(m.p99Ms)} ms, ${m.accepted} × 202, ${m.failed} errors; ELU ${(utilization * 100).toFixed(0)} %; load ${loadavg().map((x) => x.toFixed(2)).join(' ')} on ${cpus().length} cores`);
    console.log(`CPU over the run (${fmt(loadWall)} ms wall): the hub's event-loop thread ${fmt(threadUsed)} ms (${((100 * threadUsed) / loadWall).toFixed(0)} % of a core, ${(threadUsed / m.sent).toFixed(2)} ms per submission); the whole process ${fmt((processUsage.user + processUsage.system) / 1000)} ms, load generator's thread ${fmt(result.cpuMs)} ms`);
    console.log(`event-loop delay (ms): p50 ${fmt(eld.percentile(50) / 1e6)} p99 ${fmt(eld.percentile(99) / 1e6)} max ${fmt(eld.max / 1e6)}`);
    const gcTotal = gcs.reduce((a, [, d]) => a + d, 0);
    console.log(`GC: ${gcs.length} pauses, ${fmt(gcTotal)} ms in all; durations ${quantiles(gcs.map(([, d]) => d))}`);
    for (const [kind, name] of [[1, 'minor (scavenge)'], [4, 'major (mark-compact)'], [8, 'incremental marking'], [16, 'weak callbacks']] as const) {
      const of = gcs.filter(([, , k]) => k === kind);
      console.log(`  ${name}: ${of.length}, ${fmt(of.reduce((a, [, d]) => a + d, 0))} ms; ${quantiles(of.map(([, d]) => d))}`);
    }
    const heap = process.memoryUsage();
    console.log(`heap used ${(heap.heapUsed / 1e6).toFixed(0)} MB of ${(heap.heapTotal / 1e6).toFixed(0)} MB; rss ${(heap.rss / 1e6).toFixed(0)} MB`);
    console.log(`batches: ${batches.length}; size ${quantiles(batches.map((b) => b.size))}; whole transaction ms ${quantiles(batches.map((b) => b.end! - b.start))}; lock→COMMIT done ms ${quantiles(batches.filter((b) => b.locked).map((b) => b.end! - b.locked!))}`);

    // Per submission: the client's latency (from its scheduled time) split by the hub's steps.
    const traceOf = new Map(traces.filter((t) => t.id).map((t) => [t.id!, t]));
    interface Row { latency: number; parts: Record<string, number> }
    const rows: Row[] = [];
    submissions.forEach((s, i) => {
      const t = traceOf.get(s.id);
      const batch = byWrite.get(s.id);
      if (!t || !batch || t.finish === undefined || result.statuses[i] !== 202) return;
      const latency = result.latencies[i]!;
      const step = (name: string) => t.steps.get(name) ?? [Number.NaN, Number.NaN];
      const [authStart, authEnd] = step('auth');
      const [dirStart, dirEnd] = step('directory view');
      const [verifyStart, verifyEnd] = step('verify');
      const [storeStart, storeEnd] = step('store');
      const [, signEnd] = step('sign');
      const [, enqueueEnd] = step('enqueue');
      rows.push({
        latency,
        parts: {
          'before the request event (client send, socket, parser, event-loop queue)': latency - (t.finish - t.request),
          'request event → auth guard start (express, helmet, body parser)': authStart - t.request,
          '  of which auth: directory view wait': dirEnd - dirStart,
          'auth guard (assertion verify, directory, jti SET NX)': authEnd - authStart,
          'auth end → verify start': verifyStart - authEnd,
          'verify JWS + schema': verifyEnd - verifyStart,
          'verify end → store start': storeStart - verifyEnd,
          'waiting for its group commit to start': batch.start - storeStart,
          'its group commit: to head lock': (batch.locked ?? batch.end!) - batch.start,
          'its group commit: lock → COMMIT done': batch.end! - (batch.locked ?? batch.end!),
          'COMMIT done → store resolved': storeEnd - batch.end!,
          'sign receipt + enqueue (parallel)': Math.max(signEnd, enqueueEnd) - storeEnd,
          'response written (finish)': t.finish - Math.max(signEnd, enqueueEnd),
        },
      });
    });
    rows.sort((a, b) => a.latency - b.latency);
    const slice = (from: number, to: number) => rows.slice(Math.floor(from * rows.length), Math.ceil(to * rows.length));
    const groups: [string, Row[]][] = [['p0–p50', slice(0, 0.5)], ['p50–p90', slice(0.5, 0.9)], ['p90–p99', slice(0.9, 0.99)], ['slowest 1 %', slice(0.99, 1)]];
    console.log(`\nmean ms per step, ${rows.length} traced accepted submissions by client latency:`);
    console.log(['step', ...groups.map(([g, r]) => `${g} (n=${r.length})`)].join(' | '));
    console.log(['client latency', ...groups.map(([, r]) => fmt(r.reduce((a, x) => a + x.latency, 0) / r.length))].join(' | '));
    for (const part of Object.keys(rows[0]?.parts ?? {})) {
      console.log([part, ...groups.map(([, r]) => fmt(r.reduce((a, x) => a + (x.parts[part] ?? 0), 0) / r.length))].join(' | '));
    }
    // When the slow ones were scheduled, relative to the run's start: bursts or spread?
    const slowSeconds = new Map<number, number>();
    submissions.forEach((_, i) => {
      if (result.latencies[i]! >= percentile(Float64Array.from(result.latencies).sort(), 99)) slowSeconds.set(Math.floor((i / RATE) * 4) / 4, (slowSeconds.get(Math.floor((i / RATE) * 4) / 4) ?? 0) + 1);
    });
    console.log(`slowest 1 % by scheduled time (s → count): ${[...slowSeconds].map(([s, n]) => `${s}:${n}`).join(' ')}`);
    // The window of the slowest 1 %: what happened on the hub from 0.3 s before its first to its last scheduled send.
    const p99 = percentile(Float64Array.from(result.latencies).sort(), 99);
    const slowIdx = submissions.map((_, i) => i).filter((i) => result.latencies[i]! >= p99);
    const from = loadStart + (slowIdx[0]! / RATE) * 1000 - 300;
    const to = loadStart + (slowIdx[slowIdx.length - 1]! / RATE) * 1000 + 300;
    const at = (t: number) => ((t - loadStart) / 1000).toFixed(3);
    console.log(`slow window ${at(from)}–${at(to)} s:`);
    console.log(`  event-loop lags ≥ 10 ms (t s: ms): ${lags.filter(([t]) => t >= from && t <= to).map(([t, d]) => `${at(t)}:${fmt(d)}`).join(' ') || 'none'}`);
    console.log(`  GC (t s: ms kind): ${gcs.filter(([t]) => t >= from && t <= to).map(([t, d, k]) => `${at(t)}:${fmt(d)}k${k}`).join(' ') || 'none'}`);
    console.log(`  group commits (start s: size × ms, lock→done ms): ${batches.filter((b) => b.start >= from && b.start <= to).map((b) => `${at(b.start)}:${b.size}×${fmt(b.end! - b.start)}(${fmt(b.end! - (b.locked ?? b.end!))})`).join(' ')}`);
    const segment = (lsn: string) => { const [hi, lo] = lsn.split('/'); return lsn ? Math.floor((parseInt(hi!, 16) * 2 ** 32 + parseInt(lo!, 16)) / 16_777_216) : -1; };
    let lastSegment = -1;
    const switches: string[] = [];
    for (const [t, , lsn] of waits) { const seg = segment(lsn); if (seg >= 0 && seg !== lastSegment) { if (lastSegment >= 0) switches.push(at(t)); lastSegment = seg; } }
    console.log(`  WAL segment switches (t s): ${switches.join(' ')}`);
    console.log(`  non-idle waits in the slow window (t s: event): ${waits.filter(([t, w]) => t >= from && t <= to && w !== 'idle' && w !== 'cpu' && w !== 'active' && !w.startsWith('Client:')).map(([t, w]) => `${at(t)}:${w}`).join(' ')}`);
    const after = (skipS: number) => Float64Array.from(submissions.map((_, i) => result.latencies[i]!).filter((_, i) => i / RATE >= skipS)).sort();
    console.log(`p99 without the first 0.5 s of sends: ${fmt(percentile(after(0.5), 99))} ms; without the first 1 s: ${fmt(percentile(after(1), 99))} ms`);
    // Sends scheduled within 0.5 s before to 0.5 s after the start of a major GC, against the others.
    const majors = gcs.filter(([, , k]) => k === 4).map(([t]) => t - loadStart);
    const nearMajor = (i: number) => majors.some((t) => (i / RATE) * 1000 >= t - 500 && (i / RATE) * 1000 <= t + 500);
    const split = (near: boolean) => Float64Array.from(submissions.map((_, i) => i).filter((i) => nearMajor(i) === near).map((i) => result.latencies[i]!)).sort();
    const far = split(false);
    const near = split(true);
    console.log(`major GCs at ${majors.map((t) => (t / 1000).toFixed(2)).join(', ') || 'none'} s: sends within ±0.5 s of one: ${near.length}, p50 ${near.length ? fmt(percentile(near, 50)) : '-'} p99 ${near.length ? fmt(percentile(near, 99)) : '-'} ms; the other ${far.length}: p50 ${fmt(percentile(far, 50))} p99 ${fmt(percentile(far, 99))} ms`);
    const backends = new Client({ connectionString: database.url });
    await backends.connect();
    const started = await backends.query<{ n: string }>("SELECT count(*) AS n FROM pg_stat_activity WHERE datname = current_database() AND backend_start > now() - make_interval(secs => $1)", [(performance.now() - loadStart) / 1000]);
    await backends.end();
    console.log(`PostgreSQL backends of the bench database started since the load began: ${started.rows[0]!.n} (pool max 10, plus the sampler)`);
    const gcInRun = gcs.filter(([s]) => s >= loadStart).filter(([, d]) => d >= 5);
    console.log(`GC pauses ≥ 5 ms in the run (t s, ms): ${gcInRun.map(([s, d]) => `${((s - loadStart) / 1000).toFixed(2)}:${fmt(d)}`).join(' ') || 'none'}`);
    const slowBatches = batches.filter((b) => b.end! - b.start >= 30).map((b) => `${((b.start - loadStart) / 1000).toFixed(2)}s:${b.size}×${fmt(b.end! - b.start)}ms(lock ${fmt(b.end! - (b.locked ?? b.end!))})`);
    console.log(`group commits ≥ 30 ms: ${slowBatches.join(' ') || 'none'}`);
  } finally {
    await queue.obliterate({ force: true }).catch(() => undefined);
    await queue.close();
    await app.close();
    await database.drop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
