import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type INestApplication } from '@nestjs/common';
import passport from 'passport';
import request from 'supertest';
import { type RequestType } from '@cicu/protocol';
import { createApp } from '@cicu/shared';
import { HUB_API, HubModule } from '../../apps/hub/src/app.module';
import { loadHubConfig } from '../../apps/hub/src/config/hub-config';
import { DirectoryService } from '../../apps/hub/src/directory/directory.service';
import { NODE_API, NodeModule } from '../../apps/node/src/app.module';
import { LOCAL_STRATEGY, LocalStrategy } from '../../apps/node/src/auth/local.strategy';
import { OFFICER_JWT_STRATEGY, OfficerJwtStrategy } from '../../apps/node/src/auth/officer-jwt.strategy';
import { loadNodeConfig } from '../../apps/node/src/config/node-config';
import { exampleRequestPayload } from '../../libs/protocol/src/testing/examples';
import { createTestDatabase } from './databases';
import { sql } from './sql';
import { testEnv } from './test-env';
import { freePort } from './ports';

export const FR = 'FR-CYBERDOUANE';
export const DE = 'DE-ZIRE';
export const AGREEMENT = 'AGR-FR-DE-CICU';
export const NAPLES = 'NAPLES-II-ART-10';
/** A third member, started only when a test asks for it (`units`), e.g. to see what FR and DE keep to themselves. */
export const PL = 'PL-CICU';
export type Unit = typeof FR | typeof DE | typeof PL;

type TestDatabase = Awaited<ReturnType<typeof createTestDatabase>>;

/** Officers of the two nodes: FR has an author (also supervisor), a supervisor and a second officer; DE an officer and a supervisor. */
const OFFICERS: Record<Unit, { username: string; displayName: string; roles: string[] }[]> = {
  [FR]: [
    { username: 'fr.author', displayName: 'FR author', roles: ['officer', 'supervisor'] },
    { username: 'fr.super', displayName: 'FR supervisor', roles: ['supervisor'] },
    { username: 'fr.other', displayName: 'FR other officer', roles: ['officer'] },
  ],
  [DE]: [
    { username: 'de.officer', displayName: 'DE officer', roles: ['officer'] },
    { username: 'de.super', displayName: 'DE supervisor', roles: ['supervisor'] },
  ],
  [PL]: [{ username: 'pl.officer', displayName: 'PL officer', roles: ['officer'] }],
};

export { waitFor } from './wait';

export interface ExchangeOptions {
  /** Names the databases, the queue prefixes and the hub audience of this run. */
  label: string;
  /** The nodes to run (default FR and DE). */
  units?: Unit[];
  /** Extra settings per app (e.g. FOUR_EYES: 'false' for FR). */
  hub?: Record<string, string>;
  nodes?: Partial<Record<Unit, Record<string, string>>>;
  logLevel?: string;
  /**
   * Keep every line the three apps log (pino JSON) in `logs` instead of writing it to stdout.
   * One list for all: in one process, Nest's static Logger writes through whichever app's pino
   * instance it was handed last, so lines cannot be told apart by app.
   */
  captureLogs?: boolean;
}

/**
 * A hub and the FR and DE nodes in this process, each on its own fresh PostgreSQL database,
 * its own Redis prefix and its own loopback port, with the nodes' keys registered in the hub's
 * directory as enrolment does it. Shared by the exchange e2e tests and the end-to-end bench.
 */
export class Exchange {
  readonly run = randomBytes(4).toString('hex');
  readonly audience: string;
  /** Fresh per run: no password lives in the repository. */
  readonly password = randomBytes(18).toString('base64url');
  readonly secret = 'exchange-e2e-operator-secret';
  readonly apps = {} as Record<Unit | 'hub', INestApplication | undefined>;
  readonly ports = {} as Record<Unit | 'hub', number>;
  readonly nodeIds = {} as Record<Unit, string>;
  readonly dbs = {} as Record<Unit | 'hub', TestDatabase>;
  readonly logs: string[] = [];
  private readonly tokens = new Map<string, string>();
  private dir = '';

  readonly units: Unit[];

  private constructor(private readonly options: ExchangeOptions) {
    this.audience = `cicu-hub-${options.label}`;
    this.units = options.units ?? [FR, DE];
  }

