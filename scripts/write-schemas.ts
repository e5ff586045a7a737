/**
 * Writes the JSON Schemas of libs/protocol to openapi/schemas/<name>.schema.json.
 *
 *   node -r @swc-node/register scripts/write-schemas.ts          write (and remove stale schema files)
 *   node -r @swc-node/register scripts/write-schemas.ts --check  exit 1 when a file differs from the code
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { renderSchemaFiles } from '../libs/protocol/src/index';

export const SCHEMA_DIR = resolve(__dirname, '..', 'openapi', 'schemas');
const SCHEMA_FILE = /\.schema\.json$/;

export interface SchemaDrift {
  file: string;
  problem: 'missing' | 'differs' | 'stale';
}

/** Compares the files in `dir` with what the code renders; pure apart from reading `dir`. */
export function findSchemaDrift(dir: string, expected: Record<string, string> = renderSchemaFiles()): SchemaDrift[] {
  const present = existsSync(dir) ? readdirSync(dir).filter((file) => SCHEMA_FILE.test(file)) : [];
  const drift: SchemaDrift[] = [];
  for (const [file, content] of Object.entries(expected)) {
    if (!present.includes(file)) drift.push({ file, problem: 'missing' });
    else if (readFileSync(join(dir, file), 'utf8') !== content) drift.push({ file, problem: 'differs' });
  }
  for (const file of present) if (!(file in expected)) drift.push({ file, problem: 'stale' });
  return drift;
}

export function writeSchemaFiles(dir: string, expected: Record<string, string> = renderSchemaFiles()): SchemaDrift[] {
  const drift = findSchemaDrift(dir, expected);
  mkdirSync(dir, { recursive: true });
  for (const { file, problem } of drift) {
    if (problem === 'stale') unlinkSync(join(dir, file));
    else writeFileSync(join(dir, file), expected[file] ?? '');
  }
  return drift;
}

function main(argv: readonly string[]): number {
  if (argv.includes('--check')) {
    const drift = findSchemaDrift(SCHEMA_DIR);
    for (const { file, problem } of drift) console.error(`openapi/schemas/${file}: ${problem}`);
    if (drift.length > 0) {
      console.error('Schemas drifted from libs/protocol: run `npm run schemas:write` and commit the result.');
      return 1;
    }
    console.log(`openapi/schemas: ${Object.keys(renderSchemaFiles()).length} schemas up to date`);
    return 0;
  }
  const changed = writeSchemaFiles(SCHEMA_DIR);
  for (const { file, problem } of changed) console.log(`openapi/schemas/${file}: ${problem === 'stale' ? 'removed' : 'written'}`);
  if (changed.length === 0) console.log('openapi/schemas: already up to date');
  return 0;
}

if (require.main === module) process.exitCode = main(process.argv.slice(2));
