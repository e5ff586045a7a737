import { randomUUID } from 'node:crypto';
import { type INestApplication } from '@nestjs/common';
import request from 'supertest';
import { createApp } from '@cicu/shared';
import { HUB_API, HubModule } from '../apps/hub/src/app.module';
import { loadHubConfig } from '../apps/hub/src/config/hub-config';
import { DirectoryService } from '../apps/hub/src/directory/directory.service';
import { adminToken, demoAdminsFile } from './support/admins';
import { createTestDatabase } from './support/databases';
import { nodeKeys } from './support/factories';
import { type KeyedNode, signedRequest, submit } from './support/messages';
import { sql } from './support/sql';
import { testEnv } from './support/test-env';

const AUD = 'cicu-hub-agreements-e2e';
const FR = 'FR-CYBERDOUANE';
const DE = 'DE-ZIRE';
const day = (offsetDays: number) => new Date(Date.now() + offsetDays * 86_400_000).toISOString().slice(0, 10);

const legalBasis = (id: string, requestTypes: string[]) => ({
  id,
  instrument: 'Test instrument on customs cooperation',
  article: 'Art. 1',
  title: 'Requests for information (test)',
  officialReference: 'OJ L 1, 1.1.2020, p. 1',
  requestTypes,
  validFrom: '2020-01-01',
  validTo: null,
});

const agreement = (id: string, overrides: Record<string, unknown> = {}) => ({
  id,
  title: `Test agreement ${id}`,
  parties: [FR, DE],
  requestTypes: ['ISP_SUBSCRIBER'],
  areas: ['medicines', 'excise'],
  legalBases: ['LB-ROUTING'],
  validFrom: '2020-01-01',
  validTo: null,
  maxPriority: 'immediate',
  dueTimes: { routine: 'P30D', urgent: 'PT72H', immediate: 'PT24H' },
  contactPoints: [{ unitId: FR, function: 'duty desk' }],
  ...overrides,
});

