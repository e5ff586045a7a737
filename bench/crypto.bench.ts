/**
 * libs/crypto against raw node:crypto, measured in the same run: JWS sign/verify, client
 * assertions, JWE encrypt/decrypt (each interleaved with its baseline), and the Merkle root of
 * 1,000,000 leaves (median of a few runs).
 */
import { createCipheriv, createDecipheriv, diffieHellman, generateKeyPairSync, hash, randomBytes, sign, verify, type KeyObject } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import {
  CLIENT_ASSERTION_TYP,
  createClientAssertion,
  decryptJwe,
  encryptJwe,
  generateEncryptionKeyPair,
  generateSigningKeyPair,
  importPrivateJwk,
  importPublicJwk,
  merkleLeafHash,
  merkleRoot,
  signJws,
  verifyJws,
  verifyClientAssertion,
  type EncryptionKeyType,
  type JwsAlgorithm,
} from '../libs/crypto/src/index';
import { exampleRequestEnvelope } from '../libs/protocol/src/testing/examples';
import type { BenchRow, Suite } from './report';

/** Per operation: warm-up, then ROUNDS slices of SLICE_MS each for ours and for the baseline, alternating. */
const WARMUP_TIME_MS = 300;
const ROUNDS = 20;
const SLICE_MS = 100;
const ENVELOPE_BYTES = 2048;
const PLAINTEXT_BYTES = 4096;
const MERKLE_LEAVES = 1_000_000;
const MERKLE_RUNS = 3;
const JWS_TYP = 'cicu-request+jws';
const ASSERTION_NODE = '0b6f0c52-4a55-4bb5-9d32-7c4a0c1b6a01';
const ASSERTION_AUDIENCE = 'cicu-hub';
/** RFC 3394 §2.2.3.1 default initial value, as JWE's A256KW uses. */
const AES_KW_IV = Buffer.from('a6a6a6a6a6a6a6a6', 'hex');

interface KeyPair {
  kid: string;
  privateKey: KeyObject;
  publicKey: KeyObject;
}

/** An operation of ours (async, as callers use it) and its synchronous node:crypto baseline, reported as two rows. */
interface Pair {
  label: string;
  /** Our function's name, for the row label. */
  name: string;
  ours: () => Promise<unknown>;
  baseline: () => unknown;
}

function toKeyPair(pair: { kid: string; privateJwk: unknown; publicJwk: unknown }): KeyPair {
  return { kid: pair.kid, privateKey: importPrivateJwk(pair.privateJwk), publicKey: importPublicJwk(pair.publicJwk) };
}

function check(condition: boolean, what: string): void {
  if (!condition) throw new Error(`bench sanity check failed: ${what}`);
}

/** A request envelope (the JWS payload) of about `bytes` bytes, its payload.jwe a real JWE. */
async function envelopeOf(bytes: number): Promise<Uint8Array> {
  const recipient = toKeyPair(await generateEncryptionKeyPair('X25519'));
  // The protocol's own example envelope, so the benchmark signs what the hub will verify.
  const envelope = (jwe: string) => JSON.stringify(exampleRequestEnvelope({ payload: { jwe, digest: `sha256:${hash('sha256', jwe)}` } }));
  const empty = await encryptJwe(new Uint8Array(0), recipient.publicKey, { kid: recipient.kid });
  // Base64url: 4 characters per 3 plaintext bytes.
  const plaintext = randomBytes(Math.max(0, Math.floor(((bytes - envelope(empty).length) * 3) / 4)));
  return new TextEncoder().encode(envelope(await encryptJwe(plaintext, recipient.publicKey, { kid: recipient.kid })));
}

