import { Logger } from '@nestjs/common';
import { generateSigningKeyPair, sealPrivateJwk, verifyJws } from '@cicu/crypto';
import { type HubConfig } from '../config/hub-config';
import { type HubKeyEntity } from './hub-key.entity';
import { type HubKeysRepository, type NewHubKey } from './hub-keys.repository';
import { HubKeysService } from './hub-keys.service';

const SECRET = 'unit-test-operator-secret';

/** The repository's contract, in memory. */
class MemoryHubKeys implements Pick<HubKeysRepository, 'findCurrent' | 'findAll' | 'insertIfNoCurrent' | 'replaceSealed'> {
  rows: HubKeyEntity[] = [];

  async findCurrent() {
    return this.rows.find((r) => r.retiredAt === null);
  }
  async findAll() {
    return [...this.rows];
  }
  async insertIfNoCurrent(key: NewHubKey) {
    const current = await this.findCurrent();
    if (current) return current;
    const row = { ...key, createdAt: new Date(), retiredAt: null };
    this.rows.push(row);
    return row;
  }
  async replaceSealed(kid: string, expected: string, sealed: string) {
    const row = this.rows.find((r) => r.kid === kid && r.sealedPrivateJwk === expected);
    if (row) row.sealedPrivateJwk = sealed;
  }
}

function service(repository: MemoryHubKeys, config: Partial<HubConfig> = {}): HubKeysService {
  return new HubKeysService(repository as unknown as HubKeysRepository, { OPERATOR_SECRET: SECRET, SEAL_PBES2_COUNT: 1000, ...config } as HubConfig);
}

const p2c = (sealed: string): unknown => JSON.parse(Buffer.from(sealed.split('.')[0]!, 'base64url').toString()).p2c;

describe('HubKeysService', () => {
  beforeAll(() => Logger.overrideLogger(false));
  afterAll(() => Logger.overrideLogger(['log', 'error', 'warn', 'debug', 'verbose', 'fatal']));

  it('makes an Ed25519 key at the first start, stores it sealed, and signs with it', async () => {
    const repository = new MemoryHubKeys();
    const keys = service(repository);
    await keys.onModuleInit();

    expect(repository.rows).toHaveLength(1);
    const [row] = repository.rows;
    expect(row!.publicJwk).toMatchObject({ kty: 'OKP', crv: 'Ed25519', kid: row!.kid, use: 'sig', alg: 'EdDSA' });
    expect(row!.publicJwk).not.toHaveProperty('d');
    expect(p2c(row!.sealedPrivateJwk)).toBe(1000);
    expect(keys.publicJwks()).toEqual({ keys: [row!.publicJwk] });

    const jws = await keys.sign({ b: 1, a: 'x' }, 'cicu-test+jws');
    const verified = await verifyJws(jws, () => row!.publicJwk, { typ: 'cicu-test+jws' });
    expect(new TextDecoder().decode(verified.payload)).toBe('{"a":"x","b":1}');
    expect(verified.kid).toBe(row!.kid);
  });

  it('opens the stored key at a later start instead of making a new one', async () => {
    const repository = new MemoryHubKeys();
    await service(repository).onModuleInit();
    const again = service(repository);
    await again.onModuleInit();
    expect(repository.rows).toHaveLength(1);
    expect(again.kid).toBe(repository.rows[0]!.kid);
  });

  it('refuses to start with another secret, naming OPERATOR_SECRET', async () => {
    const repository = new MemoryHubKeys();
    await service(repository).onModuleInit();
    await expect(service(repository, { OPERATOR_SECRET: 'another-operator-secret' }).onModuleInit()).rejects.toMatchObject({
      code: 'HUB_KEY_UNSEAL_FAILED',
      message: expect.stringContaining('OPERATOR_SECRET does not open'),
    });
  });

  it('refuses a stored key that is not the one its row publishes', async () => {
    const repository = new MemoryHubKeys();
    await service(repository).onModuleInit();
    const other = await generateSigningKeyPair('Ed25519');
    repository.rows[0]!.sealedPrivateJwk = await sealPrivateJwk(other.privateJwk, SECRET, { pbes2Count: 1000 });
    await expect(service(repository).onModuleInit()).rejects.toMatchObject({ code: 'HUB_KEY_CORRUPT' });
  });

  it('re-seals a key sealed with fewer iterations than now configured', async () => {
    const repository = new MemoryHubKeys();
    await service(repository).onModuleInit();
    await service(repository, { SEAL_PBES2_COUNT: 2000 }).onModuleInit();
    expect(p2c(repository.rows[0]!.sealedPrivateJwk)).toBe(2000);
  });

  it('does not sign before the key is loaded', async () => {
    await expect(service(new MemoryHubKeys()).sign({}, 'cicu-test+jws')).rejects.toMatchObject({ code: 'HUB_KEY_NOT_LOADED' });
  });
});
