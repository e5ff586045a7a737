import { stdSerializers } from 'pino';
import { DatabaseError } from 'pg-protocol';
import { QueryFailedError } from 'typeorm';
import { safeError } from './safe-error';

/** pg's error for a jsonb value with U+0000, as the server sends it (fields as pg-protocol parses them). */
function jsonbNulError(): DatabaseError {
  const error = new DatabaseError('unsupported Unicode escape sequence', 120, 'error');
  Object.assign(error, {
    severity: 'ERROR',
    code: '22P05',
    detail: '\\u0000 cannot be converted to text.',
    where: 'JSON data, line 1: {"summaryOfFacts":"Jane Canary at 203.0.113.99\\u0000...',
    routine: 'json_errsave_error',
  });
  return error;
}

describe('safeError (what a log line says of an error)', () => {
  it("keeps a database error's type, SQLSTATE and schema names, never its statement, parameters, detail or context", () => {
    const error = new QueryFailedError('INSERT INTO outgoing_request (payload) VALUES ($1)', [{ subject: { name: 'Jane Canary', ip: '203.0.113.99' } }], jsonbNulError());
    const logged = safeError(error);
    expect(logged).toMatchObject({ type: 'QueryFailedError', message: 'unsupported Unicode escape sequence', code: '22P05', db: { code: '22P05', severity: 'ERROR', routine: 'json_errsave_error' } });
    const text = JSON.stringify(logged);
    for (const secret of ['Jane Canary', '203.0.113.99', 'INSERT INTO', 'cannot be converted']) expect(text).not.toContain(secret);
    expect((logged as { stack: string }).stack).toMatch(/^QueryFailedError: unsupported Unicode escape sequence\n\s+at /);
    // pino-http hands a custom err serializer what pino's standard one made of the error.
    expect(safeError(stdSerializers.err(error))).toEqual(logged);
  });

  it('masks the value PostgreSQL quotes in its message, in the message and in the stack', () => {
    const driver = Object.assign(new DatabaseError('invalid input syntax for type uuid: "Jane Canary"', 90, 'error'), { severity: 'ERROR', code: '22P02', routine: 'string_to_uuid' });
    const logged = safeError(new QueryFailedError('SELECT $1::uuid', ['Jane Canary'], driver));
    expect(logged).toMatchObject({ message: 'invalid input syntax for type uuid: "…"', db: { code: '22P02' } });
    expect(JSON.stringify(logged)).not.toContain('Jane Canary');
    // pg's own error, without TypeORM around it, is recognised too.
    expect(JSON.stringify(safeError(driver))).not.toContain('Jane Canary');
  });

  it('keeps other errors as they are (type, message, code, frames) and follows their cause', () => {
    const cause = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:6379'), { code: 'ECONNREFUSED', address: '127.0.0.1' });
    const logged = safeError(new Error('the hub cannot be reached', { cause }));
    expect(logged).toMatchObject({ type: 'Error', message: 'the hub cannot be reached', cause: { type: 'Error', message: 'connect ECONNREFUSED 127.0.0.1:6379', code: 'ECONNREFUSED' } });
    expect(logged).not.toHaveProperty('cause.address');
    expect(safeError('plain text')).toBe('plain text');
    expect(safeError({ parameters: ['Jane Canary'] })).toBe('non-error value (object)');
  });
});
