import { type ValidationResult } from '../validate';

/** The [path, code] pairs of a failed validation ([] when it passed), for compact assertions. */
export function issuesOf(result: ValidationResult<unknown>): Array<[string, string]> {
  return result.ok ? [] : result.errors.map((issue) => [issue.path, issue.code]);
}
