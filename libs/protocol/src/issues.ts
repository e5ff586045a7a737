import { type ErrorObject } from 'ajv/dist/2020';
import { ORDER_KEYWORD } from './primitives';
import { type ValidationIssue } from './validation-issue';

/**
 * Turns ajv errors into ValidationIssues. Messages are written here, not taken from ajv, so
 * that none can quote the input: they name only schema facts (limits, allowed values,
 * patterns, member names the schema defines). Paths are ajv's instance paths, which the
 * closed schemas (additionalProperties false) keep to defined names and array indices.
 */

/** Stable issue codes. `format.*` codes name the format (see FORMAT_NOUNS). */
export const ISSUE_CODES = [
  'required',
  'additionalProperties',
  'forbidden',
  'type',
  'const',
  'enum',
  'pattern',
  'minLength',
  'maxLength',
  'minimum',
  'maximum',
  'minItems',
  'maxItems',
  'oneOf',
  'anyOf',
  'order',
  'format.date-time',
  'format.date',
  'format.email',
  'format.uri',
  'format.iban',
  'format.payment-card',
  'format.e164',
  'format.ipv4-or-ipv6',
  /** From validateJwsPayload: the JWS typ names no kind, or not the payload's kind. */
  'typ',
  /** From the consistency checks: the payload says otherwise than the envelope. */
  'mismatch',
] as const;
export type IssueCode = (typeof ISSUE_CODES)[number];

/** At most this many issues are returned; a hostile document must not make an unbounded list. */
export const MAX_ISSUES = 100;

const FORMAT_NOUNS: Readonly<Record<string, string>> = {
  'date-time': 'an RFC 3339 date-time',
  date: 'an RFC 3339 full-date',
  email: 'an e-mail address',
  uri: 'an absolute URI',
  iban: 'an IBAN with a valid check digit (ISO 13616, mod-97)',
  'payment-card': 'a card number with a valid Luhn check digit',
  e164: 'a valid phone number in E.164 form',
  ipv4: 'an IPv4 address',
  ipv6: 'an IPv6 address',
};

export function toIssues(errors: readonly ErrorObject[] | null | undefined, rootSchema: unknown): ValidationIssue[] {
  if (!errors) return [];
  // With allErrors, ajv reports every failing branch of a failing oneOf/anyOf before the
  // oneOf/anyOf error itself; one issue per combinator reads better and says the same.
  // Keyed lookups keep this linear: a hostile document can produce many thousands of errors.
  const combinators = new Set(errors.filter((e) => e.keyword === 'oneOf' || e.keyword === 'anyOf').map((e) => `${e.schemaPath}\u0000${e.instancePath}`));
  const kept = errors.filter((e) => e.keyword !== 'if' && !(combinators.size > 0 && insideCombinator(e, combinators)));
  const seen = new Set<string>();
  const issues: ValidationIssue[] = [];
  for (const error of kept) {
    const issue = toIssue(error, rootSchema);
    const key = `${issue.path}\u0000${issue.code}`;
    if (seen.has(key)) continue;
    seen.add(key);
    issues.push(issue);
    if (issues.length === MAX_ISSUES) break;
  }
  return issues;
}

/** True when the error comes from a branch of a oneOf/anyOf that failed as a whole. */
function insideCombinator(error: ErrorObject, combinators: ReadonlySet<string>): boolean {
  const schemaTokens = error.schemaPath.split('/');
  const instanceTokens = error.instancePath.split('/');
  // A branch error lies strictly below the combinator's schema path, at or below its data path.
  for (let s = 1; s < schemaTokens.length - 1; s += 1) {
    if (schemaTokens[s] !== 'oneOf' && schemaTokens[s] !== 'anyOf') continue;
    const schemaPath = schemaTokens.slice(0, s + 1).join('/');
    for (let i = 1; i <= instanceTokens.length; i += 1) {
      if (combinators.has(`${schemaPath}\u0000${instanceTokens.slice(0, i).join('/')}`)) return true;
    }
  }
  return false;
}