describe('legal bases and agreements: create, edit/amend, end; routing reads them at once', () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let app: INestApplication;
  let fr: KeyedNode;
  let de: KeyedNode;
  let coordinator: string;
  let auditor: string;
  const admins = demoAdminsFile();

  const admin = (method: 'get' | 'post' | 'patch', path: string, token = coordinator) => request(app.getHttpServer())[method](`/v1/admin${path}`).set('Authorization', `Bearer ${token}`);
  const auditEntries = async (type: string) =>
    (await sql<{ canonical: string }>(database.url, 'SELECT canonical FROM audit_entry WHERE type = $1 ORDER BY index', [type])).map((r) => JSON.parse(r.canonical) as Record<string, unknown>);
  const paths = (res: request.Response) => new Set((res.body.issues as { path: string }[]).map((i) => i.path));
  /** FR → DE under `agreementId`, submitted for real: 202 (accepted) or the refusal code. */
  async function route(agreementId: string, envelope: Record<string, string> = {}): Promise<{ id: string; outcome: string }> {
    const message = await signedRequest(fr, de, { agreementId, legalBasisId: 'LB-ROUTING', ...envelope });
    const res = await submit(app, fr, AUD, message.jws);
    return { id: message.id, outcome: res.status === 202 ? 'accepted' : (res.code ?? String(res.status)) };
  }

  async function enrol(unitId: string, inbox: string): Promise<KeyedNode> {
    const keys = await nodeKeys();
    const node = await app.get(DirectoryService).registerNode(unitId, inbox, keys.jwks);
    return { id: node.id, unitId, sig: keys.sig, enc: keys.enc };
  }

  beforeAll(async () => {
    database = await createTestDatabase('agreements');
    const config = loadHubConfig({
      DATABASE_URL: database.url,
      REDIS_URL: testEnv.redisUrl,
      LOG_LEVEL: 'silent',
      OPERATOR_SECRET: 'agreements-e2e-operator-secret',
      SEAL_PBES2_COUNT: '1000',
      HUB_AUDIENCE: AUD,
      QUEUE_PREFIX: `cicu-hub-agreements-${randomUUID().slice(0, 8)}`,
      DEMO_ADMINS_FILE: admins.file,
    });
    app = await createApp(HubModule.forRoot(config), HUB_API);
    await app.init();
    // Nothing listens there: deliveries fail in the background, which routing does not look at.
    fr = await enrol(FR, 'http://127.0.0.1:9/fr/v1/inbox');
    de = await enrol(DE, 'http://127.0.0.1:9/de/v1/inbox');
    coordinator = await adminToken(app, admins.coordinator);
    auditor = await adminToken(app, admins.auditor);
  });

  afterAll(async () => {
    await app?.close();
    await database?.drop();
  });

  it('keeps the seed agreement\'s first version, readable like any other', async () => {
    const [seeded] = (await admin('get', '/agreements/AGR-FR-DE-CICU/versions', auditor).expect(200)).body;
    expect(seeded).toMatchObject({ id: 'AGR-FR-DE-CICU', version: 1, parties: [DE, FR], legalBases: ['NAPLES-II-ART-10', 'REG-515-97-ART-4'], validTo: null });
  });

  it('creates, edits and ends a legal basis, refusing bad input field by field', async () => {
    const invalid = await admin('post', '/legal-bases').send({ id: 'bad id', requestTypes: [], validFrom: '2020-13-01', extra: true }).expect(400);
    expect(invalid.body.code).toBe('VALIDATION');
    expect(paths(invalid)).toEqual(new Set(['', '/id', '/requestTypes', '/validFrom', '/instrument', '/article', '/title', '/officialReference']));
    expect(paths(await admin('post', '/legal-bases').send({ ...legalBasis('LB-BACKWARDS', ['ISP_SUBSCRIBER']), validTo: '2019-12-31' }).expect(400))).toEqual(new Set(['/validTo']));

    expect((await admin('post', '/legal-bases').send(legalBasis('LB-EDIT', ['ISP_SUBSCRIBER'])).expect(201)).body).toEqual(legalBasis('LB-EDIT', ['ISP_SUBSCRIBER']));
    expect((await admin('post', '/legal-bases').send(legalBasis('LB-EDIT', ['ISP_SUBSCRIBER'])).expect(409)).body.code).toBe('LEGAL_BASIS_EXISTS');
    expect((await admin('patch', '/legal-bases/LB-EDIT').send({ title: 'Renamed', requestTypes: ['ISP_SUBSCRIBER', 'EMAIL_ACCOUNT'] }).expect(200)).body).toMatchObject({ title: 'Renamed', requestTypes: ['ISP_SUBSCRIBER', 'EMAIL_ACCOUNT'] });
    expect((await auditEntries('agreements.legal-basis-updated')).at(-1)).toMatchObject({ legalBasisId: 'LB-EDIT', fields: ['requestTypes', 'title'], actor: { kind: 'coordinator' } });
    expect((await admin('patch', '/legal-bases/LB-NOPE').send({ title: 'x' }).expect(404)).body.code).toBe('LEGAL_BASIS_NOT_FOUND');

    expect((await admin('post', '/legal-bases/LB-EDIT/end').send({ validTo: '2030-06-30' }).expect(200)).body.validTo).toBe('2030-06-30');
    expect((await admin('post', '/legal-bases/LB-EDIT/end').send({ validTo: '2031-01-01' }).expect(409)).body.code).toBe('LEGAL_BASIS_ENDED');
    expect(paths(await admin('post', '/legal-bases/LB-EDIT/end').send({ validTo: '2019-01-01' }).expect(400))).toEqual(new Set(['/validTo']));
    expect((await admin('get', '/legal-bases/LB-EDIT', auditor).expect(200)).body.validTo).toBe('2030-06-30');
  });

  it('refuses an agreement whose references or terms do not hold, naming each', async () => {
    await admin('post', '/legal-bases').send(legalBasis('LB-ROUTING', ['ISP_SUBSCRIBER', 'EMAIL_ACCOUNT'])).expect(201);
    const res = await admin('post', '/agreements')
      .send(agreement('AGR-BAD', {
        parties: [FR, 'XX-NOWHERE'],
        requestTypes: ['ISP_SUBSCRIBER', 'PHONE_HOLDER'],
        legalBases: ['LB-ROUTING', 'LB-MISSING'],
        validTo: '2019-01-01',
        dueTimes: { routine: 'PT1H', urgent: 'PT72H', immediate: 'PT24H' },
        contactPoints: [{ unitId: 'BE-CICU', function: 'desk' }],
      }))
      .expect(400);
    expect(paths(res)).toEqual(new Set(['/parties/1', '/legalBases/1', '/requestTypes/1', '/validTo', '/dueTimes', '/contactPoints/0/unitId']));
    expect(paths(await admin('post', '/agreements').send({ ...agreement('AGR-ONE-PARTY'), parties: [FR] }).expect(400))).toEqual(new Set(['/parties']));
  });

  it('routes by what the coordinator just wrote: create, amend, end, with no restart', async () => {
    expect((await admin('post', '/agreements').send(agreement('AGR-ROUTING', { requestTypes: ['EMAIL_ACCOUNT'] })).expect(201)).body).toMatchObject({ id: 'AGR-ROUTING', version: 1 });
    expect((await admin('post', '/agreements').send(agreement('AGR-ROUTING')).expect(409)).body.code).toBe('AGREEMENT_EXISTS');
    expect((await route('AGR-ROUTING')).outcome).toBe('TYPE_NOT_COVERED');

    expect((await admin('post', '/agreements/AGR-ROUTING/amendments').send({ requestTypes: ['EMAIL_ACCOUNT', 'ISP_SUBSCRIBER'] }).expect(201)).body.version).toBe(2);
    expect((await route('AGR-ROUTING')).outcome).toBe('accepted');
    expect((await route('AGR-ROUTING', { area: 'arms' })).outcome).toBe('AREA_NOT_COVERED');

    await admin('post', '/agreements/AGR-ROUTING/end').send({ validTo: day(-1) }).expect(200);
    expect((await route('AGR-ROUTING')).outcome).toBe('AGREEMENT_EXPIRED');
    expect((await admin('post', '/agreements/AGR-ROUTING/end').send({ validTo: day(5) }).expect(409)).body.code).toBe('AGREEMENT_ENDED');
    await admin('post', '/agreements/AGR-ROUTING/amendments').send({ validTo: null }).expect(201);
    expect((await route('AGR-ROUTING')).outcome).toBe('accepted');

    // A legal basis ended (or narrowed) stops what rides on it, whatever the agreement says.
    await admin('post', '/legal-bases/LB-ROUTING/end').send({ validTo: day(-1) }).expect(200);
    expect((await route('AGR-ROUTING')).outcome).toBe('LEGAL_BASIS_NOT_COVERED');
    await admin('patch', '/legal-bases/LB-ROUTING').send({ validTo: null }).expect(200);
    expect((await route('AGR-ROUTING')).outcome).toBe('accepted');
    expect((await admin('patch', '/legal-bases/LB-ROUTING').send({ requestTypes: ['EMAIL_ACCOUNT'] }).expect(409)).body.code).toBe('LEGAL_BASIS_IN_USE');

    const history = (await admin('get', '/agreements/AGR-ROUTING/versions', auditor).expect(200)).body.map((v: { version: number }) => v.version);
    expect(history).toEqual([1, 2, 3, 4]);
    expect((await auditEntries('agreements.agreement-amended')).filter((e) => e['agreementId'] === 'AGR-ROUTING').map((e) => e['fields'])).toEqual([['requestTypes'], ['validTo']]);
  });

  it('leaves a message routed before an amendment under its version, whose terms stay readable', async () => {
    const before = (await admin('get', '/agreements/AGR-ROUTING').expect(200)).body;
    const routed = await route('AGR-ROUTING');
    expect(routed.outcome).toBe('accepted');
    const stored = async () => (await sql<{ agreement_id: string; agreement_version: number }>(database.url, 'SELECT agreement_id, agreement_version FROM message WHERE id = $1', [routed.id]))[0];
    expect(await stored()).toEqual({ agreement_id: 'AGR-ROUTING', agreement_version: before.version });

    const amended = (await admin('post', '/agreements/AGR-ROUTING/amendments').send({ areas: ['excise'], maxPriority: 'urgent', contactPoints: [] }).expect(201)).body;
    expect(amended.version).toBe(before.version + 1);
    expect(await stored()).toEqual({ agreement_id: 'AGR-ROUTING', agreement_version: before.version });
    const { recordedAt: _recorded, ...termsThen } = before;
    expect((await admin('get', `/agreements/AGR-ROUTING/versions/${before.version}`, auditor).expect(200)).body).toMatchObject(termsThen);
    expect((await admin('get', `/agreements/AGR-ROUTING/versions/${before.version}`).expect(200)).body.areas).toEqual(['medicines', 'excise']);
    expect((await auditEntries('message.accepted')).find((e) => e['messageId'] === routed.id)).toMatchObject({ agreementId: 'AGR-ROUTING', agreementVersion: before.version });
    // The next request is routed by the new terms, which the directory now shows.
    expect((await route('AGR-ROUTING')).outcome).toBe('AREA_NOT_COVERED');
    const directory = (await admin('get', '/directory', auditor).expect(200)).body;
    expect(directory.agreements).toContainEqual(expect.objectContaining({ id: 'AGR-ROUTING', version: amended.version, areas: ['excise'] }));
  });

  it('answers an unknown agreement or version with its own code', async () => {
    expect((await admin('get', '/agreements/AGR-NOPE').expect(404)).body.code).toBe('AGREEMENT_NOT_FOUND');
    expect((await admin('get', '/agreements/AGR-ROUTING/versions/99').expect(404)).body.code).toBe('AGREEMENT_VERSION_NOT_FOUND');
    expect((await admin('get', '/agreements/AGR-ROUTING/versions/one').expect(404)).body.code).toBe('AGREEMENT_VERSION_NOT_FOUND');
    expect((await admin('post', '/agreements/AGR-NOPE/amendments').send({ title: 'x' }).expect(404)).body.code).toBe('AGREEMENT_NOT_FOUND');
    expect((await admin('post', '/agreements/AGR-ROUTING/amendments').send({}).expect(400)).body.code).toBe('VALIDATION');
    expect((await admin('post', '/agreements/AGR-ROUTING/amendments', auditor).send({ title: 'x' }).expect(403)).body.code).toBe('FORBIDDEN');
  });
});
