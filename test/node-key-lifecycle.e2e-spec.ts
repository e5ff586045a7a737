import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { type INestApplication } from '@nestjs/common';
import request from 'supertest';
import { encryptJwe } from '@cicu/crypto';
import { createApp, KeyringService } from '@cicu/shared';
import { HUB_API, HubModule } from '../apps/hub/src/app.module';
import { loadHubConfig } from '../apps/hub/src/config/hub-config';
import { DirectoryService } from '../apps/hub/src/directory/directory.service';
import { NODE_API, NodeModule } from '../apps/node/src/app.module';
import { loadNodeConfig } from '../apps/node/src/config/node-config';
import { NodeDirectoryService } from '../apps/node/src/directory/node-directory.service';
import { HubClient } from '../apps/node/src/hub-client/hub-client';
import { InboxService } from '../apps/node/src/inbox/inbox.service';
import { adminToken, demoAdminsFile } from './support/admins';
import { createTestDatabase } from './support/databases';
import { nodeKeys, ShiftedClock, signedRequest } from './support/factories';
import { freePort } from './support/ports';
import { sql } from './support/sql';
import { testEnv } from './support/test-env';
import { waitFor } from './support/wait';

const AUD = 'cicu-hub-node-key-lifecycle-e2e';
const SECRET = 'node-key-lifecycle-e2e-operator-secret';
const FR = 'FR-CYBERDOUANE';
const run = promisify(execFile);

/**
 * The node's enrol and rotate-keys commands run as the operator runs them (a child process on
 * the node's database) against a real hub on a real port; then the node itself runs, with a
 * one-second directory refresh, so that what reaches it "within one refresh interval" is seen
 * through the real BullMQ job.
 */
