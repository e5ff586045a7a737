import { Logger } from '@nestjs/common';
import { canonicalJsonBytes, generateSigningKeyPair, type GeneratedKeyPair, type PublicJwk, signJws } from '@cicu/crypto';
import { loadNodeConfig } from '../config/node-config';
import { type DirectoryFetch, type HubClient } from '../hub-client/hub-client';
import { HeldDirectoryVersion } from '../hub-client/held-directory-version';
import { type NodeDirectoryRepository } from './directory.repository';
import { NodeDirectoryService } from './node-directory.service';
import { DIRECTORY_SNAPSHOT_TYP } from './snapshot';

const clock = { now: () => new Date() };
const config = loadNodeConfig({ UNIT_ID: 'DE-ZIRE', OPERATOR_SECRET: 'unit-test-operator-secret', HUB_URL: 'http://hub.test', DIRECTORY_MAX_AGE_SECONDS: '600' });

function payload(version: number) {
  return { version, issuedAt: '2026-01-01T00:00:00Z', memberStates: [], units: [], nodes: [], legalBases: [], agreements: [] };
}

/** An in-memory repository with the same contract as NodeDirectoryRepository. */
function memoryRepository() {
  const trust: { kid: string; jwk: PublicJwk; firstSeen: Date }[] = [];
  const snapshots = new Map<number, { version: number; jws: string; fetchedAt: Date }>();
  return {
    trust,
    snapshots,
    trustedHubKeys: async () => [...trust],
    pinHubKeys: async (keys: PublicJwk[], at: Date) => {
      for (const jwk of keys) if (!trust.some((t) => t.kid === jwk.kid)) trust.push({ kid: jwk.kid, jwk, firstSeen: at });
    },
    latestSnapshot: async () => [...snapshots.values()].sort((a, b) => b.version - a.version)[0],
    saveSnapshot: async (version: number, jws: string, fetchedAt: Date) => void snapshots.set(version, { version, jws, fetchedAt }),
    touchSnapshot: async (version: number, fetchedAt: Date) => {
      const row = snapshots.get(version);
      if (row) row.fetchedAt = fetchedAt;
    },
  };
}

describe('NodeDirectoryService', () => {
  let hubKey: GeneratedKeyPair;
  let otherKey: GeneratedKeyPair;
  beforeAll(async () => {
    Logger.overrideLogger(false);
    [hubKey, otherKey] = await Promise.all([generateSigningKeyPair('Ed25519'), generateSigningKeyPair('Ed25519')]);
  });

  const sign = (value: unknown, key = hubKey) => signJws(canonicalJsonBytes(value), key.privateJwk, { alg: 'EdDSA', kid: key.kid, typ: DIRECTORY_SNAPSHOT_TYP });

  function setup(responses: (() => Promise<DirectoryFetch>)[]) {
    const repository = memoryRepository();
    const hub = {
      configured: true,
      jwks: jest.fn(async () => ({ keys: [hubKey.publicJwk] })),
      directory: jest.fn(async () => {
        const next = responses.shift();
        if (!next) throw new Error('no more responses');
        return next();
      }),
    };
    const held = new HeldDirectoryVersion();
    const service = new NodeDirectoryService(config, repository as unknown as NodeDirectoryRepository, hub as unknown as HubClient, held, clock);
    return { service, repository, hub, held };
  }

  it('pins the hub keys on first use, then stores and uses a verified snapshot', async () => {
    const { service, repository, hub, held } = setup([async () => ({ status: 'ok', jws: await sign(payload(2)), etag: '"2"' })]);
    expect(held.get()).toBeUndefined();
    await service.onApplicationBootstrap();
    expect(repository.trust.map((t) => t.kid)).toEqual([hubKey.kid]);
    expect(service.version).toBe(2);
    // What the hub client reports to the hub on each call it signs.
    expect(held.get()).toBe(2);
    expect([...repository.snapshots.keys()]).toEqual([2]);
    expect(hub.directory).toHaveBeenCalledWith(undefined);
  });

  it('pins the hub keys once when the refresh job runs while the start-up loads them', async () => {
    const snapshot = async () => ({ status: 'ok' as const, jws: await sign(payload(2)), etag: '"2"' });
    const { service, repository, hub } = setup([snapshot, snapshot]);
    const pinned = jest.spyOn(repository, 'pinHubKeys');
    await Promise.all([service.onApplicationBootstrap(), service.refresh()]);
    expect(hub.jwks).toHaveBeenCalledTimes(1);
    expect(pinned).toHaveBeenCalledTimes(1);
    expect(repository.trust.map((t) => t.kid)).toEqual([hubKey.kid]);
    expect(service.version).toBe(2);
  });

  it('sends the held version as If-None-Match and treats 304 as a fresh confirmation', async () => {
    const { service, hub } = setup([async () => ({ status: 'ok', jws: await sign(payload(2)), etag: '"2"' }), async () => ({ status: 'not-modified' })]);
    await service.onApplicationBootstrap();
    const later = new Date(Date.now() + 3_600_000);
    expect(await service.refresh(later)).toEqual({ version: 2, changed: false });
    expect(hub.directory).toHaveBeenLastCalledWith('"2"');
    expect(service.status(later)).toMatchObject({ version: 2, ageSeconds: 0, stale: false });
  });

  it('refuses a lower version than the one held (SNAPSHOT_ROLLBACK) and keeps the held one', async () => {
    const { service } = setup([async () => ({ status: 'ok', jws: await sign(payload(5)), etag: '"5"' }), async () => ({ status: 'ok', jws: await sign(payload(4)), etag: '"4"' })]);
    await service.onApplicationBootstrap();
    await expect(service.refresh()).rejects.toMatchObject({ code: 'SNAPSHOT_ROLLBACK' });
    expect(service.version).toBe(5);
  });

  it('refuses a snapshot signed by a key that is not pinned (SNAPSHOT_INVALID)', async () => {
    const { service } = setup([async () => ({ status: 'ok', jws: await sign(payload(1), otherKey), etag: '"1"' })]);
    await service.onApplicationBootstrap();
    expect(service.version).toBeUndefined();
    expect(service.status()).toMatchObject({ active: true, stale: true });
  });

  it('reports stale once the hub has not confirmed the snapshot for DIRECTORY_MAX_AGE_SECONDS', async () => {
    const { service } = setup([async () => ({ status: 'ok', jws: await sign(payload(1)), etag: '"1"' })]);
    const start = new Date();
    await service.onApplicationBootstrap();
    expect(service.status(new Date(start.getTime() + 590_000)).stale).toBe(false);
    expect(service.status(new Date(start.getTime() + 700_000)).stale).toBe(true);
  });

  it('starts from the stored snapshot when the hub does not answer', async () => {
    const { service, repository } = setup([
      async () => {
        throw new Error('ECONNREFUSED');
      },
    ]);
    await repository.pinHubKeys([hubKey.publicJwk], new Date());
    await repository.saveSnapshot(3, await sign(payload(3)), new Date());
    await service.onApplicationBootstrap();
    expect(service.version).toBe(3);
  });
});
