import { type KeyObject } from 'node:crypto';
import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import {
  type AssertionTyp,
  canonicalJsonBytes,
  createClientAssertion,
  createKeyProof,
  type CreateKeyProofOptions,
  type DecryptedJwe,
  decryptJwe,
  type DecryptJweOptions,
  generateEncryptionKeyPair,
  generateSigningKeyPair,
  importPrivateJwk,
  isCryptoError,
  type JsonWebKeySet,
  type JwsAlgorithm,
  jwkThumbprint,
  MIN_SEAL_PBES2_COUNT,
  type PublicJwk,
  sealPrivateJwk,
  signJws,
  toPublicJwk,
  unsealPrivateJwk,
} from '@cicu/crypto';
import { KeyringError } from './keyring.errors';
import { KEYRING_OPTIONS, type KeyringOptions } from './keyring.options';
import { KeyringRepository } from './keyring.repository';
import { type KeyPurpose, type LocalKeyEntity } from './local-key.entity';

interface OpenedKey {
  kid: string;
  alg: LocalKeyEntity['alg'];
  privateKey: KeyObject;
}

const LABEL: Record<KeyPurpose, string> = { sig: 'signing', enc: 'encryption' };

/** Which of the app's key pairs a proof of possession covers and is signed with. */
export type KeySet = 'current' | 'pending';

/** What a caller sets of a key proof; the keyring adds the keys, the kid, alg and signature. */
export type KeyProofRequest = Omit<CreateKeyProofOptions, 'jwks' | 'privateKey' | 'kid' | 'alg'>;

// A JWE naming a kid this process has not opened makes it look in the database again (a key
// rotated by the node's command meanwhile), at most this often: garbage kids cost no queries.
const RELOAD_INTERVAL_MS = 5_000;

/**
 * The app's own keys: made at the first start (sig: Ed25519, enc: X25519), stored sealed
 * under OPERATOR_SECRET, opened at every later start. Signs with the current signing key,
 * decrypts with whichever encryption key (current, pending or retired) a JWE names, and
 * publishes the public halves (current and retired) at /.well-known/jwks.json.
 *
 * Rotation (docs/adr-key-lifecycle.md): `pendingKeys()` makes and stores the next pair before
 * the hub hears of them, `createKeyProof(…, 'pending')` proves their possession,
 * `promotePending()` makes them current once the hub registered them. Another process (the
 * node's rotate-keys command) may do that: `reloadIfChanged()` picks the change up.
 */
@Injectable()
export class KeyringService implements OnModuleInit {
  private readonly logger = new Logger(KeyringService.name);
  private signing: OpenedKey | undefined;
  private encryption: OpenedKey | undefined;
  /** Every encryption key, current, pending and retired, by kid: senders may hold any of them. */
  private decryptionKeys = new Map<string, KeyObject>();
  /** Keys opened so far, by kid: unsealing is slow by design, so a reload opens only new ones. */
  private readonly opened = new Map<string, OpenedKey>();
  private jwks: JsonWebKeySet<PublicJwk> = { keys: [] };
  /** The rows as last loaded. */
  private rows: LocalKeyEntity[] = [];
  /** kids of the current and pending keys as last loaded: what reloadIfChanged compares. */
  private loadedKids = '';
  private lastReload = 0;

  constructor(
    private readonly repository: KeyringRepository,
    @Inject(KEYRING_OPTIONS) private readonly options: KeyringOptions,
  ) {}

  async onModuleInit(): Promise<void> {
    for (const purpose of this.purposes()) {
      if ((await this.repository.findCurrent(purpose)) === undefined) await this.createKey(purpose, false);
    }
    await this.load();
  }

  /** Reads the keys again when their current or pending set changed in the database; true if it did. */
  async reloadIfChanged(): Promise<boolean> {
    this.lastReload = Date.now();
    const rows = await this.repository.findAll(this.purposes());
    if (fingerprint(rows) === this.loadedKids) return false;
    await this.load(rows);
    return true;
  }

