import { type KeyObject } from 'node:crypto';
import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import {
  canonicalJsonBytes,
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
import { HUB_CONFIG, type HubConfig } from '../config/hub-config';
import { type HubKeyEntity } from './hub-key.entity';
import { HubKeysRepository } from './hub-keys.repository';
import { HubKeyError } from './hub-keys.errors';

interface SigningKey {
  kid: string;
  alg: JwsAlgorithm;
  privateKey: KeyObject;
}

/**
 * The hub's own signing key: made at the first start (Ed25519), stored sealed under
 * OPERATOR_SECRET, opened at every later start. Receipts, snapshots and tree heads are signed
 * with it; its public half is published at /.well-known/jwks.json.
 */
@Injectable()
export class HubKeysService implements OnModuleInit {
  private readonly logger = new Logger(HubKeysService.name);
  private signing: SigningKey | undefined;
  private jwks: JsonWebKeySet<PublicJwk> = { keys: [] };

  constructor(
    private readonly repository: HubKeysRepository,
    @Inject(HUB_CONFIG) private readonly config: HubConfig,
  ) {}

  async onModuleInit(): Promise<void> {
    const stored = (await this.repository.findCurrent()) ?? (await this.createKey());
    this.signing = await this.open(stored);
    this.jwks = { keys: (await this.repository.findAll()).map((key) => ({ ...key.publicJwk })) };
  }

  /** kid of the key that signs now. */
  get kid(): string {
    return this.current().kid;
  }

  /**
   * Compact JWS over `payload` (RFC 8785 canonical JSON of a value, or the bytes given) with
   * protected header {alg, kid, typ}.
   */
  async sign(payload: unknown, typ: string): Promise<string> {
    const { kid, alg, privateKey } = this.current();
    const bytes = payload instanceof Uint8Array ? payload : canonicalJsonBytes(payload);
    return signJws(bytes, privateKey, { alg, kid, typ });
  }

  /** The hub's public keys, current and retired (they still verify what they signed). */
  publicJwks(): JsonWebKeySet<PublicJwk> {
    return { keys: this.jwks.keys.map((key) => ({ ...key })) };
  }

  private current(): SigningKey {
    if (this.signing === undefined) throw new HubKeyError('HUB_KEY_NOT_LOADED', 'the hub signing key is not loaded yet');
    return this.signing;
  }

  private async createKey(): Promise<HubKeyEntity> {
    // Generated and sealed outside the transaction (sealing is slow on purpose); if another
    // replica stored its key first, that one wins and this one is dropped unseen.
    const pair = await generateSigningKeyPair('Ed25519');
    const sealed = await sealPrivateJwk(pair.privateJwk, this.config.OPERATOR_SECRET, { pbes2Count: this.config.SEAL_PBES2_COUNT });
    const stored = await this.repository.insertIfNoCurrent({ kid: pair.kid, alg: 'EdDSA', publicJwk: pair.publicJwk, sealedPrivateJwk: sealed });
    if (stored.kid === pair.kid) this.logger.log(`hub signing key ${pair.kid} created`);
    return stored;
  }

  private async open(stored: HubKeyEntity): Promise<SigningKey> {
    let jwk: unknown;
    try {
      // Any count the hub itself could have sealed with is accepted; a lower one than now
      // configured is re-sealed below.
      jwk = await unsealPrivateJwk(stored.sealedPrivateJwk, this.config.OPERATOR_SECRET, { minPbes2Count: MIN_SEAL_PBES2_COUNT });
    } catch (cause) {
      if (isCryptoError(cause) && cause.code === 'KEY_UNSEAL_FAILED') {
        throw new HubKeyError(
          'HUB_KEY_UNSEAL_FAILED',
          `OPERATOR_SECRET does not open the hub signing key ${stored.kid} stored in the database: start the hub with the secret it was first started with`,
          { cause },
        );
      }
      throw new HubKeyError('HUB_KEY_CORRUPT', `the stored hub signing key ${stored.kid} is not a sealed key this hub can read`, { cause });
    }
    let privateKey: KeyObject;
    let publicJwk: PublicJwk;
    try {
      privateKey = importPrivateJwk(jwk, { use: 'sig', alg: stored.alg });
      publicJwk = await toPublicJwk(jwk, 'sig');
    } catch (cause) {
      throw new HubKeyError('HUB_KEY_CORRUPT', `the stored hub signing key ${stored.kid} is not a usable signing key`, { cause });
    }
    // The row's kid and public JWK are what verifiers are told; they must be this key's.
    if ((await jwkThumbprint(jwk)) !== stored.kid || publicJwk.x !== stored.publicJwk.x || publicJwk.y !== stored.publicJwk.y) {
      throw new HubKeyError('HUB_KEY_CORRUPT', `the sealed hub signing key does not match its published public key ${stored.kid}`);
    }
    if (sealedCount(stored.sealedPrivateJwk) < this.config.SEAL_PBES2_COUNT) {
      const resealed = await sealPrivateJwk(jwk, this.config.OPERATOR_SECRET, { pbes2Count: this.config.SEAL_PBES2_COUNT });
      await this.repository.replaceSealed(stored.kid, stored.sealedPrivateJwk, resealed);
      this.logger.log(`hub signing key ${stored.kid} re-sealed with ${this.config.SEAL_PBES2_COUNT} PBKDF2 iterations`);
    }
    return { kid: stored.kid, alg: stored.alg, privateKey };
  }
}

/** p2c of a sealed key (already checked by unsealPrivateJwk, so well-formed here). */
function sealedCount(sealed: string): number {
  const header = JSON.parse(Buffer.from(sealed.split('.')[0] ?? '', 'base64url').toString('utf8')) as { p2c?: unknown };
  return typeof header.p2c === 'number' ? header.p2c : 0;
}