  static async start(options: ExchangeOptions): Promise<Exchange> {
    const exchange = new Exchange(options);
    await exchange.setUp();
    return exchange;
  }

  private async setUp(): Promise<void> {
    const label = this.options.label.replace(/-/g, '_');
    this.dir = mkdtempSync(join(tmpdir(), 'cicu-exchange-'));
    for (const unit of this.units) {
      writeFileSync(join(this.dir, `${unit}.json`), JSON.stringify(OFFICERS[unit].map((o) => ({ ...o, password: this.password }))));
    }
    const apps = ['hub', ...this.units] as const;
    const dbs = await Promise.all(apps.map((app) => createTestDatabase(`${label}_${app === 'hub' ? 'hub' : app.slice(0, 2).toLowerCase()}`)));
    const ports = await Promise.all(apps.map(() => freePort()));
    apps.forEach((app, i) => ((this.dbs[app] = dbs[i]!), (this.ports[app] = ports[i]!)));
    await this.startHub();

    // First start of each node, not enrolled: it makes its keys, which the hub registers.
    const directory = this.apps.hub!.get(DirectoryService);
    for (const unit of this.units) {
      const fresh = await createApp(NodeModule.forRoot(this.nodeConfig(unit)), NODE_API);
      await fresh.init();
      const jwks = (await request(fresh.getHttpServer()).get('/.well-known/jwks.json').expect(200)).body;
      await fresh.close();
      this.nodeIds[unit] = (await directory.registerNode(unit, `http://127.0.0.1:${this.ports[unit]}/v1/inbox`, jwks)).id;
    }
    for (const unit of this.units) await this.startNode(unit);
    for (const unit of this.units) for (const officer of OFFICERS[unit]) await this.login(unit, officer.username);
  }

  async close(): Promise<void> {
    for (const key of [...this.units, 'hub'] as const) await this.apps[key]?.close();
    await Promise.all(Object.values(this.dbs).map((db) => db.drop()));
    rmSync(this.dir, { recursive: true, force: true });
  }

  private hubConfig() {
    return loadHubConfig({
      DATABASE_URL: this.dbs.hub.url,
      REDIS_URL: testEnv.redisUrl,
      LOG_LEVEL: this.options.logLevel ?? 'silent',
      OPERATOR_SECRET: this.secret,
      SEAL_PBES2_COUNT: '1000',
      HUB_AUDIENCE: this.audience,
      QUEUE_PREFIX: `cicu-hub-${this.options.label}-${this.run}`,
      DELIVERY_ATTEMPTS: '3',
      DELIVERY_BACKOFF_MS: '200',
      DELIVERY_TIMEOUT_MS: '2000',
      ...this.options.hub,
    });
  }

  private nodeConfig(unit: Unit, extra: Record<string, string> = {}) {
    return loadNodeConfig({
      UNIT_ID: unit,
      DATABASE_URL: this.dbs[unit].url,
      REDIS_URL: testEnv.redisUrl,
      LOG_LEVEL: this.options.logLevel ?? 'silent',
      OPERATOR_SECRET: this.secret,
      SEAL_PBES2_COUNT: '1000',
      HUB_AUDIENCE: this.audience,
      QUEUE_PREFIX: `cicu-node-${this.options.label}-${unit}-${this.run}`,
      DEMO_OFFICERS_FILE: join(this.dir, `${unit}.json`),
      DIRECTORY_REFRESH_SECONDS: '3600',
      MAILBOX_POLL_SECONDS: '3600',
      SUBMIT_BACKOFF_MS: '300',
      ...this.options.nodes?.[unit],
      ...extra,
    });
  }

  private logOptions(): { logDestination?: { write: (line: string) => void } } {
    return this.options.captureLogs ? { logDestination: { write: (line: string) => void this.logs.push(line) } } : {};
  }

  async startHub(): Promise<void> {
    const hub = await createApp(HubModule.forRoot(this.hubConfig(), this.logOptions()), HUB_API);
    await hub.listen(this.ports.hub, '127.0.0.1');
    this.apps.hub = hub;
  }

  async stopHub(): Promise<void> {
    await this.apps.hub!.close();
    this.apps.hub = undefined;
  }