async function jwsPairs(alg: JwsAlgorithm, payload: Uint8Array): Promise<Pair[]> {
  const keys = toKeyPair(await generateSigningKeyPair(alg === 'EdDSA' ? 'Ed25519' : 'P-256'));
  const options = { alg, kid: keys.kid, typ: JWS_TYP };
  const token = await signJws(payload, keys.privateKey, options);
  const [header, body, signature] = token.split('.') as [string, string, string];
  const input = Buffer.from(`${header}.${body}`);
  const signatureBytes = Buffer.from(signature, 'base64url');
  // EdDSA hashes internally (digest null); ES256 is SHA-256 with the JOSE R || S encoding.
  const digest = alg === 'ES256' ? 'sha256' : null;
  const privateKey = alg === 'ES256' ? { key: keys.privateKey, dsaEncoding: 'ieee-p1363' as const } : keys.privateKey;
  const publicKey = alg === 'ES256' ? { key: keys.publicKey, dsaEncoding: 'ieee-p1363' as const } : keys.publicKey;
  const resolve = () => keys.publicKey;
  check(verify(digest, input, publicKey, signatureBytes), `${alg} raw verify of our signature`);
  check(verify(digest, input, publicKey, sign(digest, input, privateKey)), `${alg} raw sign`);
  check((await verifyJws(token, resolve, { typ: JWS_TYP })).kid === keys.kid, `${alg} verifyJws`);

  return [
    { label: `JWS sign ${alg}`, name: 'signJws', ours: () => signJws(payload, keys.privateKey, options), baseline: () => sign(digest, input, privateKey) },
    {
      label: `JWS verify ${alg}`,
      name: 'verifyJws',
      ours: () => verifyJws(token, resolve, { typ: JWS_TYP }),
      baseline: () => verify(digest, input, publicKey, signatureBytes),
    },
  ];
}

/**
 * The hub's first check of every submission: a node's Ed25519 client assertion, its key handed
 * over as the public JWK the directory holds (a fresh object per request, as the hub reads it).
 */
async function assertionPairs(): Promise<Pair[]> {
  const pair = await generateSigningKeyPair('Ed25519');
  const publicKey = importPublicJwk(pair.publicJwk);
  const now = new Date();
  const assertion = await createClientAssertion({ iss: ASSERTION_NODE, aud: ASSERTION_AUDIENCE, privateKey: pair.privateJwk, kid: pair.kid, alg: 'EdDSA', now, ttlSeconds: 60 });
  const input = Buffer.from(assertion.slice(0, assertion.lastIndexOf('.')));
  const signature = Buffer.from(assertion.slice(assertion.lastIndexOf('.') + 1), 'base64url');
  const resolve = () => ({ key: { ...pair.publicJwk }, nodeId: ASSERTION_NODE });
  const options = { audience: ASSERTION_AUDIENCE, now, typ: CLIENT_ASSERTION_TYP } as const;
  check(verify(null, input, publicKey, signature), 'assertion raw verify');
  check((await verifyClientAssertion(assertion, resolve, options)).nodeId === ASSERTION_NODE, 'verifyClientAssertion');

  return [
    {
      label: 'Client assertion verify EdDSA',
      name: 'verifyClientAssertion',
      ours: () => verifyClientAssertion(assertion, resolve, options),
      baseline: () => verify(null, input, publicKey, signature),
    },
  ];
}

interface RawJwe {
  epk: KeyObject;
  encryptedKey: Buffer;
  iv: Buffer;
  ciphertext: Buffer;
  tag: Buffer;
}

/** ECDH-ES+A256KW / A256GCM minus JOSE: no Concat KDF (Z is the KEK), no header, no base64url. */
function rawEncrypt(type: EncryptionKeyType, recipient: KeyObject, plaintext: Uint8Array, aad: Buffer): RawJwe {
  const ephemeral = type === 'X25519' ? generateKeyPairSync('x25519') : generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  const kek = diffieHellman({ privateKey: ephemeral.privateKey, publicKey: recipient });
  const cek = randomBytes(32);
  const iv = randomBytes(12);
  const wrap = createCipheriv('id-aes256-wrap', kek, AES_KW_IV);
  const encryptedKey = Buffer.concat([wrap.update(cek), wrap.final()]);
  const gcm = createCipheriv('aes-256-gcm', cek, iv).setAAD(aad);
  const ciphertext = Buffer.concat([gcm.update(plaintext), gcm.final()]);
  return { epk: ephemeral.publicKey, encryptedKey, iv, ciphertext, tag: gcm.getAuthTag() };
}

function rawDecrypt(recipient: KeyObject, jwe: RawJwe, aad: Buffer): Buffer {
  const kek = diffieHellman({ privateKey: recipient, publicKey: jwe.epk });
  const unwrap = createDecipheriv('id-aes256-wrap', kek, AES_KW_IV);
  const cek = Buffer.concat([unwrap.update(jwe.encryptedKey), unwrap.final()]);
  const gcm = createDecipheriv('aes-256-gcm', cek, jwe.iv).setAAD(aad).setAuthTag(jwe.tag);
  return Buffer.concat([gcm.update(jwe.ciphertext), gcm.final()]);
}

