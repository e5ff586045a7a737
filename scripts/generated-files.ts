/**
 * Generated artefacts (JSON Schemas, OpenAPI documents, their TypeScript types) are
 * committed so that other implementers can read them; these helpers write them and tell
 * CI when a committed file no longer matches the code.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface FileDrift {
  file: string;
  problem: 'missing' | 'differs' | 'stale';
}

/** Compares the files of `dir` that `owned` matches with the expected contents. */
export function findDrift(dir: string, expected: Record<string, string>, owned: RegExp): FileDrift[] {
  const present = existsSync(dir) ? readdirSync(dir).filter((file) => owned.test(file)) : [];
  const drift: FileDrift[] = [];
  for (const [file, content] of Object.entries(expected)) {
    if (!present.includes(file)) drift.push({ file, problem: 'missing' });
    else if (readFileSync(join(dir, file), 'utf8') !== content) drift.push({ file, problem: 'differs' });
  }
  for (const file of present) if (!(file in expected)) drift.push({ file, problem: 'stale' });
  return drift;
}

/** Brings `dir` in line with `expected` (stale owned files are removed); returns what changed. */
export function writeFiles(dir: string, expected: Record<string, string>, owned: RegExp): FileDrift[] {
  const drift = findDrift(dir, expected, owned);
  mkdirSync(dir, { recursive: true });
  for (const { file, problem } of drift) {
    if (problem === 'stale') unlinkSync(join(dir, file));
    else writeFileSync(join(dir, file), expected[file] ?? '');
  }
  return drift;
}

/** The shared command line: write by default, `--check` exits 1 on any drift. */
export function runGenerator(argv: readonly string[], label: string, dir: string, expected: Record<string, string>, owned: RegExp, fixCommand: string): number {
  if (argv.includes('--check')) {
    const drift = findDrift(dir, expected, owned);
    for (const { file, problem } of drift) console.error(`${label}/${file}: ${problem}`);
    if (drift.length > 0) {
      console.error(`${label} drifted from the code: run \`${fixCommand}\` and commit the result.`);
      return 1;
    }
    console.log(`${label}: ${Object.keys(expected).length} files up to date`);
    return 0;
  }
  const changed = writeFiles(dir, expected, owned);
  for (const { file, problem } of changed) console.log(`${label}/${file}: ${problem === 'stale' ? 'removed' : 'written'}`);
  if (changed.length === 0) console.log(`${label}: already up to date`);
  return 0;
}
