import { randomUUID } from 'node:crypto';
import { getQueueToken } from '@nestjs/bullmq';
import { type INestApplication } from '@nestjs/common';
import { type Queue } from 'bullmq';
import request from 'supertest';
import { type PublicJwk, signJws } from '@cicu/crypto';
import { JWS_TYP } from '@cicu/protocol';
import { createApp } from '@cicu/shared';
import { HUB_API, HubModule } from '../../apps/hub/src/app.module';
import { loadHubConfig } from '../../apps/hub/src/config/hub-config';
import { DirectoryService } from '../../apps/hub/src/directory/directory.service';
import { DELIVERY_QUEUE } from '../../apps/hub/src/messages/delivery/delivery.jobs';
import { adminToken, demoAdminsFile } from './admins';
import { createTestDatabase } from './databases';
import { nodeKeys } from './factories';
import { FakeInbox } from './fake-inbox';
import { type KeyedNode, signedRequest, submit } from './messages';
import { sql } from './sql';
import { testEnv } from './test-env';

export const FR = 'FR-CYBERDOUANE';
export const DE = 'DE-ZIRE';

/**
 * A real hub (PostgreSQL, Redis, HTTP) with FR's and DE's nodes played by fake inboxes: DE's
 * acknowledges what FR sent with a signed delivery receipt (unless told to fail), FR's takes
 * the receipts. Logged in: a coordinator and an auditor (DEMO_ADMINS_FILE).
 */
export class HubWithNodes {
  readonly audience: string;
  app!: INestApplication;
  database!: Awaited<ReturnType<typeof createTestDatabase>>;
  queue!: Queue;
  fr!: KeyedNode;
  de!: KeyedNode;
  coordinator!: string;
  auditor!: string;
  readonly deInbox: FakeInbox;
  readonly frInbox: FakeInbox;
  private hubJwks: PublicJwk[] = [];
  /** What DE's inbox knows how to acknowledge: jws → message. */
  private readonly sent = new Map<string, { id: string; digest: string }>();

  private constructor(label: string) {
    this.audience = `cicu-hub-${label}-e2e`;
    this.deInbox = new FakeInbox(
      () => this.hubJwks,
      async (hit) => {
        const message = this.sent.get(hit.body);
        if (message === undefined) return { status: 400 };
        const receipt = { v: 1, kind: 'delivery-receipt', messageId: message.id, digest: message.digest, receivedAt: new Date().toISOString(), by: DE };
        return { status: 200, receipt: await signJws(JSON.stringify(receipt), this.de.sig.privateJwk, { alg: 'EdDSA', kid: this.de.sig.kid, typ: JWS_TYP['delivery-receipt'] }) };
      },
      this.audience,
    );
    this.frInbox = new FakeInbox(() => this.hubJwks, async () => ({ status: 204 }), this.audience);
  }

  /** `env`: hub settings of the test (delivery attempts, back-off, …). */
  static async start(label: string, env: Record<string, string> = {}): Promise<HubWithNodes> {
    const hub = new HubWithNodes(label);
    const admins = demoAdminsFile();
    hub.database = await createTestDatabase(label);
    await Promise.all([hub.deInbox.start(), hub.frInbox.start()]);
    const config = loadHubConfig({
      DATABASE_URL: hub.database.url,
      REDIS_URL: testEnv.redisUrl,
      LOG_LEVEL: 'silent',
      OPERATOR_SECRET: `${label}-e2e-operator-secret`,
      SEAL_PBES2_COUNT: '1000',
      HUB_AUDIENCE: hub.audience,
      QUEUE_PREFIX: `cicu-hub-${label}-${randomUUID().slice(0, 8)}`,
      DEMO_ADMINS_FILE: admins.file,
      ...env,
    });
    hub.app = await createApp(HubModule.forRoot(config), HUB_API);
    await hub.app.init();
    hub.queue = hub.app.get<Queue>(getQueueToken(DELIVERY_QUEUE));
    hub.hubJwks = (await request(hub.app.getHttpServer()).get('/.well-known/jwks.json').expect(200)).body.keys;
    hub.fr = await hub.enrol(FR, hub.frInbox.url);
    hub.de = await hub.enrol(DE, hub.deInbox.url);
    hub.frInbox.nodeId = hub.fr.id;
    hub.deInbox.nodeId = hub.de.id;
    hub.coordinator = await adminToken(hub.app, admins.coordinator);
    hub.auditor = await adminToken(hub.app, admins.auditor);
    return hub;
  }

  async stop(): Promise<void> {
    await this.app?.close();
    await Promise.all([this.deInbox.stop(), this.frInbox.stop()]);
    await this.database?.drop();
  }

  /** A call to /v1/admin…, as the coordinator unless another token is given. */
  admin(method: 'get' | 'post' | 'patch', path: string, token = this.coordinator) {
    return request(this.app.getHttpServer())[method](`/v1/admin${path}`).set('Authorization', `Bearer ${token}`);
  }

  async statusOf(id: string): Promise<string | undefined> {
    return (await sql<{ status: string }>(this.database.url, 'SELECT status FROM message WHERE id = $1', [id]))[0]?.status;
  }

  async auditEntries(type: string): Promise<Record<string, unknown>[]> {
    return (await sql<{ canonical: string }>(this.database.url, 'SELECT canonical FROM audit_entry WHERE type = $1 ORDER BY index', [type])).map((r) => JSON.parse(r.canonical) as Record<string, unknown>);
  }

  /** FR → DE, submitted for real; DE's inbox will acknowledge it. */
  async sendFrToDe(): Promise<{ id: string; status: number; code?: string }> {
    const message = await signedRequest(this.fr, this.de);
    this.sent.set(message.jws, message);
    const res = await submit(this.app, this.fr, this.audience, message.jws);
    return { id: message.id, status: res.status, ...(res.code !== undefined && { code: res.code }) };
  }

  private async enrol(unitId: string, inbox: string): Promise<KeyedNode> {
    const keys = await nodeKeys();
    const node = await this.app.get(DirectoryService).registerNode(unitId, inbox, keys.jwks);
    return { id: node.id, unitId, sig: keys.sig, enc: keys.enc };
  }
}