async function jwePairs(type: EncryptionKeyType, plaintext: Uint8Array): Promise<Pair[]> {
  const keys = toKeyPair(await generateEncryptionKeyPair(type));
  const options = { kid: keys.kid };
  const token = await encryptJwe(plaintext, keys.publicKey, options);
  // The same additional authenticated data as a JWE: the ASCII of its encoded protected header.
  const aad = Buffer.from(token.slice(0, token.indexOf('.')));
  const raw = rawEncrypt(type, keys.publicKey, plaintext, aad);
  check(rawDecrypt(keys.privateKey, raw, aad).equals(plaintext), `${type} raw round trip`);
  check(Buffer.from((await decryptJwe(token, keys.privateKey)).plaintext).equals(plaintext), `${type} decryptJwe`);

  return [
    { label: `JWE encrypt ${type}`, name: 'encryptJwe', ours: () => encryptJwe(plaintext, keys.publicKey, options), baseline: () => rawEncrypt(type, keys.publicKey, plaintext, aad) },
    { label: `JWE decrypt ${type}`, name: 'decryptJwe', ours: () => decryptJwe(token, keys.privateKey), baseline: () => rawDecrypt(keys.privateKey, raw, aad) },
  ];
}

/**
 * Appends the latency (ms) of each call of `fn` made during about `ms` milliseconds. A promise
 * is awaited; a synchronous baseline is not, so it pays for no microtask.
 */
async function sample(fn: () => unknown, ms: number, into: number[]): Promise<void> {
  const end = performance.now() + ms;
  while (performance.now() < end) {
    const start = performance.now();
    const result = fn();
    if (result instanceof Promise) await result;
    into.push(performance.now() - start);
  }
}

/**
 * Ours and the baseline in alternating slices (which goes first alternates too), so that load
 * from other processes, which comes and goes over seconds on a shared machine, falls on both
 * alike instead of on whichever happened to run during it.
 */
async function measure(pair: Pair): Promise<BenchRow[]> {
  await sample(pair.ours, WARMUP_TIME_MS, []);
  await sample(pair.baseline, WARMUP_TIME_MS, []);
  const ours: number[] = [];
  const baseline: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const slices = [() => sample(pair.ours, SLICE_MS, ours), () => sample(pair.baseline, SLICE_MS, baseline)];
    for (const slice of round % 2 === 0 ? slices : slices.reverse()) await slice();
  }
  const base = latencyRow(`${pair.label}: node:crypto baseline`, baseline);
  return [latencyRow(`${pair.label}: ${pair.name}`, ours, base.meanMs), base];
}

function latencyRow(label: string, latencies: number[], baselineMeanMs?: number): BenchRow {
  const sorted = [...latencies].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] as number;
  const mean = latencies.reduce((a, b) => a + b, 0) / latencies.length;
  return {
    name: label,
    opsPerSec: 1000 / mean,
    meanMs: mean,
    p50Ms: at(0.5),
    p99Ms: latencies.length >= 100 ? at(0.99) : undefined,
    samples: latencies.length.toLocaleString('en-US'),
    ratio: baselineMeanMs === undefined ? undefined : baselineMeanMs / mean,
  };
}

function timeOnce(fn: () => unknown): number {
  const start = performance.now();
  fn();
  return performance.now() - start;
}

function longRow(label: string, times: number[], baselineMedianMs?: number): BenchRow {
  const sorted = [...times].sort((a, b) => a - b);
  const median = sorted[sorted.length >> 1] as number;
  return {
    name: label,
    opsPerSec: 1000 / median,
    meanMs: times.reduce((a, b) => a + b, 0) / times.length,
    p50Ms: median,
    p99Ms: undefined,
    samples: `median of ${times.length}`,
    ratio: baselineMedianMs === undefined ? undefined : baselineMedianMs / median,
  };
}

