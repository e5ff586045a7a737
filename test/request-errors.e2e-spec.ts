import { Agent, get as httpGet } from 'node:http';
import { connect } from 'node:net';
import { type Job } from 'bullmq';
import { DataSource } from 'typeorm';
import { v7 } from 'uuid';
import { OutboxService } from '../apps/node/src/cases/outbox/outbox.service';
import { SubmitProcessor } from '../apps/node/src/cases/outbox/submit.processor';
import { type SubmitJobData } from '../apps/node/src/cases/outbox/submit.jobs';
import { SubmitService } from '../apps/node/src/cases/outbox/submit.service';
import { sql } from './support/sql';
import { DE, Exchange, FR } from './support/exchange';

/**
 * Refusals made before any handler of ours runs (the body parser, the router) carry a stable
 * code like all others (RequestErrorFilter), on the hub and on a node, over real HTTP; our own
 * coded refusals and /health's report pass unchanged.
 */
describe('refusals of the HTTP layer', () => {
  let x: Exchange;
  const post = (base: string, path: string, body: string, headers: Record<string, string> = {}) =>
    fetch(`${base}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
  const answer = async (res: Response) => ({ status: res.status, body: (await res.json()) as Record<string, unknown> });

  beforeAll(async () => {
    x = await Exchange.start({ label: 'request_errors', captureLogs: true, logLevel: 'info' });
  });

  afterAll(async () => {
    await x?.close();
  });

  it('answers a body that is not JSON with 400 MALFORMED_JSON, on the hub and on a node, and logs nobody in', async () => {
    for (const [base, path] of [
      [x.url('hub'), '/v1/admin/auth/login'],
      [x.url(FR), '/v1/auth/login'],
    ] as const) {
      expect(await answer(await post(base, path, '{"username": "fr.author", '))).toEqual({ status: 400, body: { code: 'MALFORMED_JSON', message: 'the request body is not valid JSON' } });
    }
    const [{ failed }] = await sql<{ failed: number }>(x.dbs[FR].url, 'SELECT sum(failed_logins)::int AS failed FROM officer');
    expect(failed).toBe(0);
  });

  it('answers what Node\'s HTTP parser refuses (a query over 16 KiB, broken HTTP) with a code too, and closes that connection', async () => {
    // Node wrote a bare "431" or "400" status line with no body for these.
    for (const base of [x.url('hub'), x.url(FR)]) {
      const long = await fetch(`${base}/v1/requests?status=${'a'.repeat(20 * 1024)}`, { headers: x.as('fr.author') });
      expect([long.status, long.headers.get('content-type'), await long.json()]).toEqual([
        431,
        'application/json; charset=utf-8',
        { code: 'HEADERS_TOO_LARGE', message: 'the request line and headers are larger than the server takes (16 KiB)' },
      ]);
    }
    const raw = await new Promise<string>((resolve, reject) => {
      const socket = connect(x.ports[DE], '127.0.0.1', () => socket.write('GET /health HTTP/1.1\r\nHost: x\r\nno colon here\r\n\r\n'));
      let text = '';
      socket.on('data', (chunk) => (text += chunk.toString('latin1')));
      socket.on('close', () => resolve(text));
      socket.on('error', reject);
    });
    expect(raw.split('\r\n')[0]).toBe('HTTP/1.1 400 Bad Request');
    expect(JSON.parse(raw.slice(raw.indexOf('\r\n\r\n') + 4))).toEqual({ code: 'MALFORMED_HTTP', message: 'the request is not well-formed HTTP/1.1' });
    // The server still answers the next connection.
    expect((await fetch(`${x.url(DE)}/health`)).status).toBe(200);
    // On a keep-alive connection that has answered before, the refusal is still sent (not a reset).
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    const onOneConnection = (path: string) =>
      new Promise<{ status: number; body: string; socket: unknown }>((resolve, reject) => {
        const req = httpGet({ host: '127.0.0.1', port: x.ports[DE], path, agent }, (res) => {
          let body = '';
          res.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
          res.on('end', () => resolve({ status: res.statusCode!, body, socket: req.socket }));
        });
        req.on('error', reject);
      });
    try {
      const first = await onOneConnection('/health');
      const second = await onOneConnection(`/health?x=${'a'.repeat(20 * 1024)}`);
      expect([first.status, second.status, JSON.parse(second.body).code, second.socket === first.socket]).toEqual([200, 431, 'HEADERS_TOO_LARGE', true]);
    } finally {
      agent.destroy();
    }
  });

  it('answers a body over the parser limit with 413 BODY_TOO_LARGE, and a charset it cannot read with 415 UNSUPPORTED_ENCODING', async () => {
    const big = JSON.stringify({ username: 'x'.repeat(2 * 1024 * 1024), password: 'y' });
    expect(await answer(await post(x.url(FR), '/v1/auth/login', big))).toEqual({ status: 413, body: { code: 'BODY_TOO_LARGE', message: 'the request body is larger than this route accepts' } });
    expect(await answer(await post(x.url('hub'), '/v1/admin/auth/login', big))).toMatchObject({ status: 413, body: { code: 'BODY_TOO_LARGE' } });
    const latin = await post(x.url(DE), '/v1/auth/login', '{}', { 'content-type': 'application/json; charset=x-unknown' });
    expect(await answer(latin)).toEqual({ status: 415, body: { code: 'UNSUPPORTED_ENCODING', message: 'the request body is in a charset this route does not read' } });
  });

  it('answers an unknown route with 404 NOT_FOUND, and a broken percent-encoding in a path parameter with 400 MALFORMED_URL', async () => {
    expect(await answer(await fetch(`${x.url('hub')}/v1/no-such-route`))).toEqual({ status: 404, body: { code: 'NOT_FOUND', message: 'Cannot GET /v1/no-such-route' } });
    const broken = await fetch(`${x.url(FR)}/v1/requests/%E0%A4%A`, { headers: x.as('fr.author') });
    expect(await answer(broken)).toEqual({ status: 400, body: { code: 'MALFORMED_URL', message: 'the request path is not validly percent-encoded' } });
  });

  it('refuses U+0000 and unpaired surrogates in a body, a query or a path with 400 VALIDATION, on a node and on the hub, and stores nothing', async () => {
    const count = async () => (await sql<{ n: number }>(x.dbs[FR].url, 'SELECT count(*)::int AS n FROM outgoing_request'))[0]!.n;
    const before = await count();
    // Passport's strategies are per process: FR's officer tokens are checked by FR's.
    x.useStrategiesOf(FR);
    const officer = { ...x.as('fr.author'), 'content-type': 'application/json' };
    for (const summaryOfFacts of ['a\u0000b', 'x\ud800y']) {
      const body = JSON.stringify(x.draftBody('ISP_SUBSCRIBER', { summaryOfFacts }));
      for (const path of ['/v1/requests', '/v1/requests/check']) {
        const refused = await answer(await post(x.url(FR), path, body, officer));
        expect(refused).toMatchObject({ status: 400, body: { code: 'VALIDATION', issues: [{ path: '/summaryOfFacts', code: 'text' }] } });
      }
    }
    // Not text at all: an object that cannot be turned into a string (it answered a bare 500).
    const partnerObject = JSON.stringify(x.draftBody('ISP_SUBSCRIBER', { partnerUnit: { toString: 1 } }));
    const partnerIssue = expect.arrayContaining([expect.objectContaining({ path: '/partnerUnit' })]);
    expect(await answer(await post(x.url(FR), '/v1/requests', partnerObject, officer))).toMatchObject({ status: 400, body: { code: 'VALIDATION', issues: partnerIssue } });
    // The check answers what a draft would get, as a result.
    expect(await answer(await post(x.url(FR), '/v1/requests/check', partnerObject, officer))).toMatchObject({ status: 200, body: { valid: false, code: 'VALIDATION', issues: partnerIssue } });
    // A field a draft does not have is refused, not ignored: a dueAt sent would seem to be taken (the due date is the agreement's).
    const extra = JSON.stringify(x.draftBody('ISP_SUBSCRIBER', { dueAt: '2030-01-01T00:00:00Z' }));
    const extraIssue = [{ path: '/dueAt', code: 'additionalProperties', message: 'is not a field of a draft' }];
    expect(await answer(await post(x.url(FR), '/v1/requests', extra, officer))).toEqual({ status: 400, body: { code: 'VALIDATION', message: 'the body has fields a draft does not have', issues: extraIssue } });
    expect(await answer(await post(x.url(FR), '/v1/requests/check', extra, officer))).toEqual({ status: 200, body: { valid: false, code: 'VALIDATION', issues: extraIssue } });
    expect(await answer(await post(x.url(FR), '/v1/requests/check', '[]', officer))).toMatchObject({ status: 400, body: { code: 'VALIDATION' } });
    expect(await count()).toBe(before);
    expect(await answer(await fetch(`${x.url(FR)}/v1/requests?status=%00`, { headers: x.as('fr.author') }))).toMatchObject({ status: 400, body: { code: 'VALIDATION' } });
    // A status that is none (a misspelling, or two of them) is refused, not answered with an empty list;
    // so is a parameter the route does not define (a misspelt status listed every request).
    const listed = async (path: string) => {
      const { status, body } = await answer(await fetch(`${x.url(FR)}${path}`, { headers: x.as('fr.author') }));
      return status === 400 ? { status, code: body['code'], issues: (body['issues'] as { path: string; code: string }[]).map((i) => `${i.path} ${i.code}`) } : { status };
    };
    expect(await listed('/v1/requests?status=bogus')).toEqual({ status: 400, code: 'VALIDATION', issues: ['/status enum'] });
    expect(await listed('/v1/requests?status=')).toEqual({ status: 400, code: 'VALIDATION', issues: ['/status enum'] });
    expect(await listed('/v1/requests?status=drafted&status=submitted')).toEqual({ status: 400, code: 'VALIDATION', issues: ['/status type', '/status enum'] });
    expect(await listed('/v1/requests?stauts=drafted')).toEqual({ status: 400, code: 'VALIDATION', issues: [' additionalProperties'] });
    expect(await listed('/v1/incoming?mien=true')).toEqual({ status: 400, code: 'VALIDATION', issues: [' additionalProperties'] });
    expect(await listed('/v1/incoming?mine=yes')).toEqual({ status: 400, code: 'VALIDATION', issues: ['/mine enum'] });
    expect(await listed('/v1/requests?status=drafted&mine=true')).toEqual({ status: 200 });
    expect(await listed('/v1/incoming?mine=false')).toEqual({ status: 200 });
    expect(await answer(await fetch(`${x.url(FR)}/v1/requests/${'-'.repeat(35)}%00`, { headers: x.as('fr.author') }))).toMatchObject({ status: 400, body: { code: 'VALIDATION' } });
    const login = await answer(await post(x.url('hub'), '/v1/admin/auth/login', JSON.stringify({ username: 'demo\u0000', password: 'x'.repeat(12) })));
    expect(login).toMatchObject({ status: 400, body: { code: 'VALIDATION', issues: [{ path: '/username', code: 'text' }] } });
  });

  it('answers an error no filter knows with 500 INTERNAL, and logs its type and SQLSTATE, never the values of its statement', async () => {
    const canary = 'Jane Canary 203.0.113.99';
    const outbox = x.apps[FR]!.get(OutboxService);
    const database = x.apps[FR]!.get(DataSource);
    const detail = outbox.detail.bind(outbox);
    x.useStrategiesOf(FR);
    // A statement PostgreSQL refuses, with a person's data among its parameters.
    outbox.detail = async () => database.query('SELECT $1::uuid AS id, $2::jsonb AS payload', [canary, JSON.stringify({ name: canary })]);
    try {
      const failed = await fetch(`${x.url(FR)}/v1/requests/${'0'.repeat(8)}-0000-7000-8000-${'0'.repeat(12)}`, { headers: x.as('fr.author') });
      expect(await answer(failed)).toEqual({ status: 500, body: { code: 'INTERNAL', message: 'internal error' } });
    } finally {
      outbox.detail = detail;
    }
    const lines = x.logs.map((line) => JSON.parse(line) as { msg?: string; err?: { type?: string; db?: { code?: string } } });
    expect(lines.filter((l) => l.msg === 'unhandled error').map((l) => [l.err?.type, l.err?.db?.code])).toEqual([['QueryFailedError', '22P02']]);
    expect(x.logs.join('\n')).not.toContain('Jane Canary');
  });

  it('logs a job\'s failure with the error under err (masked as every log line\'s), not its message in the text', async () => {
    const canary = 'Jane Canary 203.0.113.98';
    const database = x.apps[FR]!.get(DataSource);
    const failure = await database.query('SELECT $1::uuid AS id', [canary]).then(() => undefined, (error: unknown) => error);
    const submissions = x.apps[FR]!.get(SubmitService);
    const submit = submissions.submit;
    submissions.submit = () => Promise.reject(failure);
    try {
      const job = { data: { table: 'request', id: v7() }, attemptsMade: 0 } as unknown as Job<SubmitJobData>;
      await expect(x.apps[FR]!.get(SubmitProcessor).process(job)).rejects.toBe(failure);
    } finally {
      submissions.submit = submit;
    }
    const lines = x.logs.map((line) => JSON.parse(line) as { msg?: string; err?: { type?: string; db?: { code?: string } } });
    expect(lines.filter((l) => l.msg === 'submission failed, will retry').map((l) => [l.err?.type, l.err?.db?.code])).toEqual([['QueryFailedError', '22P02']]);
    expect(x.logs.join('\n')).not.toContain('Jane Canary');
  });

  it('leaves coded refusals and the health report as they were', async () => {
    expect(await answer(await post(x.url(FR), '/v1/auth/login', '{}'))).toMatchObject({ status: 400, body: { code: 'VALIDATION' } });
    expect(await answer(await fetch(`${x.url(FR)}/v1/auth/me`))).toMatchObject({ status: 401, body: { code: 'UNAUTHENTICATED' } });
    expect(await answer(await fetch(`${x.url('hub')}/health`))).toMatchObject({ status: 200, body: { status: 'ok' } });
  });
});