  /**
   * The public halves of the pending key pair (signing and encryption), made and stored now
   * if there is none: the same pair until promotePending(), so an interrupted rotation resumes.
   */
  async pendingKeys(): Promise<JsonWebKeySet<PublicJwk>> {
    for (const purpose of this.purposes()) {
      const rows = await this.repository.findAll([purpose]);
      if (!rows.some((row) => row.pending)) await this.createKey(purpose, true);
    }
    await this.load();
    return { keys: this.purposes().map((purpose) => ({ ...this.pendingRow(purpose).publicJwk })) };
  }

  /**
   * A proof of possession (createKeyProof) of the current or the pending key pair, signed with
   * that pair's signing key and carrying its public keys.
   */
  async createKeyProof(request: KeyProofRequest, set: KeySet): Promise<string> {
    const rows = set === 'current' ? this.purposes().map((purpose) => this.currentRow(purpose)) : this.purposes().map((purpose) => this.pendingRow(purpose));
    const sig = rows.find((row) => row.purpose === 'sig');
    if (sig === undefined) throw new KeyringError('KEYRING_NOT_LOADED', 'the signing key is not kept by this app');
    const { privateKey, alg, kid } = await this.openRow(sig);
    return createKeyProof({ ...request, jwks: { keys: rows.map((row) => ({ ...row.publicJwk })) }, privateKey, kid, alg: alg as JwsAlgorithm });
  }

  /** The pending pair becomes current, the current one retires (it still decrypts); returns the kids promoted. */
  async promotePending(now: Date = new Date()): Promise<string[]> {
    const promoted = await this.repository.promotePending(this.purposes(), now);
    await this.load();
    for (const kid of promoted) this.logger.log(`key ${kid} is now current`);
    return promoted;
  }

  /** kid of the key that signs now. */
  get signingKid(): string {
    return this.loaded('sig').kid;
  }

  /** kid of the key senders should encrypt to now. */
  get encryptionKid(): string {
    return this.loaded('enc').kid;
  }

  /**
   * Compact JWS over `payload` (RFC 8785 canonical JSON of a value, or the bytes given) with
   * protected header {alg, kid, typ}.
   */
  async sign(payload: unknown, typ: string): Promise<string> {
    const { kid, alg, privateKey } = this.loaded('sig');
    const bytes = payload instanceof Uint8Array ? payload : canonicalJsonBytes(payload);
    return signJws(bytes, privateKey, { alg: alg as JwsAlgorithm, kid, typ });
  }

  /**
   * A short-lived client assertion (RFC 7523 style) signed with the current signing key: a
   * node's to the hub (iss = its node id, aud = the hub), or the hub's to a node (typ
   * HUB_ASSERTION_TYP, iss = the hub's identity, aud = the node id). The private key never
   * leaves this service.
   */
  async createAssertion(options: { iss: string; aud: string; typ: AssertionTyp; ttlSeconds: number }): Promise<string> {
    const { kid, alg, privateKey } = this.loaded('sig');
    return createClientAssertion({ ...options, privateKey, kid, alg: alg as JwsAlgorithm });
  }

  /**
   * Opens a compact JWE addressed to one of this app's encryption keys, chosen by the JWE's
   * `kid`. Refusals of the JWE itself are decryptJwe's CryptoErrors.
   */
  async decrypt(compactJwe: string, options?: DecryptJweOptions): Promise<DecryptedJwe> {
    if (this.encryption === undefined) this.loaded('enc');
    const kid = jweKid(compactJwe);
    if (kid !== undefined && !this.decryptionKeys.has(kid) && Date.now() - this.lastReload >= RELOAD_INTERVAL_MS) await this.reloadIfChanged();
    const key = kid === undefined ? undefined : this.decryptionKeys.get(kid);
    if (key === undefined) throw new KeyringError('KEYRING_KEY_NOT_FOUND', 'the JWE does not name an encryption key of this app');
    return decryptJwe(compactJwe, key, options);
  }

