import { type KeyObject } from 'node:crypto';
import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import {
  type AssertionTyp,
  canonicalJsonBytes,
  createClientAssertion,
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

/**
 * The app's own keys: made at the first start (sig: Ed25519, enc: X25519), stored sealed
 * under OPERATOR_SECRET, opened at every later start. Signs with the current signing key,
 * decrypts with whichever encryption key (current or retired) a JWE names, and publishes the
 * public halves at /.well-known/jwks.json.
 */
@Injectable()
export class KeyringService implements OnModuleInit {
  private readonly logger = new Logger(KeyringService.name);
  private signing: OpenedKey | undefined;
  private encryption: OpenedKey | undefined;
  /** Every encryption key, current and retired, by kid: senders may still hold an older one. */
  private decryptionKeys = new Map<string, KeyObject>();
  private jwks: JsonWebKeySet<PublicJwk> = { keys: [] };

  constructor(
    private readonly repository: KeyringRepository,
    @Inject(KEYRING_OPTIONS) private readonly options: KeyringOptions,
  ) {}

  async onModuleInit(): Promise<void> {
    const purposes = [...new Set(this.options.purposes)];
    const current = new Map<KeyPurpose, string>();
    for (const purpose of purposes) {
      const stored = (await this.repository.findCurrent(purpose)) ?? (await this.createKey(purpose));
      current.set(purpose, stored.kid);
    }
    const rows = await this.repository.findAll(purposes);
    const decryptionKeys = new Map<string, KeyObject>();
    for (const row of rows) {
      const isCurrent = current.get(row.purpose) === row.kid;
      // A retired signing key only verifies, which needs no private half: it stays sealed.
      if (row.purpose === 'sig' && !isCurrent) continue;
      const opened = await this.open(row);
      if (row.purpose === 'enc') decryptionKeys.set(row.kid, opened.privateKey);
      if (isCurrent && row.purpose === 'sig') this.signing = opened;
      if (isCurrent && row.purpose === 'enc') this.encryption = opened;
    }
    this.decryptionKeys = decryptionKeys;
    this.jwks = { keys: rows.map((row) => ({ ...row.publicJwk })) };
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

  private async createKey(purpose: KeyPurpose): Promise<LocalKeyEntity> {
    // Generated and sealed outside the transaction (sealing is slow on purpose); if another
    // replica stored its key first, that one wins and this one is dropped unseen.
    const pair = purpose === 'sig' ? await generateSigningKeyPair('Ed25519') : await generateEncryptionKeyPair('X25519');
    const sealed = await sealPrivateJwk(pair.privateJwk, this.options.secret, { pbes2Count: this.options.pbes2Count });
    const stored = await this.repository.insertIfNoCurrent({ kid: pair.kid, purpose, alg: pair.publicJwk.alg, publicJwk: pair.publicJwk, sealedPrivateJwk: sealed });
    if (stored.kid === pair.kid) this.logger.log(`${LABEL[purpose]} key ${pair.kid} created`);
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
