import { types } from 'node:util';

/**
 * What a log line says of an error: its type, message, code and stack frames, and its cause
 * the same way. Nothing else of it. pino's default serializer copies every enumerable field,
 * and TypeORM's QueryFailedError carries the statement's `parameters` (a request's decrypted
 * payload, an officer's name) and pg's `where` (the JSON text around a bad character); pg's
 * `detail` quotes the offending value ("Key (x)=(...) already exists").
 *
 * A database error's message and stack are masked too: PostgreSQL quotes the value it refused
 * ('invalid input syntax for type uuid: "…"'). Its schema names (table, column, constraint),
 * SQLSTATE and routine are kept: they say what failed without saying with what.
 */
export interface SafeError {
  type: string;
  message: string;
  code?: string | number;
  db?: Partial<Record<(typeof DATABASE_FIELDS)[number], string>>;
  stack?: string;
  cause?: SafeError | string;
}

const DATABASE_FIELDS = ['code', 'severity', 'routine', 'schema', 'table', 'column', 'constraint', 'dataType'] as const;
const MAX_CAUSES = 3;

export function safeError(value: unknown, depth = 0): SafeError | string {
  const error = errorOf(value);
  if (error === undefined) return typeof value === 'string' ? value : `non-error value (${value === null ? 'null' : typeof value})`;
  const { type, fields } = error;
  const database = databaseErrorOf(fields);
  const mask = database === undefined ? (text: string) => text : maskQuoted;
  const message = mask(error.message);
  const code = fields['code'];
  const safe: SafeError = { type, message };
  if (typeof code === 'string' || typeof code === 'number') safe.code = code;
  if (database !== undefined) safe.db = pick(database);
  if (typeof fields['stack'] === 'string') safe.stack = [`${type}: ${message}`, ...framesOf(fields['stack'])].join('\n');
  if (fields['cause'] !== undefined && depth < MAX_CAUSES) safe.cause = safeError(fields['cause'], depth + 1);
  return safe;
}

/**
 * An Error (also one made in another realm, as under Jest), or what pino-std-serializers made
 * of one: pino-http wraps a custom `err` serializer, so it is handed `{ type, message, stack,
 * ...every enumerable field }` rather than the error.
 */
function errorOf(value: unknown): { type: string; message: string; fields: Record<string, unknown> } | undefined {
  if (value instanceof Error || types.isNativeError(value)) {
    const error = value as Error;
    return { type: error.constructor?.name ?? error.name, message: error.message, fields: { ...error, stack: error.stack, cause: error.cause } as Record<string, unknown> };
  }
  if (typeof value !== 'object' || value === null) return undefined;
  const fields = value as Record<string, unknown>;
  return typeof fields['type'] === 'string' && typeof fields['message'] === 'string' ? { type: fields['type'], message: fields['message'], fields } : undefined;
}

/** pg's DatabaseError, or TypeORM's QueryFailedError around one (its `driverError`). */
function databaseErrorOf(fields: Record<string, unknown>): Record<string, unknown> | undefined {
  const driverError = fields['driverError'];
  if (typeof driverError === 'object' && driverError !== null) return driverError as Record<string, unknown>;
  return typeof fields['severity'] === 'string' && typeof fields['routine'] === 'string' ? fields : undefined;
}

function pick(fields: Record<string, unknown>): SafeError['db'] {
  const kept: NonNullable<SafeError['db']> = {};
  for (const name of DATABASE_FIELDS) if (typeof fields[name] === 'string') kept[name] = fields[name];
  return kept;
}

/** Quoted runs, where PostgreSQL puts the value it refused. */
function maskQuoted(text: string): string {
  return text.replace(/"[^"]*"|'[^']*'/g, '"…"');
}

/** The stack's frame lines only: its first lines repeat the message, unmasked. */
function framesOf(stack: string): string[] {
  return stack.split('\n').filter((line) => /^\s+at /.test(line));
}
