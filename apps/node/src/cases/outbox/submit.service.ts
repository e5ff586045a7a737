import { Injectable, Logger } from '@nestjs/common';
import { isCryptoError, parseJsonObject, verifyJws } from '@cicu/crypto';
import { JWS_TYP, validateHubReceipt } from '@cicu/protocol';
import { unverifiedJwsSegment } from '@cicu/shared';
import { AttachmentsService } from '../../attachments/attachments.service';
import { NodeDirectoryService } from '../../directory/node-directory.service';
import { HubClient, type SubmitResult } from '../../hub-client/hub-client';
import { DeadlinesService } from '../deadlines/deadlines.service';
import { HubSubmissions } from './hub-submissions';
import { SubmitRows } from './submit-rows';
import { type SubmitJobData } from './submit.jobs';

/** A submission failed in a way worth retrying (hub down, 5xx, unverifiable receipt). */
export class SubmitRetry extends Error {
  override readonly name = 'SubmitRetry';
}

/**
 * Hands a signed message (built and stored once, at approval) to the hub. 202: the hub's
 * receipt is verified with the pinned hub keys and kept, status submitted. A refusal (4xx
 * with a code): status rejected_by_hub, no retry, except REPLAY, which after a lost 202 means
 * the hub already holds the message: confirmed with GET /v1/messages/{id}. Anything else
 * throws, and BullMQ retries with back-off: a hub outage delays a message, never loses it.
 */
@Injectable()
export class SubmitService {
  private readonly logger = new Logger(SubmitService.name);

  constructor(
    private readonly hub: HubClient,
    private readonly submissions: HubSubmissions,
    private readonly directory: NodeDirectoryService,
    private readonly deadlines: DeadlinesService,
    private readonly attachments: AttachmentsService,
    private readonly rows: SubmitRows,
  ) {}

  async submit({ table, id }: SubmitJobData): Promise<string> {
    const row = await this.rows.claim({ table, id });
    if (row?.jws == null) {
      // Not ours (a queue shared with another node) or not sealed: nothing to send, say so.
      this.logger.warn({ messageId: id, kind: table }, 'submit job for a message this node holds no signed copy of');
      return 'missing';
    }
    if (row.status !== 'approved' && row.status !== 'submitting') return row.status;

    // The sealed attachments first: the hub refuses a message whose listed blobs it does not hold.
    // Most messages list none: then there is nothing to look up.
    const listed = unverifiedJwsSegment(row.jws, 1)?.['attachments'];
    const sealed = Array.isArray(listed) && listed.length > 0 ? await this.attachments.sealedOf(id) : [];
    const refusedUpload = await this.uploadAttachments(id, sealed);
    const result = refusedUpload ?? (await this.submissions.submit(row.jws));
    const now = new Date();
    if (result.status === 'accepted') {
      await this.verifyReceipt(result.receipt, id);
      await this.submitted(table, id, result.receipt, now, row.dueAt, sealed.length > 0);
      return 'submitted';
    }
    if (result.code === 'REPLAY') {
      // Our own earlier attempt reached the hub (its 202 was lost): the hub knows the message.
      const status = await this.hub.messageStatus(id);
      if (status === undefined) throw new SubmitRetry(`the hub reports REPLAY for ${id} but does not know it`);
      await this.submitted(table, id, null, now, row.dueAt, sealed.length > 0);
      return 'submitted';
    }
    const refusal = { code: result.code, message: result.message.slice(0, 500), httpStatus: result.httpStatus, ...(result.refusal !== undefined && { refusal: result.refusal }) };
    await this.rows.markRejected(table, id, refusal, now);
    this.logger.warn({ messageId: id, code: result.code }, 'message refused by the hub');
    return 'rejected_by_hub';
  }

  /** Uploads every sealed copy of the message (again, after a retry: the same bytes change nothing); the hub's refusal of one, if any. */
  private async uploadAttachments(id: string, sealed: readonly { n: number; jwe: string }[]): Promise<SubmitResult | undefined> {
    for (const { n, jwe } of sealed) {
      const result = await this.hub.putAttachment(id, n, jwe);
      if (result.status === 'refused') return { ...result, refusal: undefined };
    }
    return undefined;
  }

  /** `hadSealed`: this job found sealed attachments to upload (and so to delete now); most messages carry none. */
  private async submitted(table: SubmitJobData['table'], id: string, receipt: string | null, now: Date, dueAt: Date | null, hadSealed: boolean): Promise<void> {
    // The deadlines before the mark: once marked submitted, a retry of this job returns early,
    // so deadline jobs whose add failed after the mark would never be scheduled (the jobs have
    // fixed ids: scheduling again on a retry is a no-op).
    if (dueAt !== null) await this.deadlines.schedule(id, now, new Date(dueAt));
    await this.rows.markSubmitted(table, id, receipt, now);
    if (hadSealed) await this.attachments.submitted(id);
    this.logger.log({ messageId: id, kind: table }, 'message submitted to the hub');
  }

  private async verifyReceipt(receipt: string, id: string): Promise<void> {
    let payload: Uint8Array;
    try {
      ({ payload } = await verifyJws(receipt, (kid) => this.directory.hubKey(kid), { typ: JWS_TYP['hub-receipt'], maxBytes: 64 * 1024 }));
    } catch (cause) {
      if (!isCryptoError(cause)) throw cause;
      throw new SubmitRetry(`the hub receipt of ${id} does not verify with the pinned hub keys (${cause.code})`);
    }
    const value = parseJsonObject(payload);
    const checked = validateHubReceipt(value);
    if (!checked.ok || checked.value.messageId !== id) throw new SubmitRetry(`the hub receipt of ${id} is not a receipt of this message`);
  }
}

