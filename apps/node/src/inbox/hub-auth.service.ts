import { Inject, Injectable, Logger } from '@nestjs/common';
import { HUB_ASSERTION_TYP, isCryptoError, MAX_CLIENT_ASSERTION_TTL_SECONDS, verifyClientAssertion } from '@cicu/crypto';
import { NODE_CONFIG, type NodeConfig } from '../config/node-config';
import { NodeDirectoryService } from '../directory/node-directory.service';
import { HubJtiCache } from './hub-jti-cache';
import { InboxError } from './inbox.errors';

const CLOCK_TOLERANCE_SECONDS = 5;

/**
 * Authenticates the hub when it pushes to this node: its assertion (typ HUB_ASSERTION_TYP)
 * must be signed by a trusted hub key, say iss = HUB_AUDIENCE (the hub's identity) and
 * aud = this node's NODE_ID, and carry a jti not seen before.
 */
@Injectable()
export class HubAuthService {
  private readonly logger = new Logger(HubAuthService.name);

  constructor(
    @Inject(NODE_CONFIG) private readonly config: NodeConfig,
    private readonly directory: NodeDirectoryService,
    private readonly replays: HubJtiCache,
  ) {}

  async authenticate(assertion: string, now: Date = new Date()): Promise<void> {
    const nodeId = this.config.NODE_ID;
    if (!this.directory.active || nodeId === undefined) {
      throw new InboxError('NOT_ENROLLED', 'this node has no HUB_URL or NODE_ID yet: it cannot authenticate the hub');
    }
    let verified;
    try {
      // The resolver's nodeId is what iss must equal: for the hub, its identity HUB_AUDIENCE.
      verified = await verifyClientAssertion(
        assertion,
        (kid) => {
          const key = this.directory.hubKey(kid);
          return key && { key, nodeId: this.config.HUB_AUDIENCE };
        },
        { audience: nodeId, now, typ: HUB_ASSERTION_TYP, maxTtlSeconds: MAX_CLIENT_ASSERTION_TTL_SECONDS, clockToleranceSeconds: CLOCK_TOLERANCE_SECONDS },
      );
    } catch (error) {
      if (!isCryptoError(error)) throw error;
      this.logger.warn({ code: error.code }, 'hub assertion refused');
      throw new InboxError('HUB_ASSERTION_INVALID', `the hub assertion is not valid (${error.code})`, { cause: error });
    }
    const ttlMs = (verified.exp + CLOCK_TOLERANCE_SECONDS) * 1000 - now.getTime();
    let first: boolean;
    try {
      first = await this.replays.firstUse(this.config.UNIT_ID, verified.jti, ttlMs);
    } catch (cause) {
      // Fail closed: without the cache an intercepted assertion could be replayed.
      throw new InboxError('AUTH_UNAVAILABLE', 'replay cache unavailable', { cause });
    }
    if (!first) throw new InboxError('REPLAY', 'this hub assertion (jti) was already used');
  }
}
