import { type ErrorObject, type ValidateFunction } from 'ajv/dist/2020';
import { type TSchema, type Static } from '@sinclair/typebox';
import { createProtocolAjv, MAX_ISSUES, type ValidationIssue } from '@cicu/protocol';
import { illFormedTextPath, TEXT_ISSUE_MESSAGE } from './well-formed-text.pipe';

let ajv: ReturnType<typeof createProtocolAjv> | undefined;

/**
 * Compiles a TypeBox schema once, on first use, with the protocol's ajv (strict, all errors),
 * and returns a checker that yields the value typed, or the issues found (a string with U+0000
 * or an unpaired surrogate is one: WellFormedTextPipe).
 */
export function schemaChecker<S extends TSchema>(schema: S): (value: unknown) => { ok: true; value: Static<S> } | { ok: false; issues: ValidationIssue[] } {
  let validate: ValidateFunction | undefined;
  return (value) => {
    ajv ??= createProtocolAjv();
    validate ??= ajv.compile(schema);
    if (!validate(value)) return { ok: false, issues: issuesOf(validate.errors) };
    // Also for what no pipe sees (a login guard reads the body itself): text PostgreSQL can store.
    const illFormed = illFormedTextPath(value);
    if (illFormed !== undefined) return { ok: false, issues: [{ path: illFormed, code: 'text', message: TEXT_ISSUE_MESSAGE }] };
    return { ok: true, value: value as Static<S> };
  };
}

// ajv's messages name only schema facts (limits, patterns, allowed values), never the input:
// a password that is too short is not echoed back. Unknown member names are not quoted either.
function issuesOf(errors: readonly ErrorObject[] | null | undefined): ValidationIssue[] {
  return (errors ?? []).slice(0, MAX_ISSUES).map((e) => {
    const missing = e.keyword === 'required' ? `/${String(e.params['missingProperty'])}` : '';
    return { path: `${e.instancePath}${missing}`, code: e.keyword, message: e.message ?? 'is invalid' };
  });
}

/**
 * A checker that returns the value typed, or throws what `refuse` makes of the issues (a
 * coded error listing each wrong field): for request bodies.
 */
export function schemaValidator<S extends TSchema>(schema: S, refuse: (issues: ValidationIssue[]) => Error): (value: unknown) => Static<S> {
  const check = schemaChecker(schema);
  return (value) => {
    const checked = check(value);
    if (!checked.ok) throw refuse(checked.issues);
    return checked.value;
  };
}
