/**
 * The hub's `POST /v1/messages` end to end: the hub app in this process on a fresh PostgreSQL
 * database and a private Redis prefix, loaded over keep-alive HTTP from a worker thread with
 * messages and node assertions signed beforehand. Baseline: the crypto the hub cannot avoid per
 * message (verify the assertion, verify the message JWS, sign the receipt), measured in the same run.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { randomBytes, type KeyObject } from 'node:crypto';
import { resolve } from 'node:path';
import { cpus, loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';
import { type INestApplication } from '@nestjs/common';
import { Queue } from 'bullmq';
import type Redis from 'ioredis';
import { Client } from 'pg';
import { DataSource, type EntityManager } from 'typeorm';
import { CLIENT_ASSERTION_TYP, controlNumber, createClientAssertion, encryptJwe, generateEncryptionKeyPair, generateSigningKeyPair, importPrivateJwk, importPublicJwk, signJws, verifyJws } from '../libs/crypto/src/index';
import { JWS_TYP, LIMITS } from '../libs/protocol/src/index';
import { exampleRequestEnvelope, exampleRequestPayload } from '../libs/protocol/src/testing/examples';
import { bullConnection, createApp, KeyringService, REDIS_CLIENT } from '../apps/shared/src/index';
import { HUB_API, HubModule } from '../apps/hub/src/app.module';
import { loadHubConfig } from '../apps/hub/src/config/hub-config';
import { DirectoryService } from '../apps/hub/src/directory/directory.service';
import { DELIVERY_QUEUE } from '../apps/hub/src/messages/delivery/delivery.jobs';
import { DeliveryProcessor } from '../apps/hub/src/messages/delivery/delivery.processor';
import { DeliveryProducer } from '../apps/hub/src/messages/delivery/delivery.producer';
import { MessageWriteRepository } from '../apps/hub/src/messages/writer/message-write.repository';
import { SubmissionService } from '../apps/hub/src/messages/submission/submission.service';
import { MessageWriter } from '../apps/hub/src/messages/writer/message-writer';
import { AuditRepository } from '../apps/hub/src/audit/audit.repository';
import { AuditService } from '../apps/hub/src/audit/audit.service';
import { NodeAuthService } from '../apps/hub/src/auth/node-auth.service';
import { attribute, startProfiler } from './cpu-profile';
import type { BenchRow, Suite } from './report';
import { createTestDatabase } from '../test/support/databases';
import { freePort } from '../test/support/ports';

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
export const AUD = 'cicu-hub-bench';
// The seed's FR–DE agreement (deploy/fixtures/directory.json).
const AGREEMENT = 'AGR-FR-DE-CICU';
const NAPLES = 'NAPLES-II-ART-10';
/** Connection refused at once: a delivery attempt, if one ever ran, would fail fast. */
const DEAD_INBOX = (unit: string) => `http://127.0.0.1:9/${unit}/v1/inbox`;

const MESSAGES = 6000;
/** 1: service time without queueing (informative); 16 and 64: the throughput runs of the issue. */
const CONCURRENCY = [1, 16, 64] as const;
const OPEN_RATE = 500;
const OPEN_SECONDS = 8;
const WARMUP_MESSAGES = 300;
const WARMUP_MS = 3_000;
const JWE_POOL = 64;
/** Closed-loop runs stop starting submissions after this long, even with messages left. */
const RUN_MS = 8_000;
const PROBE_MS = 4_000;
/** The profiled pass: closed loop at the saturating concurrency, where CPU per submission sets the throughput. */
const PROFILE_MS = 4_000;
const PROFILE_CONCURRENCY = 64;
/** Open loop: connections available to the generator, and how long to wait for answers after the last send. */
const OPEN_CONNECTIONS = 64;
const OPEN_DRAIN_MS = 5_000;
const CEILING_MS = 2500;
const TARGET_THROUGHPUT = 2000;
/** Hub processes of the cluster rows (one per core of this machine). */
/** Batched rows (POST /v1/messages/batch): calls in flight, each of up to BATCH messages. */
const BATCH = LIMITS.batchMessages;
const BATCH_IN_FLIGHT = [1, 4, 8] as const;
const OPEN_BATCH_IN_FLIGHT = [1, 4] as const;
const CLUSTER_PROCESSES = 2;
const CLUSTER_CONCURRENCY = [16, 64] as const;
const TARGET_P99_MS = 25;
const HOUR = 3_600_000;

interface SigningKey {
  kid: string;
  privateKey: KeyObject;
  publicKey: KeyObject;
}

export interface BenchNode {
  id: string;
  unitId: string;
  sig: SigningKey;
  enc: { kid: string; publicKey: KeyObject };
}

/** One prepared submission: the compact JWS body and the node assertion of its Authorization header. */
export interface Submission {
  id: string;
  body: string;
  auth: string;
}

interface LoadResult {
  /** Latency per request, ms (open loop: from its scheduled send time). */
  latencies: Float64Array;
  statuses: Uint16Array;
  wallMs: number;
  /** CPU the kernel charged to the load generator's thread over the run (its share of this process's CPU). */
  cpuMs: number;
  errors: string[];
}

