import { createHash } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { ENROLLMENT_PROOF_TYP, KEY_ROTATION_PROOF_TYP } from '@cicu/crypto';
import { CLOCK, type Clock, KeyringService } from '@cicu/shared';
import { NODE_CONFIG, type NodeConfig } from '../config/node-config';
import { NodeDirectoryService } from '../directory/node-directory.service';
import { type EnrolledNode, HubClient, type RotatedKeys } from '../hub-client/hub-client';
import { HubClientError } from '../hub-client/hub-client.errors';
import { NodeKeysError } from './node-keys.errors';

/** A proof is made just before it is sent; the hub takes at most 300 s. */
const PROOF_TTL_SECONDS = 120;

export interface RotationOutcome {
  /** The kids now current on this node (its new signing and encryption keys). */
  promoted: string[];
  /** The hub's answer; undefined when an earlier, interrupted run had registered the keys already. */
  rotated: RotatedKeys | undefined;
}

/**
 * The node's side of enrolment and rotation (docs/adr-key-lifecycle.md), run by its command
 * (scripts/node-cli.ts). New keys are made and sealed in the keyring as pending before the
 * hub hears of them, and become current only once the hub has registered them: a run cut
 * short anywhere loses no private key and can be repeated.
 */
@Injectable()
export class NodeKeysService {
  private readonly logger = new Logger(NodeKeysService.name);

  constructor(
    @Inject(NODE_CONFIG) private readonly config: NodeConfig,
    private readonly keyring: KeyringService,
    private readonly hub: HubClient,
    private readonly directory: NodeDirectoryService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /**
   * Enrols this node with the coordinator's one-time token: its public keys (made at its first
   * start, or new ones with `newKeys`, e.g. after a revocation) and its inbox URL
   * (PUBLIC_URL/v1/inbox), in a proof signed by the signing key submitted and bound to the token.
   */
  async enroll(token: string, options: { newKeys?: boolean } = {}): Promise<EnrolledNode> {
    const set = options.newKeys === true ? 'pending' : 'current';
    if (set === 'pending') await this.keyring.pendingKeys();
    const proof = await this.keyring.createKeyProof(
      {
        typ: ENROLLMENT_PROOF_TYP,
        aud: this.config.HUB_AUDIENCE,
        claims: { token_hash: createHash('sha256').update(token, 'ascii').digest('base64url'), inbox_url: `${this.config.PUBLIC_URL}/v1/inbox` },
        ttlSeconds: PROOF_TTL_SECONDS,
        now: this.clock.now(),
      },
      set,
    );
    const enrolled = await this.hub.enroll(token, proof);
    if (set === 'pending') await this.keyring.promotePending(this.clock.now());
    return enrolled;
  }

  /**
   * Registers a new signing and encryption key with the hub (authenticated with the current
   * signing key, proving possession of the new one), then makes them current here. A hub that
   * refuses them as already registered to this very node (an earlier run whose answer was
   * lost) is checked against its signed directory, and the keys are made current.
   */
  async rotate(): Promise<RotationOutcome> {
    const nodeId = this.config.NODE_ID;
    if (nodeId === undefined) throw new NodeKeysError('NOT_ENROLLED', 'NODE_ID is not set: enrol the node first (enroll <hub-url> <token>)');
    const pending = await this.keyring.pendingKeys();
    const proof = await this.keyring.createKeyProof({ typ: KEY_ROTATION_PROOF_TYP, aud: this.config.HUB_AUDIENCE, iss: nodeId, ttlSeconds: PROOF_TTL_SECONDS, now: this.clock.now() }, 'pending');
    let rotated: RotatedKeys | undefined;
    try {
      rotated = await this.hub.rotateKeys(proof);
    } catch (error) {
      if (!(error instanceof HubClientError && error.refusal?.code === 'KEY_ALREADY_REGISTERED' && (await this.hubListsAsOurs(pending.keys.map((k) => k.kid), nodeId)))) throw error;
      this.logger.log('the hub had registered these keys already (an earlier run): making them current');
    }
    return { promoted: await this.keyring.promotePending(this.clock.now()), rotated };
  }

  /** Whether the hub's signed directory lists every one of `kids` for this node. */
  private async hubListsAsOurs(kids: string[], nodeId: string): Promise<boolean> {
    await this.directory.refresh();
    return kids.every((kid) => {
      const sig = this.directory.lookupKey(kid, 'sig');
      const found = 'key' in sig ? sig : this.directory.lookupKey(kid, 'enc');
      return 'key' in found && found.key.nodeId === nodeId;
    });
  }
}
