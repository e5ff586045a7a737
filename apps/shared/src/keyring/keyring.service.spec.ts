import { Logger } from '@nestjs/common';
import { encryptJwe, ENROLLMENT_PROOF_TYP, generateEncryptionKeyPair, generateSigningKeyPair, sealPrivateJwk, verifyJws, verifyKeyProof } from '@cicu/crypto';
import { type KeyringOptions } from './keyring.options';
import { type KeyringRepository, type NewLocalKey } from './keyring.repository';
import { KeyringService } from './keyring.service';
import { type KeyPurpose, type LocalKeyEntity } from './local-key.entity';

const SECRET = 'unit-test-operator-secret';

/** The repository's contract, in memory. */
class MemoryKeyring implements Pick<KeyringRepository, 'findCurrent' | 'findAll' | 'insertIfNone' | 'promotePending' | 'replaceSealed'> {
  rows: LocalKeyEntity[] = [];

  async findCurrent(purpose: KeyPurpose) {
    return this.rows.find((r) => r.purpose === purpose && r.retiredAt === null && !r.pending);
  }
  async findAll(purposes: readonly KeyPurpose[]) {
    return this.rows.filter((r) => purposes.includes(r.purpose)).map((r) => ({ ...r }));
  }
  async insertIfNone(key: NewLocalKey, pending = false) {
    const existing = this.rows.find((r) => r.purpose === key.purpose && r.retiredAt === null && r.pending === pending);
    if (existing) return existing;
    const row = { ...key, createdAt: new Date(), retiredAt: null, pending };
    this.rows.push(row);
    return row;
  }
  async promotePending(purposes: readonly KeyPurpose[], now: Date) {
    const pending = this.rows.filter((r) => purposes.includes(r.purpose) && r.pending);
    for (const key of pending) {
      for (const r of this.rows) if (r.purpose === key.purpose && r.retiredAt === null && !r.pending) r.retiredAt = now;
      key.pending = false;
    }
    return pending.map((r) => r.kid);
  }
  async replaceSealed(kid: string, expected: string, sealed: string) {
    const row = this.rows.find((r) => r.kid === kid && r.sealedPrivateJwk === expected);
    if (row) row.sealedPrivateJwk = sealed;
  }
}

function service(repository: MemoryKeyring, options: Partial<KeyringOptions> = {}): KeyringService {
  return new KeyringService(repository as unknown as KeyringRepository, { secret: SECRET, pbes2Count: 1000, purposes: ['sig', 'enc'], ...options });
}

const p2c = (sealed: string): unknown => JSON.parse(Buffer.from(sealed.split('.')[0]!, 'base64url').toString()).p2c;
const text = (bytes: Uint8Array): string => new TextDecoder().decode(bytes);