const notes: string[] = [
  'Valid FR → DE requests (ISP_SUBSCRIBER under the seed\'s FR–DE agreement, unique UUIDv7 ids, createdAt now, each with its own Ed25519 signature and its own node assertion ' +
    `with a unique jti) go to \`POST /v1/messages\` of the hub running in this process (Nest, express, LOG_LEVEL silent, 127.0.0.1:0), on a PostgreSQL database created for the run ` +
    '(127.0.0.1:5432, the server\'s own synchronous_commit and fsync, both on here: every 202 follows the COMMIT of the message row and its audit entry) and a Redis key prefix of its own; ' +
    'the database, the queue and the replay-cache keys are removed afterwards. Each timed run gets its messages and assertions signed just before it ' +
    `(up to ${MESSAGES.toLocaleString('en-US')}; assertions live 60 s), so only the hub works while the clock runs; the encrypted payloads come from a pool of ${JWE_POOL} real JWEs to DE ` +
    '(the hub checks their digest, never decrypts them). The load generator is node:http with a keep-alive Agent in a worker thread: it shares the 2 cores, not the hub\'s event loop.',
  `**Throughput** rows: C keep-alive connections (C = 1 only shows the service time of one submission without queueing), each sending its next message when the previous answer arrives (closed loop), for ${RUN_MS / 1000} s or until the ` +
    `${MESSAGES.toLocaleString('en-US')} messages are used up, after a warm-up. ops/s = accepted (202) submissions per second of wall time; anything else is an error, printed on the console. ` +
    `**Open loop**: one submission scheduled every ${1000 / OPEN_RATE} ms for ${OPEN_SECONDS} s whatever the answers, over at most ${OPEN_CONNECTIONS} connections; latency counts from the ` +
    `scheduled time (no coordinated omission); submissions still unanswered ${OPEN_DRAIN_MS / 1000} s after the last send count as errors with the time waited so far.`,
  `**Batch** rows (\`POST /v1/messages/batch\`, docs/adr-routing.md): the same messages, sent as a node's submit worker sends them, up to ${BATCH} a call (within the ${LIMITS.batchLength / 1024} KiB a batch takes), ` +
    'one assertion per call; "calls in flight" plays the part of connections. Closed loop: each call takes the next messages; open loop: the messages due wait while the calls are in flight ' +
    'and the next free call takes up to a batch of them (no timer: with few due, a call carries one or two), latency again from each message\'s scheduled time. A message counts as accepted ' +
    'when its item in the answer is. The crypto ceiling still counts one assertion per message, so for these rows it is lower than what the hub could reach.',
  'Delivery is kept out of the measurement: the hub\'s BullMQ delivery worker is paused right after start (jobs are still enqueued, as in production, and left waiting), and ' +
    `the nodes' inboxes are \`${DEAD_INBOX('<unit>')}\` (connection refused) should a delivery run anyway. The suite fails unless every submission that got a 202 is in the message table.`,
  '**Baseline** (crypto-only ceiling): per message, verifyJws of the node assertion + verifyJws of the message JWS + signJws of a receipt (Ed25519, KeyObjects, libs/crypto), ' +
    'measured on one thread and **extrapolated ×2** for the 2 cores (not measured on two): no hub can accept more messages per second on this machine. vs baseline = accepted/s ÷ ceiling.',
  `Targets (issue): ≥ ${TARGET_THROUGHPUT.toLocaleString('en-US')} accepted submissions/s on this 2-core machine; p99 < ${TARGET_P99_MS} ms at ${OPEN_RATE}/s.`,
  `**${CLUSTER_PROCESSES} hub processes** rows: the same load against \`apps/hub/src/main.ts\` started with HUB_PROCESSES=${CLUSTER_PROCESSES} (node:cluster, one listening socket, ` +
    'the same database and Redis prefix; the delivery queue paused in Redis for all workers), as a deployment would run one hub per core.',
];

const ascii = (text: string) => new TextEncoder().encode(text);

function check(condition: boolean, what: string): void {
  if (!condition) throw new Error(`bench sanity check failed: ${what}`);
}

/** A fresh UUIDv7 (RFC 9562): 48-bit ms time, version 7, variant 10, random rest. */
function uuidv7(): string {
  const bytes = randomBytes(16);
  bytes.writeUIntBE(Date.now(), 0, 6);
  bytes[6] = ((bytes[6] as number) & 0x0f) | 0x70;
  bytes[8] = ((bytes[8] as number) & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

async function countMessages(url: string, ids?: string[]): Promise<number> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = ids === undefined ? await client.query<{ n: string }>('SELECT count(*) AS n FROM message') : await client.query<{ n: string }>('SELECT count(*) AS n FROM message WHERE id = ANY($1::uuid[])', [ids]);
    return Number(rows[0]?.n);
  } finally {
    await client.end();
  }
}

const countAccepted = (url: string, ids: string[]) => countMessages(url, ids);

/** CPU time (user + system, ms) the kernel has charged so far to these processes, or threads (`thread-self`); one gone meanwhile counts 0. */
export function processCpuMs(pids: readonly (number | 'thread-self')[]): number {
  const tick = 10; // USER_HZ is 100 on Linux
  let ms = 0;
  for (const pid of pids) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      ms += (Number(fields[11]) + Number(fields[12])) * tick;
    } catch {
      // The process ended: its CPU is no longer readable.
    }
  }
  return ms;
}

/** The PostgreSQL backends serving `url`'s database (the hub's pool) and the Redis server's process. */
async function serverPids(url: string, redis: Redis): Promise<{ postgres: number[]; redis: number[] }> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ pid: number }>('SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()');
    const redisPid = /process_id:(\d+)/.exec(await redis.info('server'))?.[1];
    return { postgres: rows.map((r) => r.pid), redis: redisPid === undefined ? [] : [Number(redisPid)] };
  } finally {
    await client.end();
  }
}

export async function registerNode(app: INestApplication, unitId: string): Promise<BenchNode> {
  const [sig, enc] = await Promise.all([generateSigningKeyPair('Ed25519'), generateEncryptionKeyPair('X25519')]);
  const node = await app.get(DirectoryService).registerNode(unitId, DEAD_INBOX(unitId), { keys: [sig.publicJwk, enc.publicJwk] });
  return {
    id: node.id,
    unitId,
    sig: { kid: sig.kid, privateKey: importPrivateJwk(sig.privateJwk), publicKey: importPublicJwk(sig.publicJwk) },
    enc: { kid: enc.kid, publicKey: importPublicJwk(enc.publicJwk) },
  };
}

const jwePool = new Map<string, string[]>();

