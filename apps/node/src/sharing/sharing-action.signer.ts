import { randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { canonicalJson, controlNumber } from '@cicu/crypto';
import { SHARING_ACTION_TYP, type SharingActionClaims, type SharingActionName } from '@cicu/protocol';
import { KeyringService } from '@cicu/shared';
import { NODE_CONFIG, type NodeConfig } from '../config/node-config';
import { type OfficerView } from '../officers/officers.service';

/** An action signed for an officer, with the content it covers as sent (canonical JSON). */
export interface SignedAction {
  jws: string;
  /** The RFC 8785 canonical JSON of the content; `sha256:` of it is the action's digest. */
  content: string;
  digest: string;
}

/**
 * Signs, with this node's signing key, an officer's action in the experience-sharing space
 * (library today, forum later): the hub verifies it with this node's directory key and keeps
 * it as the proof that this officer of this unit submitted exactly this content
 * (docs/adr-library.md). One fresh jti per action: a retry is a new action.
 */
@Injectable()
export class SharingActionSigner {
  constructor(
    private readonly keyring: KeyringService,
    @Inject(NODE_CONFIG) private readonly config: NodeConfig,
  ) {}

  async sign(officer: Pick<OfficerView, 'id' | 'displayName'>, action: SharingActionName, content: unknown, now: Date = new Date()): Promise<SignedAction> {
    const canonical = canonicalJson(content);
    const digest = controlNumber(new TextEncoder().encode(canonical));
    const claims: SharingActionClaims = {
      v: 1,
      kind: 'sharing-action',
      action,
      officer: { id: officer.id, displayName: officer.displayName },
      unit: this.config.UNIT_ID,
      digest,
      iat: Math.floor(now.getTime() / 1000),
      jti: randomBytes(18).toString('base64url'),
    };
    return { jws: await this.keyring.sign(claims, SHARING_ACTION_TYP), content: canonical, digest };
  }
}
