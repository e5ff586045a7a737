import { Inject, Injectable, Logger } from '@nestjs/common';
import { controlNumber } from '@cicu/crypto';
import { COMPACT_JWE_PATTERN, isUuidV7, LIMITS, type SealedAttachment, sealedAttachmentMaxLength } from '@cicu/protocol';
import { CLOCK, type Clock } from '@cicu/shared';
import { type AuthenticatedNode } from '../../auth/authenticated-node';
import { HUB_CONFIG, type HubConfig } from '../../config/hub-config';
import { SubmissionError } from '../submission/submission.errors';
import { AttachmentError } from './attachments.errors';
import { AttachmentsRepository } from './attachments.repository';

const COMPACT_JWE = new RegExp(COMPACT_JWE_PATTERN);

/**
 * Sealed attachments (docs/protocol.md §5, docs/adr-cases.md): the sender node uploads each
 * file's compact JWE (encrypted to the recipient node, opaque here) before it submits the
 * message whose signed envelope lists their digests; the submission is refused
 * ATTACHMENT_MISSING unless every listed blob is here, from that node, with that digest and
 * length. The recipient node fetches them before it signs its delivery receipt, which
 * deletes them (MessageWriteRepository.acknowledge).
 */
@Injectable()
export class AttachmentsService {
  private readonly logger = new Logger(AttachmentsService.name);

  constructor(
    private readonly repository: AttachmentsRepository,
    @Inject(HUB_CONFIG) private readonly config: HubConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** Longest sealed upload this hub takes: the JWE of ATTACHMENT_MAX_BYTES (also the route's body limit). */
  get maxSealedLength(): number {
    return sealedAttachmentMaxLength(this.config.ATTACHMENT_MAX_BYTES);
  }

  /** Stores blob `n` of message `messageId` for the calling node; the same upload again changes nothing. */
  async upload(node: AuthenticatedNode, messageId: string, index: string, contentType: string | undefined, body: unknown): Promise<{ digest: string; size: number }> {
    const n = checkedAddress(messageId, index);
    if (!/^application\/jose\s*(;|$)/i.test(contentType ?? '') || typeof body !== 'string') {
      throw new AttachmentError('ATTACHMENT_BODY_INVALID', 'the body must be a compact JWE sent as application/jose');
    }
    const jwe = body.trim();
    if (jwe.length > this.maxSealedLength) throw new AttachmentError('ATTACHMENT_TOO_LARGE', `a sealed attachment is at most ${this.maxSealedLength} bytes here`);
    if (!COMPACT_JWE.test(jwe)) throw new AttachmentError('ATTACHMENT_BODY_INVALID', 'the body is not a compact JWE');
    const digest = controlNumber(new TextEncoder().encode(jwe));
    const outcome = await this.repository.upload(messageId, n, node.nodeId, digest, jwe, this.clock.now());
    if (outcome === 'sealed') throw new AttachmentError('ATTACHMENT_SEALED', 'the message was accepted: its attachments can no longer change');
    if (outcome === 'conflict') throw new AttachmentError('ATTACHMENT_CONFLICT', 'another node uploaded under this message id');
    return { digest, size: jwe.length };
  }

  /** Blob `n` for the recipient node's unit, until its delivery receipt; anyone else: not found. */
  async fetch(node: AuthenticatedNode, messageId: string, index: string): Promise<string> {
    const n = checkedAddress(messageId, index);
    const jwe = await this.repository.jweFor(messageId, n, node.unitId);
    if (jwe === undefined) throw new AttachmentError('ATTACHMENT_NOT_FOUND', 'no such attachment');
    return jwe;
  }

  /**
   * Submission step 14 (docs/adr-routing.md): every blob the envelope lists was uploaded by the
   * calling node under this message id, with the listed digest and length. Returns the digests
   * for the audit event.
   */
  async requireUploaded(node: AuthenticatedNode, messageId: string, listed: readonly SealedAttachment[] | undefined): Promise<string[]> {
    if (listed === undefined || listed.length === 0) return [];
    const uploaded = new Map((await this.repository.listOf(messageId)).filter((a) => a.senderNodeId === node.nodeId).map((a) => [a.n, a]));
    listed.forEach((expected, n) => {
      const found = uploaded.get(n);
      if (found?.digest !== expected.digest || found.size !== expected.size) {
        throw new SubmissionError('ATTACHMENT_MISSING', `attachment ${n} of the envelope was not uploaded by this node with that digest and size`);
      }
    });
    return listed.map((a) => a.digest);
  }

  /** Deletes uploads whose message did not arrive within MAX_MESSAGE_AGE_SECONDS (it never can now: CLOCK_SKEW). */
  async sweep(now: Date = this.clock.now()): Promise<number> {
    const deleted = await this.repository.deleteOrphansBefore(new Date(now.getTime() - this.config.MAX_MESSAGE_AGE_SECONDS * 1000));
    if (deleted > 0) this.logger.log({ deleted }, 'uploads of messages never submitted deleted');
    return deleted;
  }
}

function checkedAddress(messageId: string, index: string): number {
  if (!isUuidV7(messageId) || !/^\d{1,3}$/.test(index) || Number(index) >= LIMITS.attachmentsPerRequest) {
    throw new AttachmentError('ATTACHMENT_ADDRESS_INVALID', `the message id must be a UUIDv7 and the index an integer in 0..${LIMITS.attachmentsPerRequest - 1}`);
  }
  return Number(index);
}