describe('KeyringService', () => {
  beforeAll(() => Logger.overrideLogger(false));
  afterAll(() => Logger.overrideLogger(['log', 'error', 'warn', 'debug', 'verbose', 'fatal']));

  it('makes an Ed25519 signing key at the first start, stores it sealed, and signs with it', async () => {
    const repository = new MemoryKeyring();
    const keys = service(repository, { purposes: ['sig'] });
    await keys.onModuleInit();

    expect(repository.rows).toHaveLength(1);
    const [row] = repository.rows;
    expect(row!.purpose).toBe('sig');
    expect(row!.publicJwk).toMatchObject({ kty: 'OKP', crv: 'Ed25519', kid: row!.kid, use: 'sig', alg: 'EdDSA' });
    expect(row!.publicJwk).not.toHaveProperty('d');
    expect(p2c(row!.sealedPrivateJwk)).toBe(1000);
    expect(keys.publicJwks()).toEqual({ keys: [row!.publicJwk] });
    expect(keys.signingKid).toBe(row!.kid);

    const jws = await keys.sign({ b: 1, a: 'x' }, 'cicu-test+jws');
    const verified = await verifyJws(jws, () => row!.publicJwk, { typ: 'cicu-test+jws' });
    expect(text(verified.payload)).toBe('{"a":"x","b":1}');
    expect(verified.kid).toBe(row!.kid);
  });

  it('signs the bytes given as they are', async () => {
    const repository = new MemoryKeyring();
    const keys = service(repository, { purposes: ['sig'] });
    await keys.onModuleInit();
    const jws = await keys.sign(new TextEncoder().encode('{"b":1, "a":2}'), 'cicu-test+jws');
    expect(text((await verifyJws(jws, () => repository.rows[0]!.publicJwk, { typ: 'cicu-test+jws' })).payload)).toBe('{"b":1, "a":2}');
  });

  it('makes an X25519 encryption key too when asked, and opens what is encrypted to it', async () => {
    const repository = new MemoryKeyring();
    const keys = service(repository);
    await keys.onModuleInit();

    const enc = repository.rows.find((r) => r.purpose === 'enc')!;
    expect(enc.publicJwk).toMatchObject({ kty: 'OKP', crv: 'X25519', kid: enc.kid, use: 'enc', alg: 'ECDH-ES+A256KW' });
    expect(keys.encryptionKid).toBe(enc.kid);
    expect(keys.publicJwks().keys.map((k) => k.use).sort()).toEqual(['enc', 'sig']);

    const jwe = await encryptJwe(new TextEncoder().encode('secret request'), enc.publicJwk, { kid: enc.kid });
    expect(text((await keys.decrypt(jwe)).plaintext)).toBe('secret request');
  });

  it('opens a JWE to a retired encryption key, and refuses one naming no key of its own', async () => {
    const repository = new MemoryKeyring();
    await service(repository).onModuleInit();
    const old = repository.rows.find((r) => r.purpose === 'enc')!;
    old.retiredAt = new Date();
    const keys = service(repository);
    await keys.onModuleInit();

    expect(keys.encryptionKid).not.toBe(old.kid);
    expect(keys.publicJwks().keys.map((k) => k.kid)).toContain(old.kid);
    const toOld = await encryptJwe(new TextEncoder().encode('sent before rotation'), old.publicJwk, { kid: old.kid });
    expect(text((await keys.decrypt(toOld)).plaintext)).toBe('sent before rotation');

    const stranger = await generateEncryptionKeyPair('X25519');
    const toStranger = await encryptJwe(new TextEncoder().encode('x'), stranger.publicJwk, { kid: stranger.kid });
    await expect(keys.decrypt(toStranger)).rejects.toMatchObject({ code: 'KEYRING_KEY_NOT_FOUND' });
    const noKid = await encryptJwe(new TextEncoder().encode('x'), old.publicJwk);
    await expect(keys.decrypt(noKid)).rejects.toMatchObject({ code: 'KEYRING_KEY_NOT_FOUND' });
    await expect(keys.decrypt('not.a.jwe')).rejects.toMatchObject({ code: 'KEYRING_KEY_NOT_FOUND' });
  });

  it('opens the stored keys at a later start instead of making new ones', async () => {
    const repository = new MemoryKeyring();
    const first = service(repository);
    await first.onModuleInit();
    const again = service(repository);
    await again.onModuleInit();
    expect(repository.rows).toHaveLength(2);
    expect([again.signingKid, again.encryptionKid]).toEqual([first.signingKid, first.encryptionKid]);
  });

  it('refuses to start with another secret, naming OPERATOR_SECRET', async () => {
    const repository = new MemoryKeyring();
    await service(repository).onModuleInit();
    await expect(service(repository, { secret: 'another-operator-secret' }).onModuleInit()).rejects.toMatchObject({
      code: 'KEYRING_UNSEAL_FAILED',
      message: expect.stringContaining('OPERATOR_SECRET does not open the signing key'),
    });
  });

  it('refuses a stored key that is not the one its row publishes', async () => {
    const repository = new MemoryKeyring();
    await service(repository, { purposes: ['sig'] }).onModuleInit();
    const other = await generateSigningKeyPair('Ed25519');
    repository.rows[0]!.sealedPrivateJwk = await sealPrivateJwk(other.privateJwk, SECRET, { pbes2Count: 1000 });
    await expect(service(repository, { purposes: ['sig'] }).onModuleInit()).rejects.toMatchObject({ code: 'KEYRING_CORRUPT' });
  });

  it('re-seals a key sealed with fewer iterations than now configured', async () => {
    const repository = new MemoryKeyring();
    await service(repository).onModuleInit();
    await service(repository, { pbes2Count: 2000 }).onModuleInit();
    expect(repository.rows.map((r) => p2c(r.sealedPrivateJwk))).toEqual([2000, 2000]);
  });

  it('does not sign or decrypt before the keys are loaded, nor decrypt without an encryption key', async () => {
    await expect(service(new MemoryKeyring()).sign({}, 'cicu-test+jws')).rejects.toMatchObject({ code: 'KEYRING_NOT_LOADED' });
    const hubLike = service(new MemoryKeyring(), { purposes: ['sig'] });
    await hubLike.onModuleInit();
    await expect(hubLike.decrypt('a.b.c.d.e')).rejects.toMatchObject({ code: 'KEYRING_NOT_LOADED', message: expect.stringContaining('not kept by this app') });
    expect(() => hubLike.encryptionKid).toThrow(/not kept by this app/);
  });

  describe('rotation', () => {
    it('makes a pending pair once, proves its possession, decrypts with it already, and signs with it only once promoted', async () => {
      const repository = new MemoryKeyring();
      const keys = service(repository);
      await keys.onModuleInit();
      const [oldSig, oldEnc] = [keys.signingKid, keys.encryptionKid];

      const pending = await keys.pendingKeys();
      expect(pending.keys.map((k) => k.use)).toEqual(['sig', 'enc']);
      expect((await keys.pendingKeys()).keys.map((k) => k.kid)).toEqual(pending.keys.map((k) => k.kid));
      expect(repository.rows).toHaveLength(4);
      // Not published, not signing yet.
      expect(keys.publicJwks().keys.map((k) => k.kid)).toEqual([oldSig, oldEnc]);
      expect(keys.signingKid).toBe(oldSig);

      const now = new Date();
      const proof = await keys.createKeyProof({ typ: ENROLLMENT_PROOF_TYP, aud: 'cicu-hub', claims: { token_hash: 'h', inbox_url: 'https://x.example' }, ttlSeconds: 60, now }, 'pending');
      const verified = await verifyKeyProof(proof, { typ: ENROLLMENT_PROOF_TYP, audience: 'cicu-hub', now });
      expect(verified.kid).toBe(pending.keys[0]!.kid);
      expect(verified.jwks).toEqual(pending);
      const current = await verifyKeyProof(await keys.createKeyProof({ typ: ENROLLMENT_PROOF_TYP, aud: 'cicu-hub', ttlSeconds: 60, now }, 'current'), { typ: ENROLLMENT_PROOF_TYP, audience: 'cicu-hub', now });
      expect(current.kid).toBe(oldSig);

      const toPending = await encryptJwe(new TextEncoder().encode('early sender'), pending.keys[1]!, { kid: pending.keys[1]!.kid });
      expect(text((await keys.decrypt(toPending)).plaintext)).toBe('early sender');

      expect(await keys.promotePending(now)).toEqual(pending.keys.map((k) => k.kid));
      expect([keys.signingKid, keys.encryptionKid]).toEqual(pending.keys.map((k) => k.kid));
      expect(repository.rows.filter((r) => r.retiredAt !== null).map((r) => r.kid)).toEqual([oldSig, oldEnc]);
      expect(keys.publicJwks().keys).toHaveLength(4);
      await expect(keys.createKeyProof({ typ: ENROLLMENT_PROOF_TYP, aud: 'cicu-hub', ttlSeconds: 60 }, 'pending')).rejects.toMatchObject({ code: 'KEYRING_NOT_LOADED' });
    });

    it('picks up keys another process promoted (reloadIfChanged), and a JWE to a key it has not loaded yet', async () => {
      const repository = new MemoryKeyring();
      const running = service(repository);
      await running.onModuleInit();
      const command = service(repository);
      await command.onModuleInit();
      const pending = await command.pendingKeys();
      const toPending = await encryptJwe(new TextEncoder().encode('to the next key'), pending.keys[1]!, { kid: pending.keys[1]!.kid });
      // The running process has never seen the pending key: decrypt looks again.
      expect(text((await running.decrypt(toPending)).plaintext)).toBe('to the next key');

      await command.promotePending();
      expect(running.signingKid).not.toBe(pending.keys[0]!.kid);
      expect(await running.reloadIfChanged()).toBe(true);
      expect(running.signingKid).toBe(pending.keys[0]!.kid);
      expect(await running.reloadIfChanged()).toBe(false);
    });
  });
});