function merkleRows(): BenchRow[] {
  const entry = Buffer.alloc(64);
  const leaves = Array.from({ length: MERKLE_LEAVES }, (_, i) => {
    entry.writeUInt32BE(i);
    return merkleLeafHash(entry);
  });
  const node = randomBytes(65);
  node[0] = 0x01;
  let sink = 0;
  const rawHashing = () => {
    for (let i = 1; i < MERKLE_LEAVES; i++) sink ^= hash('sha256', node, 'buffer')[0] as number;
  };
  // Alternate baseline and ours so drift in machine load hits both alike.
  const baseline: number[] = [];
  const ours: number[] = [];
  for (let i = 0; i < MERKLE_RUNS; i++) {
    baseline.push(timeOnce(rawHashing));
    ours.push(timeOnce(() => (sink ^= merkleRoot(leaves)[0] as number)));
  }
  check(sink >= 0, 'keep results alive');
  const base = longRow(`raw crypto.hash × ${(MERKLE_LEAVES - 1).toLocaleString('en-US')}`, baseline);
  return [longRow(`merkleRoot ${MERKLE_LEAVES.toLocaleString('en-US')} leaves`, ours, base.p50Ms), base];
}

async function run(): Promise<BenchRow[]> {
  const envelope = await envelopeOf(ENVELOPE_BYTES);
  const plaintext = randomBytes(PLAINTEXT_BYTES);
  const pairs = [
    ...(await jwsPairs('EdDSA', envelope)),
    ...(await jwsPairs('ES256', envelope)),
    ...(await assertionPairs()),
    ...(await jwePairs('X25519', plaintext)),
    ...(await jwePairs('P-256', plaintext)),
  ];
  const rows: BenchRow[] = [];
  for (const pair of pairs) rows.push(...(await measure(pair)));
  return [...rows, ...merkleRows()];
}

export const cryptoSuite: Suite = {
  id: 'crypto',
  title: 'libs/crypto vs node:crypto',
  notes: [
    `JWS payload: a request envelope of about ${ENVELOPE_BYTES.toLocaleString('en-US')} bytes (JSON with a real JWE in payload.jwe), ` +
      `typ ${JWS_TYP}. Our side: signJws / verifyJws with KeyObjects (imported once, as a service holds them), ` +
      'including header checks, strict base64url, duplicate-free JSON and canonical-signature checks, on node:crypto. Baseline: ' +
      'crypto.sign / crypto.verify with the same KeyObject over the same JWS signing input (ES256 with dsaEncoding ieee-p1363); ' +
      'verify reuses one already-decoded signature.',
    'Client assertion: verifyClientAssertion of a node\'s Ed25519 assertion (about 400 bytes), its key handed over by the ' +
      'resolver as a new copy of the public JWK on every call, as the hub\'s directory does (the JWK is checked each time, its ' +
      'import remembered), claims parsed and checked. Baseline: crypto.verify over the same signing input with a KeyObject.',
    `JWE: ${PLAINTEXT_BYTES.toLocaleString('en-US')}-byte plaintext, ECDH-ES+A256KW / A256GCM with kid. Baseline encrypt: ephemeral key ` +
      'pair (generateKeyPairSync), crypto.diffieHellman, random 256-bit CEK and 96-bit IV, CEK wrap with id-aes256-wrap (Z used ' +
      'directly as the KEK), AES-256-GCM of the plaintext with the header as AAD. Baseline decrypt: diffieHellman with the ' +
      'ephemeral public KeyObject (no epk parsing), unwrap, GCM decrypt. Not in the baseline, so counted as our overhead: ' +
      'the Concat KDF (one SHA-256), JSON header and base64url encoding/parsing, the epk export (encrypt) or checks and ' +
      'import (decrypt; a P-256 epk goes straight to ECDH.computeSecret, which checks the point), key checks.',
    'Ours run synchronously on node:crypto inside async functions (one await per call, as callers use them); the baselines ' +
      `are plain synchronous calls. Each operation and its baseline are timed per call in ${ROUNDS} alternating slices of ` +
      `${SLICE_MS} ms each (after a ${WARMUP_TIME_MS} ms warm-up), so load from other processes on a shared machine falls on both ` +
      'alike; it still shows in p99 and in the absolute figures.',
    `Merkle: RFC 9162 root of ${MERKLE_LEAVES.toLocaleString('en-US')} precomputed leaf hashes, run ${MERKLE_RUNS} times alternating ` +
      `with the baseline; the median is reported. Baseline: ${(MERKLE_LEAVES - 1).toLocaleString('en-US')} calls of ` +
      "crypto.hash('sha256', 65-byte buffer): the interior-node hashing no implementation using node:crypto can avoid.",
  ],
  run,
};
