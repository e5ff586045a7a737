import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { exampleFinding } from '../libs/protocol/src/testing/examples';
import { TreeHeadService } from '../apps/hub/src/audit/tree-heads/tree-head.service';
import { AuditMonitorService } from '../apps/node/src/audit-monitor/audit-monitor.service';
import { DE, Exchange, FR, waitFor } from './support/exchange';
import { sql } from './support/sql';

jest.setTimeout(60_000);

// What the officers' web app needs of the node beyond the exchange routes: dashboard counts,
// checks as the officer types, own lists, assignment, the proofs of a request, and the app
// itself served at / (docs/adr-web-ui.md). Real hub + FR + DE, PostgreSQL, Redis and HTTP.
describe('the node API behind the officers\' web app', () => {
  let x: Exchange;
  let webDir: string;

  beforeAll(async () => {
    // A stand-in for Vite's output: what the middleware serves does not depend on React.
    webDir = mkdtempSync(join(tmpdir(), 'cicu-web-'));
    mkdirSync(join(webDir, 'assets'));
    writeFileSync(join(webDir, 'index.html'), '<!doctype html><meta property="csp-nonce" nonce="__CSP_NONCE__"><script type="module" src="/assets/app-1a2b.js" nonce="__CSP_NONCE__"></script>');
    writeFileSync(join(webDir, 'assets', 'app-1a2b.js'), 'console.log("app")');
    writeFileSync(join(webDir, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
    // DE names a directory with no build in it: the default (apps/node/web/dist) may hold one.
    x = await Exchange.start({ label: 'officer_ui', nodes: { [FR]: { WEB_DIR: webDir }, [DE]: { WEB_DIR: join(webDir, 'not-built') } } });
  }, 120_000);

  afterAll(async () => {
    await x?.close();
    rmSync(webDir, { recursive: true, force: true });
  });

  describe('the web app at /', () => {
    it('serves index.html for page routes with a fresh nonce in a strict CSP, never cached', async () => {
      const first = await x.http(FR).get('/requests/0190a0a0-0000-7000-8000-000000000000').set('Accept', 'text/html').expect(200);
      const second = await x.http(FR).get('/').set('Accept', 'text/html').expect(200);
      const nonceOf = (csp: string) => /'nonce-([A-Za-z0-9+/=]+)'/.exec(csp)?.[1];
      const nonce = nonceOf(first.headers['content-security-policy']);
      expect(nonce).toMatch(/^[A-Za-z0-9+/]{24}$/);
      expect(nonceOf(second.headers['content-security-policy'])).not.toBe(nonce);
      expect(first.text).toContain(`nonce="${nonce}"`);
      expect(first.text).not.toContain('__CSP_NONCE__');
      expect(first.headers['cache-control']).toBe('no-store');
      const csp = first.headers['content-security-policy'] as string;
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("default-src 'none'");
      expect(csp).not.toContain('unsafe-inline');
      expect(csp).not.toContain('unsafe-eval');
    });

    it('serves hashed assets as immutable and other files revalidated', async () => {
      const asset = await x.http(FR).get('/assets/app-1a2b.js').expect(200);
      expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
      expect(asset.headers['content-type']).toMatch(/javascript/);
      expect((await x.http(FR).get('/favicon.svg').expect(200)).headers['cache-control']).toBe('no-cache');
    });

    it('leaves the API, its explorer and unknown files alone', async () => {
      const api = await x.http(FR).get('/v1/nothing-here').set('Accept', 'text/html').expect(404);
      expect(api.headers['content-type']).toMatch(/json/);
      await x.http(FR).get('/v1/dashboard').set('Accept', 'text/html').expect(401);
      await x.http(FR).get('/assets/missing.js').expect(404);
      await x.http(FR).get('/%E0%A4%A').set('Accept', 'text/html').expect(400);
      await x.http(FR).get('/../package.json').expect(404);
      expect((await x.http(FR).get('/health').expect(200)).headers['content-type']).toMatch(/json/);
      // A JSON client asking for a page path gets no HTML.
      await x.http(FR).get('/requests').set('Accept', 'application/json').expect(404);
      // Swagger UI keeps the policy it needs; the API keeps helmet's default.
      expect((await x.http(FR).get('/docs').expect(200)).headers['content-security-policy']).toContain("script-src 'self' 'unsafe-inline'");
      expect((await x.http(FR).get('/health')).headers['content-security-policy']).toContain("script-src 'self';");
    });

    it('serves nothing at / on a node whose web app is not built', async () => {
      await x.http(DE).get('/').set('Accept', 'text/html').expect(404);
    });
  });

  describe('checks as the officer types', () => {
    it('returns the protocol\'s issues of a draft and stores nothing', async () => {
      const before = await sql<{ n: number }>(x.dbs[FR].url, 'SELECT count(*)::int AS n FROM outgoing_request');
      const res = await x.http(FR).post('/v1/requests/check').set(x.as('fr.author')).send(x.draftBody('ISP_SUBSCRIBER', { subject: { ip: 'not-an-ip', timestamp: '2026-01-01T10:00:00Z' }, caseReference: '' })).expect(200);
      expect(res.body.valid).toBe(false);
      expect(res.body.code).toBe('VALIDATION');
      const paths = (res.body.issues as { path: string }[]).map((i) => i.path);
      expect(paths).toEqual(expect.arrayContaining(['/subject/ip', '/nationalReference']));
      expect(JSON.stringify(res.body)).not.toContain('not-an-ip');
      expect(await sql(x.dbs[FR].url, 'SELECT count(*)::int AS n FROM outgoing_request')).toEqual(before);
    });

    it('says which part no agreement covers, and accepts a valid draft', async () => {
      const uncovered = await x.http(FR).post('/v1/requests/check').set(x.as('fr.author')).send(x.draftBody('ISP_SUBSCRIBER', { legalBasisId: 'NO-SUCH-BASIS' })).expect(200);
      expect(uncovered.body).toMatchObject({ valid: false, code: 'NOT_COVERED', part: 'legalBasis' });
      expect((await x.http(FR).post('/v1/requests/check').set(x.as('fr.author')).send(x.draftBody('ISP_SUBSCRIBER')).expect(200)).body).toEqual({ valid: true, issues: [] });
      await x.http(FR).post('/v1/requests/check').set(x.as('fr.author')).send('"text"').set('Content-Type', 'application/json').expect(400);
      await x.http(FR).post('/v1/requests/check').set(x.as('fr.super')).send(x.draftBody('ISP_SUBSCRIBER')).expect(403);
    });
  });

  describe('a request from draft to answer, as the screens see it', () => {
    let id: string;
    let deOfficerId: string;

    it('counts the dashboard per officer and lists own requests', async () => {
      const drafted = await x.http(FR).post('/v1/requests').set(x.as('fr.other')).send(x.draftBody('ISP_SUBSCRIBER')).expect(201);
      id = drafted.body.id;
      const mine = await x.http(FR).get('/v1/dashboard').set(x.as('fr.other')).expect(200);
      expect(mine.body).toEqual({ myRequests: { total: 1, byStatus: { awaiting_approval: 1 }, overdue: 0 }, incoming: { new: 0, assignedToMe: 0, unassigned: 0, overdue: 0 }, awaitingMyApproval: 0 });
      const supervisor = await x.http(FR).get('/v1/dashboard').set(x.as('fr.super')).expect(200);
      expect(supervisor.body.awaitingMyApproval).toBe(1);
      expect(supervisor.body.myRequests.total).toBe(0);
      expect((await x.http(FR).get('/v1/requests?mine=true').set(x.as('fr.other')).expect(200)).body.map((r: { id: string }) => r.id)).toEqual([id]);
      expect((await x.http(FR).get('/v1/requests?mine=true').set(x.as('fr.super')).expect(200)).body).toEqual([]);
      expect((await x.http(FR).get('/v1/requests?mine=yes').set(x.as('fr.super')).expect(400)).body.code).toBe('VALIDATION');
    });

    it('shows the proofs as pending before submission', async () => {
      const detail = await x.frRequest(id);
      expect(detail.proofs).toEqual({
        hubReceipt: { verified: false, auditLeafIndex: null, receivedAt: null },
        deliveryReceipt: { verified: false, by: null, receivedAt: null },
        auditLog: { status: 'none', leafIndex: null, treeSize: null, checkedAt: null },
      });
    });

    it('lets an officer take a received request, not give it to someone else', async () => {
      await x.http(FR).post(`/v1/requests/${id}/approve`).set(x.as('fr.super')).send({}).expect(200);
      await waitFor('the request at DE', async () => ((await x.inDeInbox(id)) === 1 ? true : undefined));
      const [{ id: officerId }] = (await sql<{ id: string }>(x.dbs[DE].url, `SELECT id FROM officer WHERE username = 'de.officer'`)) as [{ id: string }];
      deOfficerId = officerId;
      const dashboard = await x.http(DE).get('/v1/dashboard').set(x.as('de.officer')).expect(200);
      expect(dashboard.body.incoming).toEqual({ new: 1, assignedToMe: 0, unassigned: 1, overdue: 0 });

      const other = '0190a0a0-0000-7000-8000-000000000000';
      expect((await x.http(DE).post(`/v1/incoming/${id}/assign`).set(x.as('de.officer')).send({ officerId: other }).expect(403)).body.code).toBe('ASSIGN_FORBIDDEN');
      expect((await x.http(DE).post(`/v1/incoming/${id}/assign`).set(x.as('de.officer')).send({ officerId: 'me' }).expect(400)).body.code).toBe('VALIDATION');
      await x.http(DE).post(`/v1/incoming/0190a0a0-0000-7000-8000-00000000abcd/assign`).set(x.as('de.officer')).send({ officerId: deOfficerId }).expect(404);
      expect((await x.http(DE).get(`/v1/incoming/${id}`).set(x.as('de.officer')).expect(200)).body.assignedTo).toBeNull();

      const taken = await x.http(DE).post(`/v1/incoming/${id}/assign`).set(x.as('de.officer')).send({ officerId: deOfficerId }).expect(200);
      expect(taken.body).toMatchObject({ id, assignedTo: deOfficerId, assignedToName: 'DE officer' });
      expect(taken.body.assignedAt).toEqual(expect.any(String));
      expect((await x.http(DE).get('/v1/incoming?mine=true').set(x.as('de.officer')).expect(200)).body.map((r: { id: string }) => r.id)).toEqual([id]);
      expect((await x.http(DE).get('/v1/dashboard').set(x.as('de.officer')).expect(200)).body.incoming).toEqual({ new: 1, assignedToMe: 1, unassigned: 0, overdue: 0 });
    });

    it('a supervisor assigns to an active officer holding the officer role only', async () => {
      const [{ id: supervisorId }] = (await sql<{ id: string }>(x.dbs[DE].url, `SELECT id FROM officer WHERE username = 'de.super'`)) as [{ id: string }];
      // de.super holds no officer role: no one to answer.
      expect((await x.http(DE).post(`/v1/incoming/${id}/assign`).set(x.as('de.super')).send({ officerId: supervisorId }).expect(400)).body.issues[0].path).toBe('/officerId');
      await sql(x.dbs[DE].url, `UPDATE officer SET status = 'disabled' WHERE username = 'de.officer'`);
      await x.http(DE).post(`/v1/incoming/${id}/assign`).set(x.as('de.super')).send({ officerId: deOfficerId }).expect(400);
      await sql(x.dbs[DE].url, `UPDATE officer SET status = 'active' WHERE username = 'de.officer'`);
      const assigned = await x.http(DE).post(`/v1/incoming/${id}/assign`).set(x.as('de.super')).send({ officerId: deOfficerId }).expect(200);
      expect(assigned.body.assignedTo).toBe(deOfficerId);
      expect((await x.http(DE).get('/v1/dashboard').set(x.as('de.super')).expect(200)).body.incoming).toEqual({ new: 1, assignedToMe: 0, unassigned: 0, overdue: 0 });
    });

    it('checks an answer against the request\'s type without sending it', async () => {
      const wrong = await x.http(DE).post(`/v1/incoming/${id}/answer/check`).set(x.as('de.officer')).send({ outcome: { code: 'answered' }, findings: [exampleFinding('EMAIL_ACCOUNT')] }).expect(200);
      expect(wrong.body.valid).toBe(false);
      expect(wrong.body.issues.length).toBeGreaterThan(0);
      const none = await x.http(DE).post(`/v1/incoming/${id}/answer/check`).set(x.as('de.officer')).send({ outcome: { code: 'bogus' } }).expect(200);
      expect(none.body.issues.map((i: { path: string }) => i.path)).toContain('/outcome/code');
      expect((await x.http(DE).post(`/v1/incoming/${id}/answer/check`).set(x.as('de.officer')).send({ outcome: { code: 'answered' }, findings: [exampleFinding('ISP_SUBSCRIBER')] }).expect(200)).body).toEqual({ valid: true, issues: [] });
      expect(await sql(x.dbs[DE].url, 'SELECT count(*)::int AS n FROM outgoing_answer')).toEqual([{ n: 0 }]);
    });

    it('after the answer, shows both receipts verified and the acceptance included in the audit log', async () => {
      await x.http(DE).post(`/v1/incoming/${id}/answer`).set(x.as('de.officer')).send({ outcome: { code: 'answered' }, findings: [exampleFinding('ISP_SUBSCRIBER')] }).expect(200);
      await x.http(DE).post(`/v1/incoming/${id}/assign`).set(x.as('de.officer')).send({ officerId: deOfficerId }).expect(409);
      const answered = await waitFor('FR answered and delivered', async () => {
        const r = await x.frRequest(id);
        return r.status === 'answered' && r.proofs.deliveryReceipt.verified ? r : undefined;
      });
      expect(answered.proofs.hubReceipt).toEqual({ verified: true, auditLeafIndex: expect.any(Number), receivedAt: answered.submittedAt });
      expect(answered.proofs.deliveryReceipt).toEqual({ verified: true, by: DE, receivedAt: expect.any(String) });
      expect(answered.proofs.auditLog.status).toBe('pending');

      await x.apps.hub!.get(TreeHeadService).issue();
      await x.apps[FR]!.get(AuditMonitorService).run();
      const checked = await x.frRequest(id);
      expect(checked.proofs.auditLog).toEqual({ status: 'included', leafIndex: answered.proofs.hubReceipt.auditLeafIndex, treeSize: expect.any(Number), checkedAt: expect.any(String) });
      const dashboard = await x.http(FR).get('/v1/dashboard').set(x.as('fr.other')).expect(200);
      expect(dashboard.body.myRequests).toEqual({ total: 1, byStatus: { answered: 1 }, overdue: 0 });
    });
  });

  it('refuses every new route without a token', async () => {
    const server = x.apps[FR]!.getHttpServer();
    await request(server).get('/v1/dashboard').expect(401);
    await request(server).post('/v1/requests/check').send({}).expect(401);
    await request(server).post('/v1/incoming/0190a0a0-0000-7000-8000-000000000000/assign').send({}).expect(401);
    await request(server).post('/v1/incoming/0190a0a0-0000-7000-8000-000000000000/answer/check').send({}).expect(401);
  });
});