/** `JWE_POOL` payloads encrypted to `to` (the hub never decrypts them; encrypting each message would slow pre-signing ~10×). */
async function payloadsFor(to: BenchNode): Promise<string[]> {
  let pool = jwePool.get(to.id);
  if (pool === undefined) {
    pool = [];
    for (let i = 0; i < JWE_POOL; i++) {
      const plaintext = { ...exampleRequestPayload('ISP_SUBSCRIBER'), area: 'medicines', legalBasisId: NAPLES, agreementId: AGREEMENT, priority: 'urgent', handlingCode: 'H1' };
      pool.push(await encryptJwe(ascii(JSON.stringify(plaintext)), to.enc.publicKey, { kid: to.enc.kid }));
    }
    jwePool.set(to.id, pool);
  }
  return pool;
}

/** `count` requests of `from` to `to`, each with its own id, signature and assertion, all signed now. */
export async function prepare(from: BenchNode, to: BenchNode, count: number): Promise<Submission[]> {
  const payloads = await payloadsFor(to);
  const out: Submission[] = [];
  for (let i = 0; i < count; i++) {
    const now = Date.now();
    const routing = { area: 'medicines', legalBasisId: NAPLES, agreementId: AGREEMENT, priority: 'urgent', dueAt: new Date(now + 72 * HOUR).toISOString(), handlingCode: 'H1' } as const;
    const jwe = payloads[i % payloads.length] as string;
    const envelope = exampleRequestEnvelope({
      id: uuidv7(),
      createdAt: new Date(now).toISOString(),
      requestType: 'ISP_SUBSCRIBER',
      ...routing,
      payload: { jwe, digest: controlNumber(ascii(jwe)) },
    });
    const body = await signJws(ascii(JSON.stringify(envelope)), from.sig.privateKey, { alg: 'EdDSA', kid: from.sig.kid, typ: JWS_TYP.request });
    const auth = await createClientAssertion({ iss: from.id, aud: AUD, privateKey: from.sig.privateKey, kid: from.sig.kid, alg: 'EdDSA', ttlSeconds: 60 });
    out.push({ id: envelope.id, body, auth });
  }
  return out;
}

