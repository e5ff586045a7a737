import { readFile, stat } from 'node:fs/promises';
import { DirectoryError } from '../directory.errors';
import { type DirectorySeed } from './directory-seed.schema';
import { validateDirectorySeed } from './validate-directory-seed';

/** A seed describes tens of units; anything this large is not one. */
const MAX_SEED_BYTES = 5 * 1024 * 1024;

/** Reads, parses and validates the seed file; every failure names the file and each problem. */
export async function readDirectorySeed(file: string): Promise<DirectorySeed> {
  let text: string;
  try {
    if ((await stat(file)).size > MAX_SEED_BYTES) throw new DirectoryError('SEED_INVALID', `Directory seed ${file} is larger than ${MAX_SEED_BYTES} bytes`);
    text = await readFile(file, 'utf8');
  } catch (cause) {
    if (cause instanceof DirectoryError) throw cause;
    throw new DirectoryError(
      'SEED_NOT_FOUND',
      `Directory seed ${file} cannot be read (${(cause as NodeJS.ErrnoException).code ?? 'error'}); the directory is empty and is filled from DIRECTORY_SEED_FILE at the first start`,
      { cause },
    );
  }
  return parseDirectorySeed(text, file);
}

/** Parses and validates seed text; `source` names it in errors. */
export function parseDirectorySeed(text: string, source: string): DirectorySeed {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (cause) {
    throw new DirectoryError('SEED_INVALID', `Directory seed ${source} is not valid JSON: ${(cause as Error).message}`, { cause });
  }
  const { seed, problems } = validateDirectorySeed(value);
  if (seed === undefined) {
    throw new DirectoryError('SEED_INVALID', `Directory seed ${source} is invalid, nothing was loaded:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
  return seed;
}