function toIssue(error: ErrorObject, rootSchema: unknown): ValidationIssue {
  const params = error.params as Record<string, unknown>;
  const path = error.instancePath;
  switch (error.keyword) {
    case 'required':
      return { path: child(path, String(params.missingProperty)), code: 'required', message: 'is required' };
    case 'additionalProperties':
      // The extra member's name is input, possibly personal: point at the object only.
      return { path, code: 'additionalProperties', message: 'must not have members other than those the schema defines' };
    case 'false schema':
      return { path, code: 'forbidden', message: 'must not be present here' };
    case 'type':
      return { path, code: 'type', message: `must be of type ${String(params.type)}` };
    case 'const':
      return { path, code: 'const', message: `must be ${JSON.stringify(params.allowedValue)}` };
    case 'enum': {
      const allowed = params.allowedValues as unknown[];
      const list = allowed.length <= 15 ? `: ${allowed.map((v) => JSON.stringify(v)).join(', ')}` : '';
      return { path, code: 'enum', message: `must be one of the allowed values${list}` };
    }
    case 'pattern':
      return { path, code: 'pattern', message: `must match the pattern ${String(params.pattern)}` };
    case 'format': {
      const format = String(params.format);
      return { path, code: `format.${format}`, message: `must be ${FORMAT_NOUNS[format] ?? `a valid ${format}`}` };
    }
    case 'minLength':
      return { path, code: 'minLength', message: `must have at least ${String(params.limit)} characters` };
    case 'maxLength':
      return { path, code: 'maxLength', message: `must have at most ${String(params.limit)} characters` };
    case 'minimum':
    case 'maximum':
      return { path, code: error.keyword, message: `must be ${error.keyword === 'minimum' ? '>=' : '<='} ${String(params.limit)}` };
    case 'minItems':
      return { path, code: 'minItems', message: `must have at least ${String(params.limit)} items` };
    case 'maxItems':
      return { path, code: 'maxItems', message: `must have at most ${String(params.limit)} items` };
    case 'oneOf':
    case 'anyOf':
      return combinatorIssue(error, rootSchema);
    case ORDER_KEYWORD: {
      const { earlier, later, allowEqual } = params as { earlier: string; later: string; allowEqual: boolean };
      return { path: child(path, later), code: 'order', message: allowEqual ? `must not be earlier than ${earlier}` : `must be later than ${earlier}` };
    }
    default:
      return { path, code: error.keyword, message: 'is invalid' };
  }
}

/** Names the alternatives from the schema itself: "exactly one of: iban, cardNumber", "IPv4 or IPv6". */
function combinatorIssue(error: ErrorObject, rootSchema: unknown): ValidationIssue {
  const keyword = error.keyword as 'oneOf' | 'anyOf';
  const branches = resolvePointer(rootSchema, error.schemaPath);
  const path = error.instancePath;
  if (Array.isArray(branches)) {
    const required = branches.map((b: unknown) => (isRecord(b) && Array.isArray(b.required) && b.required.length === 1 ? String(b.required[0]) : undefined));
    if (required.every((name) => name !== undefined)) {
      return { path, code: keyword, message: `must contain ${keyword === 'oneOf' ? 'exactly' : 'at least'} one of: ${required.join(', ')}` };
    }
    const formats = branches.map((b: unknown) => (isRecord(b) && typeof b.format === 'string' && Object.keys(b).length === 1 ? b.format : undefined));
    if (formats.every((name) => name !== undefined)) {
      return { path, code: `format.${formats.join('-or-')}`, message: `must be ${formats.map((f) => FORMAT_NOUNS[f] ?? f).join(' or ')}` };
    }
  }
  return { path, code: keyword, message: keyword === 'oneOf' ? 'must match exactly one of the allowed shapes' : 'must match at least one of the allowed shapes' };
}

function resolvePointer(root: unknown, fragment: string): unknown {
  if (!fragment.startsWith('#')) return undefined;
  let node = root;
  for (const raw of fragment.slice(1).split('/').slice(1)) {
    const token = decodeURIComponent(raw).replace(/~1/g, '/').replace(/~0/g, '~');
    if (!isRecord(node) && !Array.isArray(node)) return undefined;
    node = (node as Record<string, unknown>)[token];
  }
  return node;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Appends a member name to a JSON Pointer (RFC 6901 escaping). */
export function child(pointer: string, name: string | number): string {
  return `${pointer}/${String(name).replace(/~/g, '~0').replace(/\//g, '~1')}`;
}