/** The load generator, plain JS for a worker thread (no TypeScript loader there). */
const LOAD_WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const http = require('node:http');
const { performance } = require('node:perf_hooks');
const { port, submissions, concurrency, rate, sendMs, drainMs, batch } = workerData;
const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency, maxFreeSockets: concurrency });
const n = submissions.length;
const latencies = new Float64Array(n);
// 0: not sent; 1: no answer (network error, or none before the drain deadline); else the HTTP status.
const statuses = new Uint16Array(n);
const scheduled = new Float64Array(n);
const errors = [];
let sent = 0;
let wallEnd = 0;
function send(i, since) {
  sent++;
  scheduled[i] = since;
  return new Promise((resolve) => {
    const { body, auth } = submissions[i];
    const req = http.request({ host: '127.0.0.1', port, path: '/v1/messages', method: 'POST', agent,
      headers: { 'content-type': 'application/jose', authorization: 'Bearer ' + auth, 'content-length': Buffer.byteLength(body) } }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => {
        if (statuses[i] !== 0) return resolve();
        latencies[i] = performance.now() - since;
        statuses[i] = res.statusCode;
        wallEnd = performance.now();
        if (res.statusCode !== 202 && errors.length < 20) errors.push(res.statusCode + ' ' + Buffer.concat(chunks).toString('utf8').slice(0, 300));
        resolve();
      });
    });
    req.on('error', (e) => {
      if (statuses[i] === 0) {
        latencies[i] = performance.now() - since;
        statuses[i] = 1;
        if (errors.length < 20) errors.push('network ' + e.message);
      }
      resolve();
    });
    req.end(body);
  });
}
// Batches (POST /v1/messages/batch, as a node's submit worker sends them): one call for the
// messages 'indices', each sent at since[k]; a message's status is 202 when accepted, else the
// status its refusal names, or the call's status when the whole call failed.
function sendBatch(indices, since) {
  indices.forEach((i, k) => { sent++; scheduled[i] = since[k]; });
  const settle = (status, text) => {
    const now = performance.now();
    indices.forEach((i, k) => { if (statuses[i] === 0) { statuses[i] = status[k]; latencies[i] = now - since[k]; } });
    wallEnd = now;
    if (status.some((s) => s !== 202) && errors.length < 20) errors.push(text.slice(0, 300));
  };
  return new Promise((resolve) => {
    const body = JSON.stringify({ messages: indices.map((i) => submissions[i].body) });
    const req = http.request({ host: '127.0.0.1', port, path: '/v1/messages/batch', method: 'POST', agent,
      headers: { 'content-type': 'application/json', authorization: 'Bearer ' + submissions[indices[0]].auth, 'content-length': Buffer.byteLength(body) } }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        const results = res.statusCode === 200 ? JSON.parse(text).results : undefined;
        settle(indices.map((_, k) => (results ? (results[k].outcome === 'accepted' ? 202 : results[k].status) : res.statusCode)), res.statusCode + ' ' + text);
        resolve();
      });
    });
    req.on('error', (e) => { settle(indices.map(() => 1), 'network ' + e.message); resolve(); });
    req.end(body);
  });
}
// Set when the parent says go: setting up the thread and its data is not part of the run.
let started = 0;
// This thread's CPU (user + system, ms) as the kernel counts it (Linux; USER_HZ 100).
function threadCpuMs() {
  const stat = require('node:fs').readFileSync('/proc/thread-self/stat', 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}
async function closed() {
  let next = 0;
  const loop = async () => {
    while (next < n && performance.now() - started < sendMs) {
      if (!batch) { const i = next++; await send(i, performance.now()); continue; }
      const indices = [];
      while (indices.length < batch && next < n) indices.push(next++);
      const now = performance.now();
      await sendBatch(indices, indices.map(() => now));
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, n) }, loop));
}
async function open() {
  const interval = 1000 / rate;
  const pending = [];
  // Batched: what is due waits in 'due' while 'concurrency' calls are in flight, and the next
  // free call takes up to 'batch' of it (no timer: a node's submit worker, docs/adr-routing.md).
  const due = [];
  let inFlight = 0;
  const pump = () => {
    while (inFlight < concurrency && due.length > 0) {
      const indices = due.splice(0, batch);
      inFlight++;
      pending.push(sendBatch(indices, indices.map((j) => started + j * interval)).then(() => { inFlight--; pump(); }));
    }
  };
  let i = 0;
  while (i < n && i * interval < sendMs) {
    const now = performance.now();
    while (i < n && i * interval < sendMs && started + i * interval <= now) {
      if (batch) due.push(i); else pending.push(send(i, started + i * interval));
      i++;
    }
    if (batch) pump();
    await new Promise((r) => setTimeout(r, Math.max(0, started + i * interval - performance.now())));
  }
  const all = (async () => { while (pending.length > 0) await pending.shift(); })();
  const deadline = new Promise((r) => setTimeout(r, drainMs).unref());
  await Promise.race([all, deadline]);
  const now = performance.now();
  let unanswered = 0;
  for (let j = 0; j < i; j++) if (statuses[j] === 0) { statuses[j] = 1; latencies[j] = now - scheduled[j]; unanswered++; }
  if (unanswered > 0) errors.unshift(unanswered + ' without an answer ' + drainMs + ' ms after the last send (counted as errors, latency = time waited so far)');
}
parentPort.once('message', () => {
  started = performance.now();
  const cpuAtStart = threadCpuMs();
  (rate ? open() : closed()).then(() => {
    agent.destroy();
    const cpuMs = threadCpuMs() - cpuAtStart;
    parentPort.postMessage({ latencies: latencies.subarray(0, sent), statuses: statuses.subarray(0, sent), wallMs: (wallEnd || performance.now()) - started, cpuMs, errors });
  });
});
parentPort.postMessage('ready');
`;

interface LoadOptions {
  /** Connections; batched: calls in flight. */
  concurrency: number;
  /** Messages per POST /v1/messages/batch call (at most); unset: one message per POST /v1/messages. */
  batch?: number;
  /** Closed loop: stop starting new submissions after this; open loop: the sending window. */
  sendMs: number;
  /** Open loop only: submissions per second, and how long to wait for answers after the last send. */
  rate?: number;
  drainMs?: number;
}

/** Runs the load in a worker thread; `atStart` runs once the thread is ready, just before its first request. */
export function runLoad(port: number, submissions: Submission[], options: LoadOptions, atStart: () => Promise<void> = async () => undefined): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const workerData = { port, submissions: submissions.map(({ body, auth }) => ({ body, auth })), ...options };
    const worker = new Worker(LOAD_WORKER, { eval: true, workerData });
    worker.on('message', (message: 'ready' | LoadResult) => {
      if (message === 'ready') {
        atStart().then(() => worker.postMessage('go'), reject);
        return;
      }
      void worker.terminate();
      resolve(message);
    });
    worker.once('error', reject);
  });
}

export function percentile(sorted: Float64Array, p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] as number;
}

interface Measured {
  sent: number;
  accepted: number;
  acceptedIds: string[];
  failed: number;
  acceptedPerSec: number;
  meanMs: number;
  p50Ms: number;
  p99Ms: number;
}

/** A closed-loop row: accepted submissions per second of wall time, against the crypto ceiling. */
/** An open-loop row: latency from each submission's scheduled time, and how many of those sent were accepted. */
function openLoopRow(name: string, o: Measured, ceiling: number): BenchRow {
  return { name, opsPerSec: o.acceptedPerSec, meanMs: o.meanMs, p50Ms: o.p50Ms, p99Ms: o.p99Ms, samples: `${o.accepted.toLocaleString('en-US')} × 202 of ${o.sent.toLocaleString('en-US')}`, ratio: o.acceptedPerSec / ceiling };
}

function throughputRow(name: string, m: Measured, ceiling: number): BenchRow {
  return { name, opsPerSec: m.acceptedPerSec, meanMs: m.meanMs, p50Ms: m.p50Ms, p99Ms: m.p99Ms, samples: `${m.accepted.toLocaleString('en-US')} × 202, ${m.failed} errors`, ratio: m.acceptedPerSec / ceiling };
}

export function summarize(label: string, submissions: readonly Submission[], result: LoadResult): Measured {
  const sorted = Float64Array.from(result.latencies).sort();
  const acceptedIds = submissions.filter((_, i) => result.statuses[i] === 202).map((s) => s.id);
  const accepted = acceptedIds.length;
  const failed = result.statuses.length - accepted;
  if (failed > 0) console.error(`  ${label}: ${failed} of ${result.statuses.length} submissions not accepted; first:\n    ${result.errors.join('\n    ')}`);
  return {
    sent: result.statuses.length,
    accepted,
    acceptedIds,
    failed,
    acceptedPerSec: (accepted * 1000) / result.wallMs,
    meanMs: sorted.reduce((a, b) => a + b, 0) / sorted.length,
    p50Ms: percentile(sorted, 50),
    p99Ms: percentile(sorted, 99),
  };
}

/** The crypto-only ceiling on one thread: per message, verify assertion + verify JWS + sign receipt. */
async function cryptoCeiling(from: BenchNode, submissions: Submission[]): Promise<{ opsPerSec: number; sorted: Float64Array; samples: number }> {
  const hub = await generateSigningKeyPair('Ed25519');
  const hubKey = importPrivateJwk(hub.privateJwk);
  const resolve = () => from.sig.publicKey;
  const once = async (s: Submission) => {
    await verifyJws(s.auth, resolve, { typ: CLIENT_ASSERTION_TYP });
    const { payload } = await verifyJws(s.body, resolve, { typ: JWS_TYP.request, maxBytes: 1024 * 1024 });
    const id = (JSON.parse(Buffer.from(payload).toString('utf8')) as { id: string }).id;
    const receipt = { v: 1, kind: 'hub-receipt', messageId: id, digest: controlNumber(ascii(s.body)), receivedAt: new Date().toISOString(), auditLeafIndex: 1 };
    return signJws(ascii(JSON.stringify(receipt)), hubKey, { alg: 'EdDSA', kid: hub.kid, typ: JWS_TYP['hub-receipt'] });
  };
  for (let i = 0; i < 200; i++) await once(submissions[i % submissions.length] as Submission);
  const times: number[] = [];
  const start = performance.now();
  while (performance.now() - start < CEILING_MS) {
    const t = performance.now();
    await once(submissions[times.length % submissions.length] as Submission);
    times.push(performance.now() - t);
  }
  const elapsed = performance.now() - start;
  return { opsPerSec: (times.length * 1000) / elapsed, sorted: Float64Array.from(times).sort(), samples: times.length };
}

const POOL_WAIT = 'waiting for a pooled PostgreSQL connection (per acquisition)';
const GROUP_COMMIT = 'group commit (per batch)';
const ONE_STATEMENT = '  of which: the one statement (per batch that tried it)';
const IN_TRANSACTION = '  of which: the transaction (per batch that fell back to it)';
const LOCK_HELD = '    of which: audit head row lock held (to COMMIT done)';
/** Not a duration: the submissions per group commit, averaged like the others. */
const BATCH_SIZE = 'submissions per group commit';

type AnyFn = (...args: never[]) => Promise<unknown>;

/**
 * Bench-side instrumentation of one hub instance (no production code changes): wraps the
 * submission's steps on the live service objects and sums their wall time. Steps overlap other
 * requests' work, so a step's time includes waiting for the event loop, the pool, or a lock.
 */
function instrument(app: INestApplication): { totals: Map<string, number>; counts: Map<string, number>; restore: () => void } {
  const totals = new Map<string, number>();
  const counts = new Map<string, number>();
  const restores: (() => void)[] = [];
  const add = (name: string, ms: number) => {
    totals.set(name, (totals.get(name) ?? 0) + ms);
    counts.set(name, (counts.get(name) ?? 0) + 1);
  };
  const wrap = (target: object, method: string, name: string, after?: (args: unknown[], ms: number) => void) => {
    const object = target as Record<string, AnyFn>;
    const original = object[method] as AnyFn;
    object[method] = async function (this: unknown, ...args: never[]) {
      const t = performance.now();
      try {
        return await original.apply(this, args);
      } finally {
        const ms = performance.now() - t;
        add(name, ms);
        after?.(args, ms);
      }
    } as AnyFn;
    restores.push(() => delete object[method]);
  };
  const submission = app.get(SubmissionService);
  const repository = app.get(MessageWriteRepository);
  const audit = app.get(AuditRepository);
  const lockedAt = new WeakMap<object, number>();
  wrap(submission, 'submit', 'total: SubmissionService.submit');
  wrap(app.get(NodeAuthService), 'authenticate', 'auth guard (assertion verify, directory, jti SET NX)');
  wrap(submission, 'verifiedEnvelope', 'verify JWS + key lookup + I-JSON + schema');
  wrap(submission, 'store', 'store: wait for and join a group commit');
  wrap(app.get(MessageWriter), 'commit', GROUP_COMMIT, (args) => add(BATCH_SIZE, (args[0] as unknown[]).length));
  wrap(app.get(AuditService), 'appendInOneStatement', ONE_STATEMENT);
  wrap(app.get(MessageWriter), 'commitInTransaction', IN_TRANSACTION);
  wrap(audit, 'reserveIndices', '    of which: waiting for and locking the audit head row', (args) => lockedAt.set(args[0] as object, performance.now()));
  // From the audit head lock to the end of the commit: the part of the transaction that is serialized.
  const transaction = repository.transaction.bind(repository);
  (repository as unknown as Record<string, unknown>).transaction = async <T>(work: (tx: EntityManager) => Promise<T>): Promise<T> => {
    let manager: EntityManager | undefined;
    const result = await transaction((tx) => ((manager = tx), work(tx)));
    const locked = manager && lockedAt.get(manager);
    if (locked !== undefined) add(LOCK_HELD, performance.now() - locked);
    return result;
  };
  restores.push(() => delete (repository as unknown as Record<string, unknown>).transaction);
  wrap(app.get(DataSource).driver, 'obtainMasterConnection', POOL_WAIT);
  wrap(app.get(DeliveryProducer), 'enqueue', 'enqueue delivery job (Redis)');
  wrap(app.get(KeyringService), 'sign', 'sign receipt');
  return { totals, counts, restore: () => restores.forEach((r) => r()) };
}

/**
 * The hub as it is deployed on a multi-core machine: apps/hub/src/main.ts with HUB_PROCESSES
 * workers, on the bench's database and Redis prefix (same operator secret, so the same hub key).
 */
async function startClusterHub(env: Record<string, string>): Promise<{ port: number; stop: () => Promise<void> }> {
  const port = await freePort();
  const child = spawn(process.execPath, ['-r', '@swc-node/register', resolve(__dirname, '..', 'apps', 'hub', 'src', 'main.ts')], {
    env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1', HUB_PROCESSES: String(CLUSTER_PROCESSES) },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const exited = new Promise((r) => child.once('exit', r));
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    await exited;
  };
  const until = performance.now() + 120_000;
  // Every worker listens on the shared socket once the first has migrated: wait for a few 200s in a row.
  let healthy = 0;
  while (healthy < 10) {
    if (child.exitCode !== null) throw new Error(`the clustered hub exited (${child.exitCode}) before it was healthy`);
    if (performance.now() > until) {
      await stop();
      throw new Error('the clustered hub did not become healthy within 120 s');
    }
    const ok = await fetch(`http://127.0.0.1:${port}/health`).then((r) => r.ok, () => false);
    healthy = ok ? healthy + 1 : 0;
    await new Promise((r) => setTimeout(r, ok ? 100 : 500));
  }
  return { port, stop };
}

