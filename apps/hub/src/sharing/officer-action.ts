import { Injectable } from '@nestjs/common';
import { canonicalJson, controlNumber } from '@cicu/crypto';
import { type SharingActionName, type ValidationIssue, type ValidationResult } from '@cicu/protocol';
import { type AuthenticatedNode } from '../auth/authenticated-node';
import { SharingActionService } from './sharing-action.service';

/** The officer a node acts for, as its verified action names them. */
export interface OfficerActor {
  unitId: string;
  nodeId: string;
  officerId: string;
  officerName: string;
}

/** What proves the action: the canonical content its digest covers, and the signed JWS itself. */
export interface ActionProof {
  /** RFC 8785 canonical JSON of the content. */
  content: string;
  contentDigest: string;
  jws: string;
  jwsDigest: string;
}

export interface OfficerAction<T> {
  actor: OfficerActor;
  content: T;
  proof: ActionProof;
}

/**
 * The body of every JSON route that performs an officer's action: `{ action, content }`,
 * where `action` is the compact JWS (typ cicu-sharing-action+jws) the node signed over the
 * digest of `content` (docs/adr-forum.md).
 */
export interface OfficerActionBody {
  action?: unknown;
  content?: unknown;
}

const prefixed = (issues: ValidationIssue[], prefix: string): ValidationIssue[] => issues.map((issue) => ({ ...issue, path: `${prefix}${issue.path}` }));

/**
 * Reads an officer's action from a request body: the body's shape, then the content against
 * its protocol schema (VALIDATION issues name `/content/...`), then the signed action over
 * exactly that content (SharingActionService: key of the calling node, unit, action, digest,
 * time, replay). Nothing is stored before all of it holds.
 */
@Injectable()
export class OfficerActionReader {
  constructor(private readonly actions: SharingActionService) {}

  async read<T>(
    node: AuthenticatedNode,
    body: unknown,
    action: SharingActionName,
    validate: (value: unknown) => ValidationResult<T>,
    invalid: (message: string, issues: ValidationIssue[]) => Error,
  ): Promise<OfficerAction<T>> {
    if (typeof body !== 'object' || body === null || Array.isArray(body)) throw invalid('the body must be an object', [{ path: '', code: 'type', message: 'must be an object' }]);
    const extra = Object.keys(body).filter((key) => key !== 'action' && key !== 'content');
    if (extra.length > 0) throw invalid('the body has unknown members', extra.slice(0, 20).map((key) => ({ path: `/${key.slice(0, 64)}`, code: 'additionalProperties', message: 'is not allowed' })));
    const { action: jws, content } = body as OfficerActionBody;
    if (typeof jws !== 'string') throw invalid('the signed action is missing', [{ path: '/action', code: 'required', message: 'must be a compact JWS' }]);
    const checked = validate(content);
    if (!checked.ok) throw invalid('the content fails validation', prefixed(checked.errors, '/content'));

    const canonical = canonicalJson(checked.value);
    const contentDigest = controlNumber(new TextEncoder().encode(canonical));
    const verified = await this.actions.verify(node, jws, { action, digest: contentDigest });
    const { officer } = verified.claims;
    return {
      actor: { unitId: node.unitId, nodeId: node.nodeId, officerId: officer.id, officerName: officer.displayName },
      content: checked.value,
      proof: { content: canonical, contentDigest, jws: verified.jws, jwsDigest: verified.jwsDigest },
    };
  }
}
