import { createHash, randomBytes } from 'node:crypto';
import { type INestApplication } from '@nestjs/common';
import { compactVerify, createLocalJWKSet, type JSONWebKeySet } from 'jose';
import request from 'supertest';
import { createClientAssertion, createKeyProof, ENROLLMENT_PROOF_TYP, type GeneratedKeyPair, generateSigningKeyPair, KEY_ROTATION_PROOF_TYP, signJws } from '@cicu/crypto';
import { createApp } from '@cicu/shared';
import { HUB_API, HubModule } from '../apps/hub/src/app.module';
import { loadHubConfig } from '../apps/hub/src/config/hub-config';
import { DirectoryService } from '../apps/hub/src/directory/directory.service';
import { adminToken, demoAdminsFile } from './support/admins';
import { createTestDatabase } from './support/databases';
import { nodeKeys, signedRequest, TestClock } from './support/factories';
import { sql } from './support/sql';
import { testEnv } from './support/test-env';

const AUD = 'cicu-hub-key-lifecycle-e2e';
/** How the audit log names the coordinator who acted. */
const COORDINATOR = { kind: 'coordinator', accountId: expect.any(String) };
const DAY = 86_400_000;
const OVERLAP_SECONDS = 3_600;

type Keys = Awaited<ReturnType<typeof nodeKeys>>;
interface TestNode extends Keys {
  id: string;
  unitId: string;
}

const tokenHash = (token: string) => createHash('sha256').update(token, 'ascii').digest('base64url');
function asText(res: request.Response, done: (err: Error | null, body: string) => void): void {
  let text = '';
  res.setEncoding('utf8');
  res.on('data', (chunk: string) => (text += chunk));
  res.on('end', () => done(null, text));
}