describe('node enrolment, rotation, revocation and staleness (node side)', () => {
  const run_ = randomBytes(4).toString('hex');
  let hubDb: Awaited<ReturnType<typeof createTestDatabase>>;
  let nodeDb: Awaited<ReturnType<typeof createTestDatabase>>;
  let hub: INestApplication | undefined;
  let node: INestApplication | undefined;
  let hubPort: number;
  let nodePort: number;
  let nodeId: string;
  const clock = new ShiftedClock();
  /**
   * Every line the two apps log (pino JSON): one list for both, since in one process Nest's
   * static Logger writes through one app's pino instance (test/support/exchange.ts).
   */
  const logs: string[] = [];
  const logDestination = { write: (line: string) => void logs.push(line) };

  const admins = demoAdminsFile();
  const hubUrl = () => `http://127.0.0.1:${hubPort}`;
  /** The coordinator's call of the hub's admin API (logging in afresh: the hub restarts below). */
  const coordinator = async (path: string, body: Record<string, unknown> = {}) =>
    request(hub!.getHttpServer()).post(path).set('Authorization', `Bearer ${await adminToken(hub!, admins.coordinator)}`).send(body);
  const nodeEnv = (extra: Record<string, string> = {}) => ({
    UNIT_ID: FR,
    DATABASE_URL: nodeDb.url,
    REDIS_URL: testEnv.redisUrl,
    LOG_LEVEL: 'silent',
    OPERATOR_SECRET: SECRET,
    SEAL_PBES2_COUNT: '1000',
    HUB_AUDIENCE: AUD,
    PUBLIC_URL: `http://127.0.0.1:${nodePort}`,
    ...extra,
  });
  /** The real command, as `npm run node -- …` runs it. */
  const nodeCommand = (args: string[], extra: Record<string, string> = {}) =>
    run(process.execPath, ['-r', '@swc-node/register', 'scripts/node-cli.ts', ...args], { cwd: resolve(__dirname, '..'), env: { PATH: process.env.PATH, ...nodeEnv(extra) } });

  async function startHub(): Promise<void> {
    const config = loadHubConfig({
      DATABASE_URL: hubDb.url,
      REDIS_URL: testEnv.redisUrl,
      LOG_LEVEL: 'info',
      OPERATOR_SECRET: SECRET,
      SEAL_PBES2_COUNT: '1000',
      HUB_AUDIENCE: AUD,
      QUEUE_PREFIX: `cicu-hub-node-keys-${run_}`,
      DEMO_ADMINS_FILE: admins.file,
    });
    hub = await createApp(HubModule.forRoot(config, { logDestination }), HUB_API);
    await hub.listen(hubPort, '127.0.0.1');
  }

  async function startNode(): Promise<void> {
    const config = loadNodeConfig({
      ...nodeEnv({ LOG_LEVEL: 'info' }),
      HUB_URL: hubUrl(),
      NODE_ID: nodeId,
      QUEUE_PREFIX: `cicu-node-keys-${run_}`,
      DIRECTORY_REFRESH_SECONDS: '1',
      DIRECTORY_MAX_AGE_SECONDS: '60',
      MAILBOX_POLL_SECONDS: '3600',
    });
    node = await createApp(NodeModule.forRoot(config, { clock, logDestination }), NODE_API);
    await node.listen(nodePort, '127.0.0.1');
  }

  const hubDirectory = () => hub!.get(DirectoryService);
  const nodeDirectory = () => node!.get(NodeDirectoryService);
  const nodeKeyring = () => node!.get(KeyringService);
  /** The hub's current directory version, and a wait until the node's copy has it (one refresh). */
  async function nodeCatchesUp(): Promise<void> {
    const [{ version }] = await sql<{ version: number }>(hubDb.url, 'SELECT version FROM directory_version');
    await waitFor('the node to refresh its directory', async () => ((nodeDirectory().version ?? 0) >= version! ? true : undefined), 10_000);
  }

  beforeAll(async () => {
    [hubDb, nodeDb] = await Promise.all([createTestDatabase('node_keys_hub'), createTestDatabase('node_keys_fr')]);
    [hubPort, nodePort] = await Promise.all([freePort(), freePort()]);
    await startHub();
  });

  afterAll(async () => {
    await node?.close();
    await hub?.close();
    await Promise.all([hubDb?.drop(), nodeDb?.drop()]);
  });

  it('enrols through the real command: keys made and sealed on the node, pending at the hub; a used token is refused', async () => {
    const { token } = (await coordinator(`/v1/admin/units/${FR}/enrollment-tokens`)).body as { token: string };
    const { stdout } = await nodeCommand(['enroll', hubUrl(), token]);
    nodeId = /NODE_ID=([0-9a-f-]{36})/.exec(stdout)![1]!;
    expect(stdout).toContain(`node ${nodeId} of ${FR} enrolled, pending until the coordinator approves it`);

    const local = await sql<{ kid: string; purpose: string; sealed: string }>(nodeDb.url, 'SELECT kid, purpose, sealed_private_jwk AS sealed FROM local_key WHERE retired_at IS NULL AND NOT pending ORDER BY purpose DESC');
    expect(local.map((k) => k.purpose)).toEqual(['sig', 'enc']);
    expect(local.every((k) => k.sealed.split('.').length === 5)).toBe(true);
    const registered = await sql<{ kid: string; status: string; inbox_url: string }>(
      hubDb.url,
      'SELECT k.kid, n.status, n.inbox_url FROM node_key k JOIN node n ON n.id = k.node_id WHERE n.id = $1 ORDER BY k.use DESC',
      [nodeId],
    );
    expect(registered).toEqual(local.map((k) => ({ kid: k.kid, status: 'pending', inbox_url: `http://127.0.0.1:${nodePort}/v1/inbox` })));

    await expect(nodeCommand(['enroll', hubUrl(), token])).rejects.toMatchObject({ code: 1, stderr: expect.stringContaining('409 ENROLLMENT_TOKEN_USED') });
    await expect(nodeCommand(['enroll', hubUrl()])).rejects.toMatchObject({ code: 2, stderr: expect.stringContaining('usage: node enroll') });
  }, 90_000);

  it('runs once approved: in its own directory copy, authenticated by the hub', async () => {
    expect((await coordinator(`/v1/admin/nodes/${nodeId}/approve`)).status).toBe(200);
    await startNode();
    await nodeCatchesUp();
    const own = nodeDirectory().lookupKey(nodeKeyring().signingKid, 'sig');
    expect(own).toMatchObject({ key: { nodeId, unitId: FR } });
    // An authenticated call: the hub accepts this node's client assertion.
    await expect(node!.get(HubClient).mailbox()).resolves.toEqual([]);
    const health = await request(node!.getHttpServer()).get('/health').expect(200);
    expect(health.body.details.directory.status).toBe('up');
  });

  it('rotates through the real command while the node runs: it signs and is encrypted to with the new keys after one refresh, the old ones retiring', async () => {
    const [oldSig, oldEnc] = [nodeKeyring().signingKid, nodeKeyring().encryptionKid];
    const { stdout } = await nodeCommand(['rotate-keys'], { HUB_URL: hubUrl(), NODE_ID: nodeId });
    const [newSig, newEnc] = /new keys current: (\S+), (\S+)/.exec(stdout)!.slice(1) as [string, string];
    expect(stdout).toMatch(new RegExp(`${oldSig} \\(sig\\) stays valid until \\d{4}-`));

    // The hub lists both pairs; the old one until the end of the overlap window.
    const keys = await hubDirectory().allKeys();
    expect(keys.filter((k) => k.nodeId === nodeId).map((k) => [k.kid, k.supersededBy])).toEqual(
      expect.arrayContaining([
        [oldSig, newSig],
        [oldEnc, newEnc],
        [newSig, null],
        [newEnc, null],
      ]),
    );

    // The running node picks its new keys up at its next refresh, and so does every sender.
    await waitFor('the running node to sign with its new key', async () => (nodeKeyring().signingKid === newSig ? true : undefined), 10_000);
    await nodeCatchesUp();
    expect(nodeDirectory().encryptionKeyOfUnit(FR)?.kid).toBe(newEnc);
    await expect(node!.get(HubClient).mailbox()).resolves.toEqual([]);
    // What senders encrypted to the old key before they refreshed still opens.
    const toOld = await encryptJwe(new TextEncoder().encode('sent before the rotation'), (await hubDirectory().findKey(oldEnc))!.publicJwk, { kid: oldEnc });
    expect(new TextDecoder().decode((await nodeKeyring().decrypt(toOld)).plaintext)).toBe('sent before the rotation');
  }, 90_000);

  it('refuses a sender key at the first refresh after its revocation (REVOKED_KEY), keeping what it had received', async () => {
    const de = await nodeKeys();
    await hubDirectory().registerNode('DE-ZIRE', 'https://de.node.example/v1/inbox', de.jwks);
    await nodeCatchesUp();
    const inbox = node!.get(InboxService);
    const frEnc = nodeDirectory().encryptionKeyOfUnit(FR)!;
    const message = () => signedRequest({ signer: de.sig, recipientEnc: frEnc, at: new Date(), from: 'DE-ZIRE', to: FR });

    const before = await message();
    await expect(inbox.receive(before.jws)).resolves.toMatchObject({ kind: 'message', messageId: before.id });

    expect((await coordinator(`/v1/admin/keys/${de.sig.kid}/revoke`, { reason: 'key-compromise' })).status).toBe(200);
    await nodeCatchesUp();
    const after = await message();
    await expect(inbox.receive(after.jws)).rejects.toMatchObject({ code: 'REVOKED_KEY' });
    expect(await sql(nodeDb.url, 'SELECT message_id, status FROM inbox_message WHERE message_id = ANY($1)', [[before.id, after.id]])).toEqual([{ message_id: before.id, status: 'new' }]);
  });

  it('alerts when its copy is older than DIRECTORY_MAX_AGE_SECONDS (/health down, one error log line) and clears when the hub answers again', async () => {
    await hub!.close();
    hub = undefined;
    clock.advance(61_000);
    const stale = await request(node!.getHttpServer()).get('/health').expect(503);
    expect(stale.body.details.directory).toMatchObject({ status: 'down', message: 'directory snapshot is stale' });
    // Several failed refreshes later the alert still stands, logged once.
    await waitFor('failed refreshes', async () => (logs.filter((l) => l.includes('directory refresh failed')).length >= 2 ? true : undefined), 10_000);
    const alerts = logs.filter((line) => line.includes('directory copy is stale'));
    expect(alerts).toHaveLength(1);
    expect(JSON.parse(alerts[0]!)).toMatchObject({ level: 50, msg: expect.stringContaining('DIRECTORY_MAX_AGE_SECONDS=60') });

    await startHub();
    await waitFor('the alert to clear', async () => (logs.some((line) => line.includes('directory copy is fresh again')) ? true : undefined), 10_000);
    await request(node!.getHttpServer()).get('/health').expect(200);
  }, 60_000);

  it('recovers from a revoked signing key: refused by the hub, enrolled again with new keys (--new-keys, same id), running once approved', async () => {
    const revokedSig = nodeKeyring().signingKid;
    const oldEnc = nodeKeyring().encryptionKid;
    expect((await coordinator(`/v1/admin/keys/${revokedSig}/revoke`, { reason: 'key-compromise' })).status).toBe(200);
    await expect(node!.get(HubClient).mailbox()).rejects.toMatchObject({ code: 'HUB_BAD_RESPONSE', message: expect.stringContaining('401') });
    await node!.close();
    node = undefined;

    const { token } = (await coordinator(`/v1/admin/units/${FR}/enrollment-tokens`)).body as { token: string };
    // The signing key the rotation above replaced is still in its overlap window: while it is
    // in service the node is not enrolled again (a token never takes a working node away).
    const retiring = (await hubDirectory().allKeys()).filter((k) => k.nodeId === nodeId && k.use === 'sig' && k.kid !== revokedSig && k.revokedAt === null && k.retiresAt !== null);
    expect(retiring).toHaveLength(1);
    // Settled as one line (exit code and stderr), so that a failure shows what the command said.
    const refused = await nodeCommand(['enroll', hubUrl(), token, '--new-keys']).then(
      ({ stdout }) => `exit 0: ${stdout}`,
      (error: { code?: unknown; stderr?: string }) => `exit ${String(error.code)}: ${error.stderr?.trim() ?? String(error)}`,
    );
    expect(refused).toMatch(/^exit 1: [^]*409 NODE_ALREADY_REGISTERED/);
    expect((await coordinator(`/v1/admin/keys/${retiring[0]!.kid}/revoke`, { reason: 'key-compromise' })).status).toBe(200);
    const { stdout } = await nodeCommand(['enroll', hubUrl(), token, '--new-keys']);
    expect(stdout).toContain(`node ${nodeId} of ${FR} enrolled again with new keys, pending until the coordinator approves it`);
    const current = await sql<{ kid: string }>(nodeDb.url, 'SELECT kid FROM local_key WHERE retired_at IS NULL AND NOT pending');
    expect(current.map((k) => k.kid)).not.toContain(revokedSig);
    // The refused attempt left a pending pair, which the second attempt used and promoted.
    expect(await sql(nodeDb.url, 'SELECT kid FROM local_key WHERE pending')).toEqual([]);
    expect(await sql(nodeDb.url, 'SELECT kid FROM local_key WHERE kid = ANY($1) AND retired_at IS NOT NULL', [[revokedSig, oldEnc]])).toHaveLength(2);
    // The old encryption key, still valid until now, retired at the hub at once.
    expect((await hubDirectory().findKey(oldEnc))?.retiresAt).toEqual(expect.any(Date));

    expect((await coordinator(`/v1/admin/nodes/${nodeId}/approve`)).status).toBe(200);
    await startNode();
    await expect(node!.get(HubClient).mailbox()).resolves.toEqual([]);
  }, 90_000);
});
