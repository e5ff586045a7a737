/**
 * Writes the JSON Schemas of libs/protocol to openapi/schemas/<name>.schema.json.
 *
 *   node -r @swc-node/register scripts/write-schemas.ts          write (and remove stale schema files)
 *   node -r @swc-node/register scripts/write-schemas.ts --check  exit 1 when a file differs from the code
 */
import { resolve } from 'node:path';
import { renderSchemaFiles } from '../libs/protocol/src/index';
import { type FileDrift, findDrift, runGenerator, writeFiles } from './generated-files';

export const SCHEMA_DIR = resolve(__dirname, '..', 'openapi', 'schemas');
const SCHEMA_FILE = /\.schema\.json$/;

/** Compares the files in `dir` with what the code renders; pure apart from reading `dir`. */
export function findSchemaDrift(dir: string, expected: Record<string, string> = renderSchemaFiles()): FileDrift[] {
  return findDrift(dir, expected, SCHEMA_FILE);
}

export function writeSchemaFiles(dir: string, expected: Record<string, string> = renderSchemaFiles()): FileDrift[] {
  return writeFiles(dir, expected, SCHEMA_FILE);
}

if (require.main === module) {
  process.exitCode = runGenerator(process.argv.slice(2), 'openapi/schemas', SCHEMA_DIR, renderSchemaFiles(), SCHEMA_FILE, 'npm run schemas:write');
}
