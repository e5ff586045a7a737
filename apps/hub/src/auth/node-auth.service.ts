import { Inject, Injectable, Logger } from '@nestjs/common';
import { type ClientAssertionKey, isCryptoError, MAX_CLIENT_ASSERTION_TTL_SECONDS, verifyClientAssertion } from '@cicu/crypto';
import { CLOCK, type Clock } from '@cicu/shared';
import { HUB_CONFIG, type HubConfig } from '../config/hub-config';
import { DirectoryService } from '../directory/directory.service';
import { type NodeKeyView } from '../directory/directory.views';
import { type KeyRefusal, keyRefusalAt } from '../directory/key-validity';
import { type AuthenticatedNode, rememberAuthenticationLookups } from './authenticated-node';
import { JtiReplayCache } from './jti-replay-cache';
import { NodeAuthError, nodeAuthCodeOf } from './node-auth.errors';
import { NodeContacts } from './node-contacts';

const CLOCK_TOLERANCE_SECONDS = 5;

/** Authenticates a node from its client assertion (RFC 7523-style private_key_jwt). */
@Injectable()
export class NodeAuthService {
  private readonly logger = new Logger(NodeAuthService.name);

  constructor(
    private readonly directory: DirectoryService,
    private readonly replays: JtiReplayCache,
    private readonly contacts: NodeContacts,
    @Inject(HUB_CONFIG) private readonly config: HubConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /**
   * Verifies the assertion against the directory's keys only, then the sender's standing,
   * then burns its jti. Throws NodeAuthError; the assertion itself is never logged. `reported`:
   * what the node says of itself on this call (its directory version), kept as its health.
   */
  async authenticate(assertion: string, now: Date = this.clock.now(), reported: { directoryVersion?: number } = {}): Promise<AuthenticatedNode> {
    // One directory for the whole request: the key, the unit and, in the submission, the routing.
    const directory = await this.directory.view();
    let key: NodeKeyView | undefined;
    let refusal: KeyRefusal | undefined;
    let verified;
    try {
      verified = await verifyClientAssertion(
        assertion,
        async (kid): Promise<ClientAssertionKey | undefined> => {
          const found = directory.key(kid);
          refusal = keyRefusalAt(found, 'sig', now);
          key = refusal === undefined ? found : undefined;
          return key && { key: key.publicJwk, nodeId: key.nodeId };
        },
        { audience: this.config.HUB_AUDIENCE, now, maxTtlSeconds: MAX_CLIENT_ASSERTION_TTL_SECONDS, clockToleranceSeconds: CLOCK_TOLERANCE_SECONDS },
      );
    } catch (error) {
      if (!isCryptoError(error)) throw error;
      // A key the directory lists but that may not sign now says why (REVOKED_KEY or UNKNOWN_KEY).
      const listed = error.code === 'JWS_KID_UNKNOWN' ? refusal : undefined;
      const code = listed?.reason ?? nodeAuthCodeOf(error.code);
      if (code === undefined) throw error;
      throw this.refuse(new NodeAuthError(code, listed?.why ?? error.message, { cause: error }), key?.kid);
    }
    // verifyClientAssertion only succeeds after the resolver returned this key.
    const { nodeId, unitId, kid } = key as NodeKeyView;

    // Standing is checked after the signature, so only the key holder learns it.
    if (key?.nodeStatus !== 'active') throw this.refuse(new NodeAuthError('NODE_NOT_ACTIVE', `node is ${key?.nodeStatus}`), kid);
    const unit = directory.unit(unitId);
    if (unit?.status !== 'active') throw this.refuse(new NodeAuthError('SENDER_SUSPENDED', `unit ${unitId} is ${unit?.status ?? 'unknown'}`), kid);

    // Kept until the assertion would be refused as expired anyway (exp + tolerance).
    const ttlMs = (verified.exp + CLOCK_TOLERANCE_SECONDS) * 1000 - now.getTime();
    let first: boolean;
    try {
      first = await this.replays.firstUse(nodeId, verified.jti, ttlMs);
    } catch (cause) {
      // Fail closed: without the replay cache an intercepted assertion could be reused.
      throw this.refuse(new NodeAuthError('AUTH_UNAVAILABLE', 'replay cache unavailable', { cause }), kid);
    }
    if (!first) throw this.refuse(new NodeAuthError('REPLAY', 'this assertion (jti) was already used'), kid);
    const node: AuthenticatedNode = { nodeId, unitId, kid };
    await this.contacts.seen(nodeId, now, reported.directoryVersion);
    rememberAuthenticationLookups(node, { key: key as NodeKeyView, unit, directory });
    return node;
  }

  private refuse(error: NodeAuthError, kid: string | undefined): NodeAuthError {
    this.logger.warn({ code: error.code, kid }, `node authentication refused: ${error.message}`);
    return error;
  }
}