  async startNode(unit: Unit, extra: Record<string, string> = {}): Promise<INestApplication> {
    const config = this.nodeConfig(unit, { HUB_URL: this.url('hub'), NODE_ID: this.nodeIds[unit], ...extra });
    const app = await createApp(NodeModule.forRoot(config, this.logOptions()), NODE_API);
    await app.listen(this.ports[unit], '127.0.0.1');
    this.apps[unit] = app;
    return app;
  }

  async stopNode(unit: Unit): Promise<void> {
    await this.apps[unit]!.close();
    this.apps[unit] = undefined;
  }

  url(app: Unit | 'hub'): string {
    return `http://127.0.0.1:${this.ports[app]}`;
  }

  /**
   * Passport keeps its strategies in one process-wide registry, so of two node apps in this
   * process the last one started would check every officer's login and token. Before calling
   * a node's officer routes, its own strategies are put back (production: one node per process).
   */
  http(unit: Unit) {
    this.useStrategiesOf(unit);
    return request(this.apps[unit]!.getHttpServer());
  }

  useStrategiesOf(unit: Unit): void {
    const app = this.apps[unit]!;
    passport.use(LOCAL_STRATEGY, app.get(LocalStrategy));
    passport.use(OFFICER_JWT_STRATEGY, app.get(OfficerJwtStrategy));
  }

  /** The Authorization header of an officer logged in at start (or after `login`). */
  as(username: string): { Authorization: string } {
    return { Authorization: `Bearer ${this.tokens.get(username)}` };
  }

  async login(unit: Unit, username: string): Promise<void> {
    const res = await this.http(unit).post('/v1/auth/login').send({ username, password: this.password });
    if (res.status !== 200) throw new Error(`login ${username}: ${res.status} ${JSON.stringify(res.body)}`);
    this.tokens.set(username, res.body.accessToken);
  }

  /** The body of POST /v1/requests for a FR → DE request of this type, from the protocol's examples. */
  draftBody(type: RequestType, overrides: Record<string, unknown> = {}): Record<string, unknown> {
    const example = exampleRequestPayload(type);
    return {
      partnerUnit: DE,
      agreementId: AGREEMENT,
      legalBasisId: NAPLES,
      requestType: type,
      area: 'medicines',
      priority: 'urgent',
      handlingCode: 'H1',
      caseReference: `CYB-${type}`,
      summaryOfFacts: example.summaryOfFacts,
      measureRequested: example.measureRequested,
      enquiriesMade: example.enquiriesMade,
      subject: example.subject,
      ...overrides,
    };
  }

  /** fr.author drafts, fr.super approves (four eyes on): returns the request id. */
  async draftAndApprove(type: RequestType, overrides: Record<string, unknown> = {}): Promise<string> {
    const drafted = await this.http(FR).post('/v1/requests').set(this.as('fr.author')).send(this.draftBody(type, overrides)).expect(201);
    const { status, requestType, partnerUnit, overdue } = drafted.body;
    if (status !== 'awaiting_approval' || requestType !== type || partnerUnit !== DE || overdue !== false) throw new Error(`unexpected draft ${JSON.stringify({ status, requestType, partnerUnit, overdue })}`);
    const approved = await this.http(FR).post(`/v1/requests/${drafted.body.id}/approve`).set(this.as('fr.super')).send({ comment: 'ok' }).expect(200);
    if (!/^(approved|submitting|submitted|delivered)$/.test(approved.body.status)) throw new Error(`approved request is ${approved.body.status}`);
    return drafted.body.id as string;
  }

  /** FR's view of one of its requests (GET /v1/requests/{id}). */
  async frRequest(id: string) {
    return (await this.http(FR).get(`/v1/requests/${id}`).set(this.as('fr.author')).expect(200)).body;
  }

  async inDeInbox(id: string): Promise<number> {
    return (await sql<{ n: number }>(this.dbs[DE].url, 'SELECT count(*)::int AS n FROM inbox_message WHERE message_id = $1', [id]))[0]!.n;
  }

  async hubMessage(id: string): Promise<{ status: string; jws: string | null } | undefined> {
    return (await sql<{ status: string; jws: string | null }>(this.dbs.hub.url, 'SELECT status, jws FROM message WHERE id = $1', [id]))[0];
  }
}
