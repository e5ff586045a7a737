import { spawn } from 'node:child_process';
import { resolve } from 'node:path';

/**
 * libs/crypto generates keys on every encryption (the ephemeral key) and at a node's or the
 * hub's first start, rotation and enrolment. On Node 20, exporting a fresh KeyObject to a JWK
 * could freeze the process for good when a full GC landed in the export
 * (libs/crypto/src/keys/jwk-keygen.ts). Each operation runs here in its own process under
 * `--gc-global --max-semi-space-size=1`, where GCs are full and frequent: with the old code an
 * encrypting process froze in 6 of 8 such runs of 8 s. A frozen process never prints
 * its count and is killed at the deadline.
 */
const PROBE = resolve(__dirname, 'support/crypto-under-full-gc.probe.ts');
const RUN_MS = 8_000;
const DEADLINE_MS = 25_000;

function probe(mode: 'encrypt' | 'generate'): Promise<{ code: number | null; signal: NodeJS.Signals | null; out: string; err: string }> {
  const child = spawn(process.execPath, ['--gc-global', '--max-semi-space-size=1', '-r', '@swc-node/register', PROBE, mode, String(RUN_MS)], {
    cwd: resolve(__dirname, '..'),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
  const deadline = setTimeout(() => child.kill('SIGKILL'), DEADLINE_MS);
  return new Promise((done) =>
    child.on('close', (code, signal) => {
      clearTimeout(deadline);
      done({ code, signal, out, err });
    }),
  );
}

describe('key generation under full GCs', () => {
  it('neither encrypting nor generating key pairs freezes the process', async () => {
    // Both at once: one process per core, the run stays at RUN_MS.
    const [encrypt, generate] = await Promise.all([probe('encrypt'), probe('generate')]);
    for (const result of [encrypt, generate]) {
      expect({ signal: result.signal, code: result.code, err: result.err }).toEqual({ signal: null, code: 0, err: '' });
    }
    // Enough operations for a freeze to have had its chances (each is one key generated, or three).
    expect(Number(encrypt.out)).toBeGreaterThan(5_000);
    expect(Number(generate.out)).toBeGreaterThan(500);
  });
});