  /** The app's public keys, current and retired, each with kid, use and alg. */
  publicJwks(): JsonWebKeySet<PublicJwk> {
    return { keys: this.jwks.keys.map((key) => ({ ...key })) };
  }

  private loaded(purpose: KeyPurpose): OpenedKey {
    const key = purpose === 'sig' ? this.signing : this.encryption;
    if (key === undefined) {
      const why = this.options.purposes.includes(purpose) ? 'is not loaded yet' : 'is not kept by this app';
      throw new KeyringError('KEYRING_NOT_LOADED', `the ${LABEL[purpose]} key ${why}`);
    }
    return key;
  }

  private purposes(): KeyPurpose[] {
    return [...new Set(this.options.purposes)];
  }

  /**
   * (Re)reads every key: opens the current signing key and every encryption key (those opened
   * before are reused), publishes current and retired public keys. Pending keys never sign
   * and are not published, but already decrypt: senders may learn of them before this process
   * learns they were promoted.
   */
  private async load(rows?: LocalKeyEntity[]): Promise<void> {
    const all = rows ?? (await this.repository.findAll(this.purposes()));
    const decryptionKeys = new Map<string, KeyObject>();
    let signing: OpenedKey | undefined;
    let encryption: OpenedKey | undefined;
    for (const row of all) {
      const isCurrent = row.retiredAt === null && !row.pending;
      // A retired or pending signing key signs nothing now, which needs no private half: it stays sealed.
      if (row.purpose === 'sig' && !isCurrent) continue;
      const opened = await this.openRow(row);
      if (row.purpose === 'enc') decryptionKeys.set(row.kid, opened.privateKey);
      if (isCurrent && row.purpose === 'sig') signing = opened;
      if (isCurrent && row.purpose === 'enc') encryption = opened;
    }
    this.rows = all;
    this.signing = signing;
    this.encryption = encryption;
    this.decryptionKeys = decryptionKeys;
    this.jwks = { keys: all.filter((row) => !row.pending).map((row) => ({ ...row.publicJwk })) };
    this.loadedKids = fingerprint(all);
  }

  private currentRow(purpose: KeyPurpose): LocalKeyEntity {
    const row = this.rows.find((r) => r.purpose === purpose && r.retiredAt === null && !r.pending);
    if (row === undefined) throw new KeyringError('KEYRING_NOT_LOADED', `the ${LABEL[purpose]} key is not loaded yet`);
    return row;
  }

  private pendingRow(purpose: KeyPurpose): LocalKeyEntity {
    const row = this.rows.find((r) => r.purpose === purpose && r.pending);
    if (row === undefined) throw new KeyringError('KEYRING_NOT_LOADED', `no pending ${LABEL[purpose]} key: make one with pendingKeys()`);
    return row;
  }

  private async openRow(row: LocalKeyEntity): Promise<OpenedKey> {
    const known = this.opened.get(row.kid);
    if (known !== undefined) return known;
    const opened = await this.open(row);
    this.opened.set(row.kid, opened);
    return opened;
  }

  private async createKey(purpose: KeyPurpose, pending: boolean): Promise<LocalKeyEntity> {
    // Generated and sealed outside the transaction (sealing is slow on purpose); if another
    // replica stored its key first, that one wins and this one is dropped unseen.
    const pair = purpose === 'sig' ? await generateSigningKeyPair('Ed25519') : await generateEncryptionKeyPair('X25519');
    const sealed = await sealPrivateJwk(pair.privateJwk, this.options.secret, { pbes2Count: this.options.pbes2Count });
    const stored = await this.repository.insertIfNone({ kid: pair.kid, purpose, alg: pair.publicJwk.alg, publicJwk: pair.publicJwk, sealedPrivateJwk: sealed }, pending);
    if (stored.kid === pair.kid) this.logger.log(`${pending ? 'pending ' : ''}${LABEL[purpose]} key ${pair.kid} created`);
    return stored;
  }

