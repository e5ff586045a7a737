import { Injectable } from '@nestjs/common';
import { controlNumber, isCryptoError, parseJsonObject, type PublicJwk, verifyJws } from '@cicu/crypto';
import { SHARING_ACTION_TYP, type SharingActionClaims, type SharingActionName, validateSharingAction } from '@cicu/protocol';
import { type AuthenticatedNode, authenticationLookupsOf } from '../auth/authenticated-node';
import { DirectoryService } from '../directory/directory.service';
import { ActionJtiCache } from './action-jti-cache';
import { SharingError } from './sharing.errors';

/** How far an action's iat may be from the hub's clock, either way. */
export const ACTION_SKEW_SECONDS = 300;
/** An action is a few hundred bytes; anything much larger is not one. */
const MAX_ACTION_BYTES = 8 * 1024;

/** A verified action: its claims, the JWS itself (kept as proof) and its digest. */
export interface VerifiedAction {
  claims: SharingActionClaims;
  jws: string;
  /** `sha256:` of the compact JWS, for the audit log. */
  jwsDigest: string;
  kid: string;
}

/**
 * Verifies the signed action with which a node speaks for one of its officers (docs/adr-library.md):
 * signed by a current signing key of the calling node itself (resolved only through the
 * directory), of typ cicu-sharing-action+jws, naming the calling node's unit, the action the
 * route performs and the digest of the content submitted with it, recent, and new.
 */
@Injectable()
export class SharingActionService {
  constructor(
    private readonly directory: DirectoryService,
    private readonly jtis: ActionJtiCache,
  ) {}

  async verify(node: AuthenticatedNode, jws: unknown, expected: { action: SharingActionName; digest: string }, now: Date = new Date()): Promise<VerifiedAction> {
    if (typeof jws !== 'string' || jws.length === 0) throw new SharingError('ACTION_INVALID', 'the signed action (a compact JWS) is missing');
    const directory = authenticationLookupsOf(node)?.directory ?? (await this.directory.view());
    let verified;
    try {
      verified = await verifyJws(
        jws,
        (kid): PublicJwk | undefined => {
          const key = directory.key(kid);
          const usable = key !== undefined && key.use === 'sig' && key.nodeId === node.nodeId && key.revokedAt === null && key.notBefore <= now && (key.notAfter === null || key.notAfter > now);
          return usable ? key.publicJwk : undefined;
        },
        { typ: SHARING_ACTION_TYP, maxBytes: MAX_ACTION_BYTES },
      );
    } catch (error) {
      if (!isCryptoError(error)) throw error;
      throw new SharingError('ACTION_INVALID', `the signed action was refused (${error.code})`, {}, { cause: error });
    }
    let payload: unknown;
    try {
      payload = parseJsonObject(verified.payload);
    } catch (cause) {
      throw new SharingError('ACTION_INVALID', 'the action payload is not a JSON object', {}, { cause });
    }
    const checked = validateSharingAction(payload);
    if (!checked.ok) throw new SharingError('ACTION_INVALID', 'the action claims fail validation', { issues: checked.errors });
    const claims = checked.value;

    if (claims.unit !== node.unitId) throw new SharingError('ACTION_MISMATCH', `the action names unit ${claims.unit}, not the calling node's`);
    if (claims.action !== expected.action) throw new SharingError('ACTION_MISMATCH', `the action is ${claims.action}, this route performs ${expected.action}`);
    if (claims.digest !== expected.digest) throw new SharingError('ACTION_MISMATCH', 'the action digest is not the digest of the submitted content');
    const nowSeconds = Math.floor(now.getTime() / 1000);
    if (Math.abs(nowSeconds - claims.iat) > ACTION_SKEW_SECONDS) throw new SharingError('ACTION_EXPIRED', `the action's iat is more than ${ACTION_SKEW_SECONDS} s from the hub's clock`);

    let first: boolean;
    try {
      // Kept until the iat could no longer be accepted anyway.
      first = await this.jtis.firstUse(node.nodeId, claims.jti, (claims.iat + ACTION_SKEW_SECONDS + 1) * 1000 - now.getTime());
    } catch (cause) {
      throw new SharingError('SHARING_UNAVAILABLE', 'the replay cache does not answer', {}, { cause });
    }
    if (!first) throw new SharingError('ACTION_REPLAY', 'this action (jti) was submitted before');
    return { claims, jws, jwsDigest: controlNumber(new TextEncoder().encode(jws)), kid: verified.kid };
  }
}
