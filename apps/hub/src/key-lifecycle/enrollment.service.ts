import { createHash, randomUUID, timingSafeEqual } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { ENROLLMENT_PROOF_TYP } from '@cicu/crypto';
import { CLOCK, type Clock } from '@cicu/shared';
import { actorOf, type AuthenticatedAdmin } from '../accounts/authenticated-admin';
import { AuditService } from '../audit/audit.service';
import { HUB_CONFIG, type HubConfig } from '../config/hub-config';
import { DirectoryChanges } from '../directory/directory-changes';
import { DirectoryError } from '../directory/directory.errors';
import { DirectoryService, type EnrolledNode } from '../directory/directory.service';
import { type NodeView } from '../directory/directory.views';
import { newEnrollmentToken } from './enrollment-token';
import { EnrollmentRepository } from './enrollment.repository';
import { KeyLifecycleError } from './key-lifecycle.errors';
import { EnrollmentBody, EnrollmentClaims, IssueTokenBody, validator } from './key-lifecycle.schemas';
import { verifiedProof } from './proofs';

const DAY_MS = 86_400_000;

const checkIssueToken = validator(IssueTokenBody, 'the request body');
const checkEnrollment = validator(EnrollmentBody, 'the request body');
const checkEnrollmentClaims = validator(EnrollmentClaims, 'the proof claims');

export interface IssuedToken {
  id: string;
  unitId: string;
  /** Shown once: the hub keeps only its SHA-256. */
  token: string;
  expiresAt: Date;
}

/**
 * Node enrolment (docs/adr-key-lifecycle.md): a coordinator issues a one-time, expiring token
 * for a unit; the node presents it with its public keys and inbox URL, in a proof signed by the
 * signing key it submits; the hub registers the node as pending; a coordinator approves it.
 * Every change is audited in its own transaction; a refusal changes nothing.
 */
@Injectable()
export class EnrollmentService {
  constructor(
    private readonly directory: DirectoryService,
    private readonly changes: DirectoryChanges,
    private readonly repository: EnrollmentRepository,
    private readonly audit: AuditService,
    @Inject(HUB_CONFIG) private readonly config: HubConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async issueToken(admin: AuthenticatedAdmin, unitId: string, body: unknown): Promise<IssuedToken> {
    const { ttlSeconds } = checkIssueToken(body ?? {});
    const unit = await this.directory.getUnit(unitId);
    if (unit === undefined) throw new DirectoryError('UNIT_NOT_FOUND', `unit ${unitId} is not in the directory`);
    if (unit.status !== 'active') throw new DirectoryError('UNIT_NOT_ACTIVE', `unit ${unitId} is ${unit.status}`);
    const now = this.clock.now();
    const issued: IssuedToken = {
      id: randomUUID(),
      unitId: unit.id,
      token: newEnrollmentToken(),
      expiresAt: new Date(now.getTime() + (ttlSeconds ?? this.config.ENROLLMENT_TOKEN_TTL_SECONDS) * 1000),
    };
    await this.repository.transaction(async (tx) => {
      await this.repository.insertToken(tx, {
        id: issued.id,
        unitId: issued.unitId,
        tokenSha256: sha256(issued.token).toString('hex'),
        issuedAt: now,
        expiresAt: issued.expiresAt,
        usedAt: null,
        nodeId: null,
      });
      await this.audit.record(tx, { type: 'enrollment.token-issued', actor: actorOf(admin), tokenId: issued.id, unitId: issued.unitId, expiresAt: issued.expiresAt.toISOString() }, now);
    });
    return issued;
  }

  /**
   * A node's enrolment: the proof (verified with the signing key it submits) must be bound to
   * this token; the token must exist, be unused and unexpired; then the node and its keys are
   * registered as pending (or the unit's node at that inbox, out of service, enrolled again:
   * DirectoryService.enrollNodeIn) and the token is spent, together. Proof first: it costs no
   * I/O, and a proof bound to another token says nothing about this one.
   */
  async enroll(body: unknown): Promise<EnrolledNode & { directoryVersion: number }> {
    const { token, proof } = checkEnrollment(body);
    const now = this.clock.now();
    const verified = await verifiedProof(proof, ENROLLMENT_PROOF_TYP, this.config.HUB_AUDIENCE, now);
    const claims = checkEnrollmentClaims(verified.claims);
    if (verified.iss !== undefined) throw new KeyLifecycleError('PROOF_INVALID', 'an enrolment proof names no node (no "iss")');
    const digest = sha256(token);
    if (!sameBytes(Buffer.from(claims.token_hash, 'base64url'), digest)) throw new KeyLifecycleError('PROOF_INVALID', 'the proof is bound to another enrolment token');

    // An unknown token is refused before any lock is taken: enrolment is open to anyone, and
    // forged tokens must not queue up behind (or hold up) the directory's writers.
    const hash = digest.toString('hex');
    if (!(await this.repository.tokenExists(hash))) throw new KeyLifecycleError('ENROLLMENT_TOKEN_INVALID', 'this enrolment token was never issued');

    // One directory change: the directory lock first (as every change takes it), then the token's.
    // Judged at the time read under the lock, as rotations and revocations are: a rotation that
    // committed while this waited is seen with its keys in service, not as keys yet to come.
    const { value, version } = await this.changes.applyVersioned(async (tx, at) => {
      const row = await this.repository.lockTokenByHash(tx, hash);
      if (row === undefined) throw new KeyLifecycleError('ENROLLMENT_TOKEN_INVALID', 'this enrolment token was never issued');
      if (row.usedAt !== null) throw new KeyLifecycleError('ENROLLMENT_TOKEN_USED', 'this enrolment token was already used');
      if (row.expiresAt <= at) throw new KeyLifecycleError('ENROLLMENT_TOKEN_EXPIRED', 'this enrolment token has expired');
      const node = await this.directory.enrollNodeIn(tx, row.unitId, claims.inbox_url, verified.jwks, { now: at, notAfter: new Date(at.getTime() + this.config.KEY_VALIDITY_DAYS * DAY_MS) });
      await this.repository.markUsed(tx, row.id, node.id, at);
      const facts = { actor: { kind: 'node', nodeId: node.id, unitId: node.unitId }, tokenId: row.id, nodeId: node.id, unitId: node.unitId, kids: node.keys.map((k) => k.kid) } as const;
      return {
        value: node,
        audit: (v) => (node.reenrolled ? { type: 'node.re-enrolled', ...facts, retired: node.retired, version: v } : { type: 'node.enrolled', ...facts, version: v }),
      };
    }, () => this.clock.now());
    return { ...value, directoryVersion: version };
  }

  /** A coordinator's approval: the pending node becomes active and enters the next snapshot. */
  async approve(admin: AuthenticatedAdmin, nodeId: string): Promise<NodeView & { directoryVersion: number }> {
    const { value, version } = await this.changes.applyVersioned(async (tx) => {
      const node = await this.directory.activatePendingNodeIn(tx, nodeId);
      return { value: node, audit: (v) => ({ type: 'node.approved', actor: actorOf(admin), nodeId: node.id, unitId: node.unitId, version: v }) };
    }, this.clock.now());
    return { ...value, directoryVersion: version };
  }
}

function sha256(text: string): Buffer {
  return createHash('sha256').update(text, 'ascii').digest();
}

function sameBytes(a: Buffer, b: Buffer): boolean {
  return a.length === b.length && timingSafeEqual(a, b);
}