/** Waits until the hub has finished what it was still doing (message count steady for 1 s, at most 30 s). */
async function settle(url: string): Promise<void> {
  let last = -1;
  const until = performance.now() + 30_000;
  for (;;) {
    const count = await countMessages(url);
    if (count === last || performance.now() > until) return;
    last = count;
    await new Promise((r) => setTimeout(r, 1000));
  }
}

async function run(): Promise<BenchRow[]> {
  const database = await createTestDatabase('bench_hub');
  const { url } = database;
  const prefix = `cicu-bench-hub-${randomBytes(4).toString('hex')}`;
  let app: INestApplication | undefined;
  const nodeIds: string[] = [];
  const queue = new Queue(DELIVERY_QUEUE, { connection: bullConnection(REDIS_URL), prefix });
  try {
    const config = loadHubConfig({
      DATABASE_URL: url,
      REDIS_URL,
      LOG_LEVEL: 'silent',
      OPERATOR_SECRET: 'bench-hub-operator-secret',
      SEAL_PBES2_COUNT: '1000',
      HUB_AUDIENCE: AUD,
      QUEUE_PREFIX: prefix,
    });
    app = await createApp(HubModule.forRoot(config), HUB_API);
    await app.init();
    await app.get(DeliveryProcessor).worker.pause(true);
    await app.listen(0, '127.0.0.1');
    const { port } = app.getHttpServer().address() as { port: number };
    const fr = await registerNode(app, 'FR-CYBERDOUANE');
    const de = await registerNode(app, 'DE-ZIRE');
    nodeIds.push(fr.id, de.id);

    const acceptedIds: string[] = [];
    let sent = 0;
    const take = (m: Measured) => {
      sent += m.sent;
      acceptedIds.push(...m.acceptedIds);
      return m;
    };

    // Baseline first, on messages then submitted as the warm-up.
    let t = performance.now();
    const warmup = await prepare(fr, de, WARMUP_MESSAGES);
    console.log(`  pre-signing: ${((performance.now() - t) / WARMUP_MESSAGES).toFixed(2)} ms per message + assertion (first call includes the JWE pool)`);
    const ceiling = await cryptoCeiling(fr, warmup);
    const ceiling2 = ceiling.opsPerSec * 2;
    take(summarize('warm-up', warmup, await runLoad(port, warmup, { concurrency: 16, sendMs: WARMUP_MS })));

    const rows: BenchRow[] = [];
    const verdicts: string[] = [];
    const elus: string[] = [];
    for (const concurrency of CONCURRENCY) {
      await settle(url);
      const submissions = await prepare(fr, de, MESSAGES);
      const elu = performance.eventLoopUtilization();
      const m = take(summarize(`${concurrency} connections`, submissions, await runLoad(port, submissions, { concurrency, sendMs: RUN_MS })));
      elus.push(`${concurrency} conn. ${(performance.eventLoopUtilization(elu).utilization * 100).toFixed(0)} %`);
      const met = m.failed === 0 && m.acceptedPerSec >= TARGET_THROUGHPUT;
      const verdict = concurrency === 1 ? `service time p50 ${m.p50Ms.toFixed(1)} ms (no target)` : `≥ ${TARGET_THROUGHPUT.toLocaleString('en-US')}/s ${met ? 'met' : '**not met**'}`;
      verdicts.push(`${concurrency} connection${concurrency === 1 ? '' : 's'}: ${Math.round(m.acceptedPerSec).toLocaleString('en-US')}/s, ${m.failed} errors → ${verdict}`);
      rows.push(throughputRow(`POST /v1/messages, ${concurrency} connection${concurrency === 1 ? '' : 's'} (accepted/s)`, m, ceiling2));
    }

    // Batched, as a node's submit worker sends what its outbox holds (HubClient, docs/adr-routing.md).
    for (const inFlight of BATCH_IN_FLIGHT) {
      await settle(url);
      const submissions = await prepare(fr, de, MESSAGES);
      const m = take(summarize(`batches, ${inFlight} in flight`, submissions, await runLoad(port, submissions, { concurrency: inFlight, batch: BATCH, sendMs: RUN_MS })));
      const met = m.failed === 0 && m.acceptedPerSec >= TARGET_THROUGHPUT;
      verdicts.push(`batches of ${BATCH}, ${inFlight} in flight: ${Math.round(m.acceptedPerSec).toLocaleString('en-US')}/s, ${m.failed} errors → ≥ ${TARGET_THROUGHPUT.toLocaleString('en-US')}/s ${met ? 'met' : '**not met**'}`);
      rows.push(throughputRow(`POST /v1/messages/batch, ${BATCH} messages a call, ${inFlight} call${inFlight === 1 ? '' : 's'} in flight (accepted/s)`, m, ceiling2));
    }
    for (const inFlight of OPEN_BATCH_IN_FLIGHT) {
      await settle(url);
      const submissions = await prepare(fr, de, OPEN_RATE * OPEN_SECONDS);
      const ob = take(summarize(`open loop batched, ${inFlight} in flight`, submissions, await runLoad(port, submissions, { concurrency: inFlight, batch: BATCH, sendMs: OPEN_SECONDS * 1000, rate: OPEN_RATE, drainMs: OPEN_DRAIN_MS })));
      verdicts.push(`open loop ${OPEN_RATE}/s batched (up to ${BATCH} a call, ${inFlight} in flight): p50 ${ob.p50Ms.toFixed(1)} ms, p99 ${ob.p99Ms.toFixed(1)} ms, ${ob.failed} errors → p99 < ${TARGET_P99_MS} ms ${ob.failed === 0 && ob.p99Ms < TARGET_P99_MS ? 'met' : '**not met**'}`);
      rows.push(openLoopRow(`POST /v1/messages/batch, open loop ${OPEN_RATE}/s × ${OPEN_SECONDS} s, up to ${BATCH} a call, ${inFlight} call${inFlight === 1 ? '' : 's'} in flight`, ob, ceiling2));
    }

    // The same closed loops against HUB_PROCESSES hub processes; delivery paused for all of them.
    await queue.pause();
    const cluster = await startClusterHub({
      DATABASE_URL: url, REDIS_URL, LOG_LEVEL: 'silent', OPERATOR_SECRET: 'bench-hub-operator-secret', SEAL_PBES2_COUNT: '1000', HUB_AUDIENCE: AUD, QUEUE_PREFIX: prefix,
    });
    try {
      for (const concurrency of CLUSTER_CONCURRENCY) {
        await settle(url);
        const submissions = await prepare(fr, de, MESSAGES);
        const m = take(summarize(`${concurrency} connections, ${CLUSTER_PROCESSES} processes`, submissions, await runLoad(cluster.port, submissions, { concurrency, sendMs: RUN_MS })));
        const met = m.failed === 0 && m.acceptedPerSec >= TARGET_THROUGHPUT;
        verdicts.push(`${concurrency} connections, ${CLUSTER_PROCESSES} hub processes: ${Math.round(m.acceptedPerSec).toLocaleString('en-US')}/s, ${m.failed} errors → ≥ ${TARGET_THROUGHPUT.toLocaleString('en-US')}/s ${met ? 'met' : '**not met**'}`);
        rows.push(throughputRow(`POST /v1/messages, ${concurrency} connections, ${CLUSTER_PROCESSES} hub processes (accepted/s)`, m, ceiling2));
      }
      // The open loop against them too: with one event loop per core, each runs further from
      // saturation than the single in-process hub below (docs/adr-hub-performance.md, tail latency).
      await settle(url);
      const clusterOpen = await prepare(fr, de, OPEN_RATE * OPEN_SECONDS);
      const co = take(summarize(`open loop, ${CLUSTER_PROCESSES} processes`, clusterOpen, await runLoad(cluster.port, clusterOpen, { concurrency: OPEN_CONNECTIONS, sendMs: OPEN_SECONDS * 1000, rate: OPEN_RATE, drainMs: OPEN_DRAIN_MS })));
      verdicts.push(`open loop ${OPEN_RATE}/s, ${CLUSTER_PROCESSES} hub processes: p50 ${co.p50Ms.toFixed(1)} ms, p99 ${co.p99Ms.toFixed(1)} ms, ${co.failed} errors → p99 < ${TARGET_P99_MS} ms ${co.failed === 0 && co.p99Ms < TARGET_P99_MS ? 'met' : '**not met**'}`);
      rows.push(openLoopRow(`POST /v1/messages, open loop ${OPEN_RATE}/s × ${OPEN_SECONDS} s, ${CLUSTER_PROCESSES} hub processes`, co, ceiling2));
    } finally {
      await cluster.stop();
    }

    await settle(url);
    const openSubmissions = await prepare(fr, de, OPEN_RATE * OPEN_SECONDS);
    const openElu = performance.eventLoopUtilization();
    const o = take(
      summarize('open loop', openSubmissions, await runLoad(port, openSubmissions, { concurrency: OPEN_CONNECTIONS, sendMs: OPEN_SECONDS * 1000, rate: OPEN_RATE, drainMs: OPEN_DRAIN_MS })),
    );
    elus.push(`open loop ${(performance.eventLoopUtilization(openElu).utilization * 100).toFixed(0)} %`);
    const openMet = o.failed === 0 && o.p99Ms < TARGET_P99_MS;
    verdicts.push(`open loop ${OPEN_RATE}/s: p50 ${o.p50Ms.toFixed(1)} ms, p99 ${o.p99Ms.toFixed(1)} ms, ${o.failed} errors → p99 < ${TARGET_P99_MS} ms ${openMet ? 'met' : '**not met**'}`);
    rows.push(openLoopRow(`POST /v1/messages, open loop ${OPEN_RATE}/s × ${OPEN_SECONDS} s`, o, ceiling2));
    rows.push({
      name: 'crypto-only ceiling ×2 cores (1 thread measured ×2)',
      opsPerSec: ceiling2,
      meanMs: ceiling.sorted.reduce((a, b) => a + b, 0) / ceiling.samples,
      p50Ms: percentile(ceiling.sorted, 50),
      p99Ms: percentile(ceiling.sorted, 99),
      samples: ceiling.samples.toLocaleString('en-US'),
      ratio: undefined,
    });

    // Where the CPU goes: a closed loop at saturation under the sampling profiler (the hub's
    // thread), with the CPU the kernel charged to this process and to the servers meanwhile.
    await settle(url);
    const profiledSubmissions = await prepare(fr, de, MESSAGES);
    const servers = await serverPids(url, app.get<Redis>(REDIS_CLIENT));
    // Counted from the load's first request, not from the worker's start-up and its copy of the messages.
    let serverCpu = { postgres: 0, redis: 0 };
    let hubThreadCpu = 0;
    let processCpu = process.cpuUsage();
    let profiler: Awaited<ReturnType<typeof startProfiler>> | undefined;
    const load = await runLoad(port, profiledSubmissions, { concurrency: PROFILE_CONCURRENCY, sendMs: PROFILE_MS }, async () => {
      profiler = await startProfiler();
      serverCpu = { postgres: processCpuMs(servers.postgres), redis: processCpuMs(servers.redis) };
      hubThreadCpu = processCpuMs(['thread-self']);
      processCpu = process.cpuUsage();
    });
    const processUsed = process.cpuUsage(processCpu);
    const hubThreadUsed = processCpuMs(['thread-self']) - hubThreadCpu;
    const serverUsed = { postgres: processCpuMs(servers.postgres) - serverCpu.postgres, redis: processCpuMs(servers.redis) - serverCpu.redis };
    const profile = await profiler!.stop();
    const pr = take(summarize('profiled pass', profiledSubmissions, load));
    const perSubmission = (ms: number) => ms / Math.max(1, pr.sent);
    const cpu = {
      process: perSubmission((processUsed.user + processUsed.system) / 1000),
      hubThread: perSubmission(hubThreadUsed),
      loadThread: perSubmission(load.cpuMs),
      postgres: perSubmission(serverUsed.postgres),
      redis: perSubmission(serverUsed.redis),
    };
    const shares = attribute(profile);
    const busy = perSubmission(shares.totalMs);
    const byCode = shares.byCode
      .filter(([, ms]) => ms / shares.totalMs >= 0.01)
      .map(([name, ms]) => `${name} ${((100 * ms) / shares.totalMs).toFixed(0)} % (${perSubmission(ms).toFixed(3)} ms)`)
      .join(', ');
    // What a deployment pays per submission: everything but the load generator's thread.
    const total = cpu.process - cpu.loadThread + cpu.postgres + cpu.redis;
    notes.push(
      `Where the CPU goes (V8 sampling profiler on the hub's thread, closed loop of ${PROFILE_CONCURRENCY} connections for ${PROFILE_MS / 1000} s, ${pr.accepted.toLocaleString('en-US')} submissions at ` +
        `${Math.round(pr.acceptedPerSec).toLocaleString('en-US')}/s). CPU per submission charged by the kernel: this process ${cpu.process.toFixed(2)} ms (all its threads: the hub's event loop ${cpu.hubThread.toFixed(2)} ms, the load generator's thread ${cpu.loadThread.toFixed(2)} ms, the rest libuv's pool and V8's GC helpers), ` +
        `the PostgreSQL backends of the hub's pool ${cpu.postgres.toFixed(2)} ms, the Redis server ${cpu.redis.toFixed(2)} ms (shared with whatever else uses it): ${total.toFixed(2)} ms in all without the load generator, so 2 cores carry at most ` +
        `${Math.round(2000 / total).toLocaleString('en-US')} submissions/s at this cost (the target needs ≤ ${(2000 / TARGET_THROUGHPUT).toFixed(2)} ms). ` +
        `The hub's thread was busy ${busy.toFixed(2)} ms per submission (sampled wall time outside idle: it includes time the OS gave the core to other processes), ` +
        `by code (innermost frame that is ours or a package's; Node internals count as such): ${byCode}.`,
    );

    // Where the time goes: a short instrumented pass (not in the table).
    await settle(url);
    const probe = await prepare(fr, de, MESSAGES);
    const timers = instrument(app);
    t = performance.now();
    const p = take(summarize('instrumented pass', probe, await runLoad(port, probe, { concurrency: 16, sendMs: PROBE_MS })));
    const probeSeconds = (performance.now() - t) / 1000;
    timers.restore();
    const per = (name: string) => (timers.totals.get(name) ?? 0) / Math.max(1, timers.counts.get(name) ?? 0);
    const acquisitions = (timers.counts.get(POOL_WAIT) ?? 0) / Math.max(1, p.sent);
    const phases = [...timers.totals.keys()].map((name) =>
      name === BATCH_SIZE ? `${name} ${per(name).toFixed(1)}` : `${name} ${per(name).toFixed(2)} ms${name === POOL_WAIT ? ` × ${acquisitions.toFixed(1)} per submission` : ''}`,
    );
    const held = timers.totals.get(LOCK_HELD) ?? 0;
    const batches = timers.counts.get(GROUP_COMMIT) ?? 0;
    const inTransaction = timers.counts.get(IN_TRANSACTION) ?? 0;
    notes.push(
      `Where the time goes (instrumented pass after the table, in-process hub, 16 connections, ${p.accepted.toLocaleString('en-US')} submissions in ${probeSeconds.toFixed(1)} s; wall time per submission or per batch as named, ` +
        `each step including its waits for the event loop, the connection pool or the lock): ${phases.map((x) => x.trim()).join('; ')}. ` +
        `Of ${batches.toLocaleString('en-US')} group commits, ${(batches - inTransaction).toLocaleString('en-US')} were one statement (the writer knew the audit head: one round trip, the head row locked by that statement until it commits) ` +
        `and ${inTransaction.toLocaleString('en-US')} a transaction (the first, or after another writer appended), which held the audit head row (\`AuditRepository.reserveIndices\` to COMMIT) ${((held / 1000 / probeSeconds) * 100).toFixed(0)} % of the pass's wall time. ` +
        'Either way one batch commits at a time per database; the submissions that arrive meanwhile form the next batch (MessageWriter, docs/adr-routing.md). ' +
        `Load average (1 min) at the end of the run: ${loadavg()[0]!.toFixed(2)} on ${cpus().length} cores. Hub event-loop utilization in the timed runs: ${elus.join(', ')}.`,
    );

    const stored = await countAccepted(url, acceptedIds);
    check(stored === acceptedIds.length, `${acceptedIds.length} submissions got 202 (of ${sent} sent), ${stored} of them are in the message table`);
    notes.push(`Against the targets in this run: ${verdicts.join('; ')}.`);
    for (const v of verdicts) console.log(`  ${v}`);
    for (const x of phases) console.log(`  ${x}`);
    console.log(`  event-loop utilization: ${elus.join(', ')}`);
    return rows;
  } finally {
    await queue.obliterate({ force: true }).catch(() => undefined);
    await queue.close();
    if (app !== undefined) {
      // The replay cache's jti keys (hub:jti:<node>:<jti>, not under QUEUE_PREFIX) would expire in ~65 s; remove them now.
      const redis = app.get<Redis>(REDIS_CLIENT);
      for (const nodeId of nodeIds) {
        let cursor = '0';
        do {
          const [nextCursor, keys] = await redis.scan(cursor, 'MATCH', `hub:jti:${nodeId}:*`, 'COUNT', 1000);
          cursor = nextCursor;
          if (keys.length > 0) await redis.del(...keys);
        } while (cursor !== '0');
      }
      await app.close();
    }
    await database.drop();
  }
}

export const hubSuite: Suite = { id: 'hub', title: 'Hub submission (POST /v1/messages)', notes, run };