describe('node enrolment and key lifecycle (hub)', () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let app: INestApplication;
  const clock = new TestClock();
  let de: TestNode;

  const admins = demoAdminsFile();
  const tokens = { coordinator: '', auditor: '' };

  const http = () => request(app.getHttpServer());
  /** A call of the admin API as the coordinator (or the auditor). */
  const admin = (method: 'get' | 'post', path: string, as: keyof typeof tokens = 'coordinator') => http()[method](path).set('Authorization', `Bearer ${tokens[as]}`);
  async function issue(unitId = 'FR-CYBERDOUANE', ttlSeconds?: number): Promise<string> {
    const res = await admin('post', `/v1/admin/units/${unitId}/enrollment-tokens`).send(ttlSeconds === undefined ? {} : { ttlSeconds });
    expect(res.status).toBe(201);
    return res.body.token as string;
  }
  const approve = (nodeId: string) => admin('post', `/v1/admin/nodes/${nodeId}/approve`);
  const revoke = (kid: string, body: Record<string, unknown> = {}) => admin('post', `/v1/admin/keys/${kid}/revoke`).send(body);
  const keyListing = async (as: keyof typeof tokens = 'coordinator') => (await admin('get', '/v1/admin/keys', as).expect(200)).body as { warningDays: number; keys: Record<string, unknown>[] };

  /** The node's side of enrolment: a proof of possession of `keys.sig`, bound to the token. */
  function enrolmentProof(token: string, keys: Keys, options: { inboxUrl?: string; signWith?: GeneratedKeyPair; kid?: string } = {}) {
    const signer = options.signWith ?? keys.sig;
    return createKeyProof({
      typ: ENROLLMENT_PROOF_TYP,
      aud: AUD,
      jwks: keys.jwks,
      claims: { token_hash: tokenHash(token), inbox_url: options.inboxUrl ?? `https://${randomBytes(4).toString('hex')}.node.example/v1/inbox` },
      privateKey: signer.privateJwk,
      kid: options.kid ?? keys.sig.kid,
      alg: 'EdDSA',
      ttlSeconds: 120,
      now: clock.now(),
    });
  }

  async function enrol(token: string, keys: Keys, proof?: string) {
    return http().post('/v1/enrollments').send({ token, proof: proof ?? (await enrolmentProof(token, keys)) });
  }

  const assertionOf = (node: { id: string }, key: GeneratedKeyPair) =>
    createClientAssertion({ iss: node.id, aud: AUD, privateKey: key.privateJwk, kid: key.kid, alg: 'EdDSA', ttlSeconds: 30, now: clock.now() });
  const me = async (node: { id: string }, key: GeneratedKeyPair) => http().get('/v1/nodes/me').set('Authorization', `Bearer ${await assertionOf(node, key)}`);

  async function submit(node: TestNode, signer: GeneratedKeyPair, authKey: GeneratedKeyPair = signer) {
    const { id, jws } = await signedRequest({ signer, recipientEnc: de.enc.publicJwk, at: clock.now() });
    const res = await http()
      .post('/v1/messages')
      .set('Authorization', `Bearer ${await assertionOf(node, authKey)}`)
      .set('Content-Type', 'application/jose')
      .buffer(true)
      .parse(asText)
      .send(jws);
    return { id, status: res.status, code: res.status === 202 ? 'ACCEPTED' : (JSON.parse(res.body as string) as { code: string }).code };
  }

  async function snapshot(): Promise<{ version: number; nodes: { id: string; status: string; keys: Record<string, unknown>[] }[] }> {
    const res = await http().get('/v1/directory').buffer(true).parse(asText).expect(200);
    const jwks = createLocalJWKSet((await http().get('/.well-known/jwks.json')).body as JSONWebKeySet);
    return JSON.parse(new TextDecoder().decode((await compactVerify(res.body as string, jwks)).payload));
  }

  const audit = async (type: string) =>
    (await sql<{ canonical: string }>(database.url, 'SELECT canonical FROM audit_entry WHERE type = $1 ORDER BY index', [type])).map((r) => JSON.parse(r.canonical) as Record<string, unknown>);

  /** A node enrolled with a token and approved: active, with keys valid from the clock's now (and `extraSig`). */
  async function enrolledNode(unitId = 'FR-CYBERDOUANE', extraSig?: GeneratedKeyPair): Promise<TestNode> {
    const generated = await nodeKeys();
    const keys = extraSig === undefined ? generated : { ...generated, jwks: { keys: [...generated.jwks.keys, extraSig.publicJwk] } };
    const res = await enrol(await issue(unitId), keys);
    expect(res.status).toBe(201);
    await approve(res.body.nodeId).expect(200);
    return { ...keys, id: res.body.nodeId, unitId };
  }

  beforeAll(async () => {
    database = await createTestDatabase('key_lifecycle');
    const config = loadHubConfig({
      DATABASE_URL: database.url,
      REDIS_URL: testEnv.redisUrl,
      LOG_LEVEL: 'silent',
      OPERATOR_SECRET: 'key-lifecycle-e2e-operator-secret',
      SEAL_PBES2_COUNT: '1000',
      HUB_AUDIENCE: AUD,
      QUEUE_PREFIX: `cicu-hub-key-lifecycle-${randomBytes(4).toString('hex')}`,
      KEY_ROTATION_OVERLAP_SECONDS: String(OVERLAP_SECONDS),
      DEMO_ADMINS_FILE: admins.file,
    });
    app = await createApp(HubModule.forRoot(config, { clock }), HUB_API);
    await app.init();
    [tokens.coordinator, tokens.auditor] = [await adminToken(app, admins.coordinator), await adminToken(app, admins.auditor)];
    const keys = await nodeKeys();
    const registered = await app.get(DirectoryService).registerNode('DE-ZIRE', 'https://de.node.example/v1/inbox', keys.jwks);
    de = { ...keys, id: registered.id, unitId: 'DE-ZIRE' };
  });

  afterAll(async () => {
    await app?.close();
    await database?.drop();
  });

  beforeEach(() => clock.set(Date.now()));

  describe('enrolment', () => {
    it('registers a pending node from a token and a proof, and approval makes it active and lists it in the snapshot', async () => {
      const keys = await nodeKeys();
      const token = await issue();
      const res = await enrol(token, keys, await enrolmentProof(token, keys, { inboxUrl: 'https://fr-new.node.example/v1/inbox' }));
      expect(res.status).toBe(201);
      expect(res.body).toEqual({ nodeId: expect.any(String), unitId: 'FR-CYBERDOUANE', status: 'pending', keys: [{ kid: keys.sig.kid, use: 'sig' }, { kid: keys.enc.kid, use: 'enc' }], reenrolled: false });
      const nodeId = res.body.nodeId as string;

      // Pending: not in the federation yet.
      expect((await snapshot()).nodes.map((n) => n.id)).not.toContain(nodeId);
      expect((await me({ id: nodeId }, keys.sig)).body.code).toBe('NODE_NOT_ACTIVE');

      const approved = (await approve(nodeId).expect(200)).body;
      expect(approved).toMatchObject({ id: nodeId, status: 'active', inboxUrl: 'https://fr-new.node.example/v1/inbox', directoryVersion: expect.any(Number) });
      expect((await approve(nodeId)).body.code).toBe('NODE_NOT_PENDING');
      const listed = (await snapshot()).nodes.find((n) => n.id === nodeId);
      expect(listed).toMatchObject({ status: 'active' });
      expect(listed!.keys).toHaveLength(2);
      expect(listed!.keys).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ kid: keys.sig.kid, jwk: keys.sig.publicJwk, revokedAt: null, retiresAt: null }),
          expect.objectContaining({ kid: keys.enc.kid, jwk: keys.enc.publicJwk }),
        ]),
      );
      // Keys enrolled this way carry a not-after date: KEY_VALIDITY_DAYS (365) later.
      for (const key of listed!.keys) expect(Date.parse(key.notAfter as string) - Date.parse(key.notBefore as string)).toBe(365 * DAY);
      expect((await me({ id: nodeId }, keys.sig)).status).toBe(200);

      expect((await audit('enrollment.token-issued')).at(-1)).toMatchObject({ actor: COORDINATOR, unitId: 'FR-CYBERDOUANE' });
      expect((await audit('node.enrolled')).at(-1)).toMatchObject({ actor: { kind: 'node', nodeId, unitId: 'FR-CYBERDOUANE' }, nodeId, kids: [keys.sig.kid, keys.enc.kid] });
      expect((await audit('node.approved')).at(-1)).toMatchObject({ actor: COORDINATOR, nodeId, version: approved.directoryVersion });
      // Only the token's hash is stored, and it is in no audit entry.
      const [row] = await sql<{ token_sha256: string; node_id: string }>(database.url, 'SELECT token_sha256, node_id FROM enrollment_token WHERE node_id = $1', [nodeId]);
      expect(row!.token_sha256).toBe(createHash('sha256').update(token).digest('hex'));
      expect(await sql(database.url, "SELECT 1 FROM audit_entry WHERE canonical LIKE '%' || $1 || '%'", [token])).toEqual([]);
    });

    it('refuses a used token (409 ENROLLMENT_TOKEN_USED), registering nothing more', async () => {
      const token = await issue();
      expect((await enrol(token, await nodeKeys())).status).toBe(201);
      const nodes = await sql(database.url, 'SELECT id FROM node');
      const res = await enrol(token, await nodeKeys());
      expect({ status: res.status, code: res.body.code }).toEqual({ status: 409, code: 'ENROLLMENT_TOKEN_USED' });
      expect(await sql(database.url, 'SELECT id FROM node')).toEqual(nodes);
    });

    it('refuses an expired token (401 ENROLLMENT_TOKEN_EXPIRED) and takes one a millisecond before it expires', async () => {
      const issuedAt = clock.now().getTime();
      const [late, onTime] = [await issue('FR-CYBERDOUANE', 60), await issue('FR-CYBERDOUANE', 60)];
      clock.set(issuedAt + 60_000 - 1);
      expect((await enrol(onTime, await nodeKeys())).status).toBe(201);
      clock.set(issuedAt + 60_000);
      const res = await enrol(late, await nodeKeys());
      expect({ status: res.status, code: res.body.code }).toEqual({ status: 401, code: 'ENROLLMENT_TOKEN_EXPIRED' });
    });

    it('refuses a forged token (401 ENROLLMENT_TOKEN_INVALID), even with a proof bound to it', async () => {
      const forged = randomBytes(32).toString('base64url');
      const res = await enrol(forged, await nodeKeys());
      expect({ status: res.status, code: res.body.code }).toEqual({ status: 401, code: 'ENROLLMENT_TOKEN_INVALID' });
    });

    it('refuses a proof signed by a key other than the one submitted (400 PROOF_KEY_MISMATCH), leaving the token usable', async () => {
      const keys = await nodeKeys();
      const stranger = await nodeKeys();
      const token = await issue();
      const claims = { aud: AUD, iat: Math.floor(Date.now() / 1000), exp: Math.floor(Date.now() / 1000) + 60, jti: randomBytes(16).toString('hex'), token_hash: tokenHash(token), inbox_url: 'https://x.example/v1/inbox', jwks: keys.jwks };
      for (const proof of [
        // Named and signed by a key outside the submitted set.
        await signJws(JSON.stringify(claims), stranger.sig.privateJwk, { alg: 'EdDSA', kid: stranger.sig.kid, typ: ENROLLMENT_PROOF_TYP }),
        // Naming the submitted key, signed by another.
        await enrolmentProof(token, keys, { signWith: stranger.sig }),
      ]) {
        const res = await enrol(token, keys, proof);
        expect({ status: res.status, code: res.body.code }).toEqual({ status: 400, code: 'PROOF_KEY_MISMATCH' });
      }
      expect((await enrol(token, keys)).status).toBe(201);
    });

    it('refuses a proof bound to another token, for another hub, or expired (400 PROOF_INVALID)', async () => {
      const keys = await nodeKeys();
      const [token, other] = [await issue(), await issue()];
      const bound = await enrol(token, keys, await enrolmentProof(other, keys));
      expect({ status: bound.status, code: bound.body.code, message: bound.body.message }).toEqual({ status: 400, code: 'PROOF_INVALID', message: 'the proof is bound to another enrolment token' });
      const proof = await enrolmentProof(token, keys);
      clock.advance(125_000);
      const expired = await enrol(token, keys, proof);
      expect({ status: expired.status, code: expired.body.code }).toEqual({ status: 400, code: 'PROOF_INVALID' });
      clock.set(Date.now());
      const foreign = await createKeyProof({ typ: ENROLLMENT_PROOF_TYP, aud: 'another-hub', jwks: keys.jwks, claims: { token_hash: tokenHash(token), inbox_url: 'https://x.example/v1/inbox' }, privateKey: keys.sig.privateJwk, kid: keys.sig.kid, alg: 'EdDSA', ttlSeconds: 60 });
      expect((await enrol(token, keys, foreign)).body.code).toBe('PROOF_INVALID');
    });

    it('enrols a node again at its inbox URL only once its signing key is out of service: same id, pending, old keys retired', async () => {
      const inboxUrl = 'https://fr-again.node.example/v1/inbox';
      const first = await nodeKeys();
      const firstToken = await issue();
      const enrolled = await enrol(firstToken, first, await enrolmentProof(firstToken, first, { inboxUrl }));
      const nodeId = enrolled.body.nodeId as string;
      await approve(nodeId).expect(200);

      const second = await nodeKeys();
      const token = await issue();
      const refused = await enrol(token, second, await enrolmentProof(token, second, { inboxUrl }));
      expect({ status: refused.status, code: refused.body.code }).toEqual({ status: 409, code: 'NODE_ALREADY_REGISTERED' });
      expect((await me({ id: nodeId }, first.sig)).status).toBe(200);

      await revoke(first.sig.kid, { reason: 'key-compromise' }).expect(200);
      const again = await enrol(token, second, await enrolmentProof(token, second, { inboxUrl }));
      expect(again.status).toBe(201);
      expect(again.body).toMatchObject({ nodeId, status: 'pending', reenrolled: true });
      const keys = (await keyListing()).keys.filter((k) => k.nodeId === nodeId);
      expect(keys.find((k) => k.kid === first.enc.kid)).toMatchObject({ state: 'retired', supersededBy: second.enc.kid });
      expect(keys.find((k) => k.kid === second.sig.kid)).toMatchObject({ state: 'active', nodeStatus: 'pending' });
      expect((await audit('node.re-enrolled')).at(-1)).toMatchObject({ nodeId, kids: [second.sig.kid, second.enc.kid], retired: [first.enc.kid] });
      await approve(nodeId).expect(200);
      expect((await me({ id: nodeId }, second.sig)).status).toBe(200);
    });

    it('retires on re-enrolment a key not yet valid (a rotation on a replica whose clock runs ahead), which would otherwise take over later', async () => {
      const inboxUrl = 'https://fr-ahead.node.example/v1/inbox';
      const first = await nodeKeys();
      const firstToken = await issue();
      const nodeId = (await enrol(firstToken, first, await enrolmentProof(firstToken, first, { inboxUrl }))).body.nodeId as string;
      await approve(nodeId).expect(200);
      const ahead = await nodeKeys();
      await sql(database.url, `INSERT INTO node_key (kid, node_id, use, alg, public_jwk, not_before, not_after) VALUES ($1, $2, 'sig', 'EdDSA', $3, now() + interval '1 hour', now() + interval '90 days')`, [
        ahead.sig.kid,
        nodeId,
        JSON.stringify(ahead.sig.publicJwk),
      ]);
      await revoke(first.sig.kid, { reason: 'key-compromise' }).expect(200);

      const second = await nodeKeys();
      const token = await issue();
      expect((await enrol(token, second, await enrolmentProof(token, second, { inboxUrl }))).status).toBe(201);
      const keys = (await keyListing()).keys.filter((k) => k.nodeId === nodeId);
      expect(keys.find((k) => k.kid === ahead.sig.kid)).toMatchObject({ state: 'retired', supersededBy: second.sig.kid });
      expect((await audit('node.re-enrolled')).at(-1)).toMatchObject({ nodeId, retired: expect.arrayContaining([ahead.sig.kid, first.enc.kid]) });
    });

    it('lists each wrong field of the body (400 VALIDATION) and refuses bad keys or inbox URLs (400)', async () => {
      const res = await http().post('/v1/enrollments').send({ token: 'short', proof: 42, extra: true });
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('VALIDATION');
      expect(res.body.issues.map((i: { path: string }) => i.path)).toEqual(expect.arrayContaining(['/token', '/proof']));
      expect(JSON.stringify(res.body)).not.toContain('short');

      const keys = await nodeKeys();
      const token = await issue();
      const onlySig = { ...keys, jwks: { keys: [keys.sig.publicJwk] } };
      expect((await enrol(token, keys, await enrolmentProof(token, onlySig))).body.code).toBe('JWKS_INVALID');
      expect((await enrol(token, keys, await enrolmentProof(token, keys, { inboxUrl: 'ftp://x.example/inbox' }))).body.code).toBe('INBOX_URL_INVALID');
      expect((await enrol(token, keys)).status).toBe(201);
    });
  });

  describe('rotation', () => {
    async function rotate(node: TestNode, next: Keys, options: { iss?: string; authKey?: GeneratedKeyPair } = {}) {
      const proof = await createKeyProof({ typ: KEY_ROTATION_PROOF_TYP, aud: AUD, iss: options.iss ?? node.id, jwks: next.jwks, privateKey: next.sig.privateJwk, kid: next.sig.kid, alg: 'EdDSA', ttlSeconds: 60, now: clock.now() });
      return http()
        .post('/v1/nodes/me/keys')
        .set('Authorization', `Bearer ${await assertionOf(node, options.authKey ?? node.sig)}`)
        .send({ proof });
    }

    it('keeps the old keys valid inside the overlap window and refuses them just after it (UNKNOWN_KEY), messages and assertions alike', async () => {
      const fr = await enrolledNode();
      const next = await nodeKeys();
      const rotatedAt = clock.now().getTime();
      const res = await rotate(fr, next);
      expect(res.status).toBe(200);
      const retiresAt = new Date(rotatedAt + OVERLAP_SECONDS * 1000).toISOString();
      expect(res.body).toMatchObject({
        nodeId: fr.id,
        added: [expect.objectContaining({ kid: next.sig.kid, use: 'sig' }), expect.objectContaining({ kid: next.enc.kid, use: 'enc' })],
        retiring: [
          { kid: fr.sig.kid, use: 'sig', retiresAt },
          { kid: fr.enc.kid, use: 'enc', retiresAt },
        ],
      });
      const listed = (await snapshot()).nodes.find((n) => n.id === fr.id)!.keys;
      expect(listed.map((k) => [k.kid, k.retiresAt])).toEqual(
        expect.arrayContaining([
          [fr.sig.kid, retiresAt],
          [next.sig.kid, null],
        ]),
      );
      expect((await audit('node.keys-rotated')).at(-1)).toMatchObject({ actor: { kind: 'node', nodeId: fr.id }, kids: [next.sig.kid, next.enc.kid] });

      clock.set(rotatedAt + OVERLAP_SECONDS * 1000 - 1);
      expect(await submit(fr, fr.sig)).toMatchObject({ status: 202 });
      expect(await submit(fr, next.sig)).toMatchObject({ status: 202 });
      expect((await me(fr, fr.sig)).status).toBe(200);

      clock.set(rotatedAt + OVERLAP_SECONDS * 1000);
      expect(await submit(fr, fr.sig, next.sig)).toMatchObject({ status: 403, code: 'UNKNOWN_KEY' });
      expect((await me(fr, fr.sig)).body).toMatchObject({ code: 'UNKNOWN_KEY', message: 'the key was replaced by a rotation and its overlap window has ended' });
      expect(await submit(fr, next.sig)).toMatchObject({ status: 202 });
    });

    it('refuses a proof for another node or signed by a key it does not submit (400), keys already registered (409), and an unauthenticated call (401)', async () => {
      const fr = await enrolledNode();
      const next = await nodeKeys();
      expect((await rotate(fr, next, { iss: de.id })).body.code).toBe('PROOF_INVALID');
      const mixed = { ...next, sig: fr.sig, jwks: { keys: [fr.sig.publicJwk, next.enc.publicJwk] } };
      expect((await rotate(fr, mixed)).body).toMatchObject({ code: 'KEY_ALREADY_REGISTERED' });
      // Names the new signing key, signed by the current one: no proof of possession of the new key.
      const forged = await createKeyProof({ typ: KEY_ROTATION_PROOF_TYP, aud: AUD, iss: fr.id, jwks: next.jwks, privateKey: fr.sig.privateJwk, kid: next.sig.kid, alg: 'EdDSA', ttlSeconds: 60, now: clock.now() });
      const wrong = await http().post('/v1/nodes/me/keys').set('Authorization', `Bearer ${await assertionOf(fr, fr.sig)}`).send({ proof: forged });
      expect({ status: wrong.status, code: wrong.body.code }).toEqual({ status: 400, code: 'PROOF_KEY_MISMATCH' });
      expect((await http().post('/v1/nodes/me/keys').send({ proof: 'a.b.c' })).status).toBe(401);
      // Nothing of the refused attempts was registered: the same keys rotate in fine.
      expect((await rotate(fr, next)).status).toBe(200);
    });
  });

  describe('revocation', () => {
    it('accepts what is signed just before the effective time and refuses it at and after (REVOKED_KEY); what was accepted stays so', async () => {
      // A second signing key authenticates the calls, so that the message's own key is what is judged.
      const second = await generateSigningKeyPair('Ed25519');
      const fr = await enrolledNode('FR-CYBERDOUANE', second);
      const effective = clock.now().getTime() + 60_000;
      const revoked = await revoke(fr.sig.kid, { effectiveAt: new Date(effective).toISOString(), reason: 'key-compromise' }).expect(200);
      expect(revoked.body).toMatchObject({ kid: fr.sig.kid, state: 'active', revokedAt: new Date(effective).toISOString(), directoryVersion: expect.any(Number) });
      // Auditors read the keys; only coordinators revoke.
      expect((await admin('post', `/v1/admin/keys/${fr.enc.kid}/revoke`, 'auditor').send({})).status).toBe(403);
      expect((await snapshot()).nodes.find((n) => n.id === fr.id)!.keys.find((k) => k.kid === fr.sig.kid)).toMatchObject({ revokedAt: new Date(effective).toISOString() });

      clock.set(effective - 1);
      const before = await submit(fr, fr.sig, second);
      expect(before).toMatchObject({ status: 202 });
      expect((await me(fr, fr.sig)).status).toBe(200);
      clock.set(effective);
      expect(await submit(fr, fr.sig, second)).toMatchObject({ status: 403, code: 'REVOKED_KEY' });
      expect((await me(fr, fr.sig)).body).toMatchObject({ code: 'REVOKED_KEY', message: 'the key was revoked' });
      clock.set(effective + 1_000);
      expect(await submit(fr, fr.sig, second)).toMatchObject({ status: 403, code: 'REVOKED_KEY' });
      expect(await submit(fr, second)).toMatchObject({ status: 202 });
      expect(await sql(database.url, 'SELECT status FROM message WHERE id = $1', [before.id])).toEqual([{ status: 'accepted' }]);

      expect((await audit('node.key-revoked')).at(-1)).toMatchObject({ actor: COORDINATOR, kid: fr.sig.kid, nodeId: fr.id, effectiveAt: new Date(effective).toISOString(), reason: 'key-compromise' });
    });

    it('brings a revocation forward but never pushes it back (KEY_ALREADY_REVOKED), and refuses an unknown kid (KEY_NOT_FOUND)', async () => {
      const fr = await enrolledNode();
      const now = clock.now().getTime();
      await revoke(fr.enc.kid, { effectiveAt: new Date(now + DAY).toISOString() }).expect(200);
      expect(await revoke(fr.enc.kid, { effectiveAt: new Date(now + 2 * DAY).toISOString() })).toMatchObject({ status: 409, body: { code: 'KEY_ALREADY_REVOKED' } });
      expect((await revoke(fr.enc.kid).expect(200)).body).toMatchObject({ state: 'revoked' });
      expect(await revoke('x'.repeat(43))).toMatchObject({ status: 404, body: { code: 'KEY_NOT_FOUND' } });
      const invalid = await revoke(fr.sig.kid, { effectiveAt: 'tomorrow', reason: 'bored' });
      expect({ status: invalid.status, code: invalid.body.code, paths: invalid.body.issues.map((i: { path: string }) => i.path) }).toEqual({ status: 400, code: 'VALIDATION', paths: ['/effectiveAt', '/reason'] });
      // A refused revocation changed nothing: the signing key still works.
      expect((await me(fr, fr.sig)).status).toBe(200);
    });

    it('refuses an effective time that is not a date (February 30th, a leap second) with 400 VALIDATION, revoking nothing', async () => {
      const fr = await enrolledNode();
      for (const effectiveAt of ['2025-02-30T00:00:00Z', '2030-12-31T23:59:60Z', '2030-04-31T12:00:00.5Z']) {
        const res = await revoke(fr.sig.kid, { effectiveAt });
        expect({ status: res.status, code: res.body.code, paths: res.body.issues?.map((i: { path: string }) => i.path) }).toEqual({ status: 400, code: 'VALIDATION', paths: ['/effectiveAt'] });
      }
      expect(await sql(database.url, 'SELECT revoked_at FROM node_key WHERE kid = $1', [fr.sig.kid])).toEqual([{ revoked_at: null }]);
      // A real date with fractions of a second is taken as it is.
      expect((await revoke(fr.sig.kid, { effectiveAt: '2030-12-31T23:59:59.999Z' }).expect(200)).body).toMatchObject({ revokedAt: '2030-12-31T23:59:59.999Z' });
    });
  });

  describe('expiry warnings', () => {
    it('warns 30 days ahead: a key expiring in 29 days is named in /health and the listing, one in 31 days is not', async () => {
      const now = clock.now();
      const register = async (days: number) => {
        const keys = await nodeKeys();
        const unitId = days === 29 ? 'AT-CICU' : 'BE-CICU';
        await app.get(DirectoryService).registerNode(unitId, `https://${unitId.toLowerCase()}.node.example/v1/inbox`, keys.jwks, { notBefore: now, notAfter: new Date(now.getTime() + days * DAY) });
        return keys;
      };
      const [soon, later] = [await register(29), await register(31)];

      const health = await http().get('/health').expect(200);
      expect(health.body.details.keys).toMatchObject({ status: 'up', degraded: true, warningDays: 30 });
      const warned = health.body.details.keys.warnings.map((w: { kid: string }) => w.kid);
      expect(warned).toEqual(expect.arrayContaining([soon.sig.kid, soon.enc.kid]));
      expect(warned).not.toContain(later.sig.kid);
      expect(health.body.details.keys.warnings.find((w: { kid: string }) => w.kid === soon.sig.kid)).toEqual({
        nodeId: expect.any(String),
        unitId: 'AT-CICU',
        kid: soon.sig.kid,
        use: 'sig',
        notAfter: new Date(now.getTime() + 29 * DAY).toISOString(),
        expiresInDays: 29,
        warning: 'expiring',
      });
      expect(JSON.stringify(health.body)).not.toContain(soon.sig.publicJwk.x);

      // The admin listing, which auditors may read too.
      const listing = await keyListing('auditor');
      expect(listing.warningDays).toBe(30);
      expect(listing.keys.find((k) => k.kid === soon.sig.kid)).toMatchObject({ expiresInDays: 29, warning: 'expiring', state: 'active', unitId: 'AT-CICU' });
      expect(listing.keys.find((k) => k.kid === later.sig.kid)).toMatchObject({ expiresInDays: 31, warning: null, state: 'active' });
      expect(listing.keys.find((k) => k.kid === later.sig.kid)).not.toHaveProperty('publicJwk');

      // Thirty days later the first has expired (and says so), the second is now in its window.
      clock.set(now.getTime() + 30 * DAY);
      const after = (await keyListing()).keys;
      expect(after.find((k) => k.kid === soon.sig.kid)).toMatchObject({ state: 'expired', warning: 'expired', expiresInDays: -1 });
      expect(after.find((k) => k.kid === later.sig.kid)).toMatchObject({ warning: 'expiring', expiresInDays: 1 });
    });
  });
});