  private async open(stored: LocalKeyEntity): Promise<OpenedKey> {
    const label = LABEL[stored.purpose];
    let jwk: unknown;
    try {
      // Any count this app itself could have sealed with is accepted; a lower one than now
      // configured is re-sealed below.
      jwk = await unsealPrivateJwk(stored.sealedPrivateJwk, this.options.secret, { minPbes2Count: MIN_SEAL_PBES2_COUNT });
    } catch (cause) {
      if (isCryptoError(cause) && cause.code === 'KEY_UNSEAL_FAILED') {
        throw new KeyringError(
          'KEYRING_UNSEAL_FAILED',
          `OPERATOR_SECRET does not open the ${label} key ${stored.kid} stored in the database: start with the secret this app was first started with`,
          { cause },
        );
      }
      throw new KeyringError('KEYRING_CORRUPT', `the stored ${label} key ${stored.kid} is not a sealed key this app can read`, { cause });
    }
    let privateKey: KeyObject;
    let publicJwk: PublicJwk;
    try {
      privateKey = importPrivateJwk(jwk, { use: stored.purpose, alg: stored.alg });
      publicJwk = await toPublicJwk(jwk, stored.purpose);
    } catch (cause) {
      throw new KeyringError('KEYRING_CORRUPT', `the stored ${label} key ${stored.kid} is not a usable ${label} key`, { cause });
    }
    // The row's kid and public JWK are what peers are told; they must be this key's.
    if ((await jwkThumbprint(jwk)) !== stored.kid || publicJwk.x !== stored.publicJwk.x || publicJwk.y !== stored.publicJwk.y) {
      throw new KeyringError('KEYRING_CORRUPT', `the sealed ${label} key does not match its published public key ${stored.kid}`);
    }
    if (sealedCount(stored.sealedPrivateJwk) < this.options.pbes2Count) {
      const resealed = await sealPrivateJwk(jwk, this.options.secret, { pbes2Count: this.options.pbes2Count });
      await this.repository.replaceSealed(stored.kid, stored.sealedPrivateJwk, resealed);
      this.logger.log(`${label} key ${stored.kid} re-sealed with ${this.options.pbes2Count} PBKDF2 iterations`);
    }
    return { kid: stored.kid, alg: stored.alg, privateKey };
  }
}

/** The current and pending kids of a key list, as one comparable string. */
function fingerprint(rows: LocalKeyEntity[]): string {
  return rows
    .filter((row) => row.retiredAt === null)
    .map((row) => `${row.pending ? 'p' : 'c'}:${row.kid}`)
    .sort()
    .join(',');
}

/** p2c of a sealed key (already checked by unsealPrivateJwk, so well-formed here). */
function sealedCount(sealed: string): number {
  const header = JSON.parse(Buffer.from(sealed.split('.')[0] ?? '', 'base64url').toString('utf8')) as { p2c?: unknown };
  return typeof header.p2c === 'number' ? header.p2c : 0;
}

/**
 * The kid of a compact JWE's protected header, or undefined. The JWE is attacker-controlled;
 * this only picks a key, so anything malformed yields undefined and decryptJwe, which parses
 * strictly, never sees a key chosen from garbage.
 */
function jweKid(compact: unknown): string | undefined {
  if (typeof compact !== 'string') return undefined;
  const [protectedHeader] = compact.split('.', 1);
  if (protectedHeader === undefined || protectedHeader.length > 4096 || !/^[A-Za-z0-9_-]+$/.test(protectedHeader)) return undefined;
  try {
    const header: unknown = JSON.parse(Buffer.from(protectedHeader, 'base64url').toString('utf8'));
    if (typeof header !== 'object' || header === null) return undefined;
    const kid = (header as { kid?: unknown }).kid;
    return typeof kid === 'string' ? kid : undefined;
  } catch {
    return undefined;
  }
}
