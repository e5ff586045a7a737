import { readFile } from 'node:fs/promises';
import { type ValidationIssue } from '@cicu/protocol';

/**
 * Reads a JSON settings file an operator points a setting at (DEMO_OFFICERS_FILE,
 * DEMO_ADMINS_FILE) and checks it; a bad file is an operator error, said once, naming the
 * setting, the file and each problem (never its contents: it holds passwords).
 */
export async function readCheckedJsonFile<T>(setting: string, path: string, check: (value: unknown) => { ok: true; value: T } | { ok: false; issues: ValidationIssue[] }): Promise<T> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(await readFile(path, 'utf8'));
  } catch (cause) {
    throw new Error(`${setting} ${path} is not a readable JSON file`, { cause });
  }
  const checked = check(parsed);
  if (!checked.ok) throw new Error(`${setting} ${path}: ${checked.issues.map((i) => `${i.path || '/'} ${i.message}`).join('; ')}`);
  return checked.value;
}
