import { Injectable, Logger } from '@nestjs/common';
import { controlNumber, type CryptoErrorCode, isCryptoError, type PublicJwk, verifyJws } from '@cicu/crypto';
import { type DeliveryReceipt, JWS_TYP, validateDeliveryReceipt } from '@cicu/protocol';
import { AuditService } from '../../audit/audit.service';
import { type DirectoryIndex } from '../../directory/directory-index';
import { DirectoryService } from '../../directory/directory.service';
import { type NodeView } from '../../directory/directory.views';
import { type MessageEntity } from '../message.entity';
import { MessageWriter } from '../writer/message-writer';
import { DeliveryError } from './delivery.errors';
import { DeliveryProducer } from './delivery.producer';
import { DeliveryRepository } from './delivery.repository';
import { InboxPushes, MAX_RECEIPT_BYTES } from './inbox-pushes';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** `held`: the unit it goes to is suspended; the job waits (DELIVERY_HOLD_RECHECK_MS) without spending an attempt. */
export type DeliverOutcome = 'acknowledged' | 'skipped' | 'held' | 'undeliverable';
export type NotifyOutcome = 'notified' | 'skipped' | 'held';

export interface AcknowledgeOptions {
  /** The message the caller says the receipt is for (the pull route's path); checked first. */
  messageId?: string;
  /** How the receipt reached the hub, for the audit log. */
  via?: 'push' | 'pull';
  now?: Date;
}

/**
 * Reliable delivery: pushes an accepted message to the recipient unit's active node, records
 * the node's signed delivery receipt (deleting the ciphertext), and forwards that receipt to
 * the sender's node: at once from the delivery job, or by a 'notify' job when that push fails
 * or the receipt came by the pull route. Every failure to reach a node in a job throws, so
 * that BullMQ retries with its back-off; the message itself stays in the recipient's mailbox
 * whatever happens.
 */
@Injectable()
export class DeliveryService {
  private readonly logger = new Logger(DeliveryService.name);

  constructor(
    private readonly repository: DeliveryRepository,
    private readonly directory: DirectoryService,
    private readonly audit: AuditService,
    private readonly producer: DeliveryProducer,
    private readonly writer: MessageWriter,
    private readonly pushes: InboxPushes,
  ) {}

  /**
   * Pushes the message to its recipient's inbox and records the receipt the node answers
   * with. Nothing is pushed once the message is acknowledged (its ciphertext is gone), so a
   * job run twice delivers once.
   */
  async deliver(messageId: string): Promise<DeliverOutcome> {
    const directory = await this.directory.view();
    // The usual case in one statement: a pending message to a unit that can take it, its attempt counted.
    const claimed = await this.repository.claimAttempt(messageId, directory.deliverableUnits());
    const message = claimed ?? (await this.repository.find(messageId));
    // Enqueued only after the message committed: a missing row is another hub's job (shared Redis).
    if (message === undefined) throw new DeliveryError('MESSAGE_NOT_FOUND', `message ${messageId} is not in this hub's database`);
    if (message.status === 'acknowledged' || message.jws === null) return 'skipped';
    if (claimed === undefined) {
      // A suspended recipient's deliveries are held until it is reinstated (resumeHeld); a retired
      // one will never take them: the message is undeliverable at once (it stays in the mailbox).
      const recipient = directory.unit(message.toUnit);
      if (recipient?.status === 'suspended') return 'held';
      if (recipient?.status === 'retired') return (await this.markUndeliverable(messageId, message.deliveryAttempts)) ? 'undeliverable' : 'skipped';
    }
    const node = directory.activeNodeOfUnit(message.toUnit);
    if (node === undefined) throw new DeliveryError('RECIPIENT_UNAVAILABLE', `unit ${message.toUnit} has no active node`);
    // Deliverable after all (its status changed between the two statements): counted on its own.
    if (claimed === undefined) await this.repository.countAttempt(messageId);
    const { receipt, status, contentType } = await this.pushes.push(node, message.jws);
    if (receipt === undefined) throw new DeliveryError('RECIPIENT_UNAVAILABLE', `node ${node.id} answered ${status} with ${contentType || 'no content type'}, not a receipt`);
    let changed: boolean;
    try {
      // The node and message are the ones just loaded (the node is the recipient unit's): not read again.
      ({ changed } = await this.recordReceipt(directory, node, message, receipt, 'push', new Date()));
    } catch (error) {
      // The node has the message but signed no acceptable receipt: try again (it deduplicates).
      if (error instanceof DeliveryError) throw new DeliveryError('RECIPIENT_UNAVAILABLE', `node ${node.id}: ${error.code}: ${error.message}`, { cause: error });
      throw error;
    }
    if (changed) await this.notifyNowOrLater(directory, message, receipt);
    return 'acknowledged';
  }

  /**
   * The sender's notification, pushed by the delivery job that got the receipt: no job of its
   * own (three queue scripts and a read of the message) when the sender's node takes it at
   * once, as it nearly always does. Otherwise (down, suspended) a 'notify' job retries it
   * with back-off, as for a receipt that came by the pull route.
   */
  private async notifyNowOrLater(directory: DirectoryIndex, message: MessageEntity, receipt: string): Promise<void> {
    try {
      if ((await this.pushToSender(directory, message.fromUnit, receipt)) !== 'held') return;
    } catch (error) {
      this.logger.debug({ messageId: message.id, err: error }, 'sender notification not taken at once, queued');
    }
    await this.enqueueNotification(message.id);
  }

  private async enqueueNotification(messageId: string): Promise<void> {
    try {
      await this.producer.enqueueNotification(messageId);
    } catch (error) {
      // The receipt is committed; the sender can still ask for the status.
      this.logger.warn({ messageId, err: error }, 'could not enqueue the sender notification');
    }
  }

  /**
   * Records a recipient's delivery receipt, pushed back by its node or posted to the pull
   * route: verified against the current signing keys of `recipientNodeId`, for a message to
   * that node's unit, with the stored digest. In one transaction the message becomes
   * acknowledged, keeps the receipt, loses its ciphertext and the change is audited.
   * Idempotent: a receipt for an acknowledged message changes nothing. Returns whether this
   * call acknowledged it.
   */
  async acknowledge(recipientNodeId: string, receiptJws: string, options: AcknowledgeOptions = {}): Promise<{ changed: boolean }> {
    const now = options.now ?? new Date();
    const directory = await this.directory.view();
    const node = UUID.test(recipientNodeId) ? directory.node(recipientNodeId) : undefined;
    if (node === undefined) throw new DeliveryError('MESSAGE_NOT_FOUND', 'no such message');
    // The path's message first: an unknown id or another unit's message is a 404 whatever the body.
    const pathMessage = options.messageId === undefined ? undefined : await this.messageOfUnit(options.messageId, node.unitId);
    const recorded = await this.recordReceipt(directory, node, pathMessage, receiptJws, options.via ?? 'pull', now);
    // The recipient's node waits for this answer: the sender is notified by a job, not now.
    if (recorded.changed) await this.enqueueNotification(recorded.messageId);
    return { changed: recorded.changed };
  }

  /**
   * acknowledge once the recipient node is known, and, when the caller names the message
   * (the pull route's path, or the push that delivered it), with that message as loaded: the
   * receipt must be for it. Without one, the receipt's own message id is looked up.
   */
  private async recordReceipt(
    directory: DirectoryIndex,
    node: NodeView,
    named: MessageEntity | undefined,
    receiptJws: string,
    via: 'push' | 'pull',
    now: Date,
  ): Promise<{ changed: boolean; messageId: string }> {
    const { receipt, kid } = await this.verifyReceipt(directory.currentKeysOfNode(node.id, 'sig', now), receiptJws);
    if (named !== undefined && receipt.messageId !== named.id) {
      throw new DeliveryError('RECEIPT_MISMATCH', 'the receipt is for another message');
    }
    const message = named ?? (await this.messageOfUnit(receipt.messageId, node.unitId));
    if (receipt.by !== message.toUnit) throw new DeliveryError('RECEIPT_MISMATCH', 'the receipt names another unit than the recipient');
    if (receipt.digest !== message.payloadDigest) throw new DeliveryError('RECEIPT_MISMATCH', "the receipt's digest is not the message's");

    // With the submissions' group commit (MessageWriter): the receipt's message row and its
    // audit event commit together, in a batch with whatever else arrived meanwhile.
    const outcome = await this.writer.write({
      acknowledge: { id: message.id, receipt: receiptJws, at: now },
      event: {
        type: 'message.acknowledged',
        actor: { kind: 'node', nodeId: node.id, unitId: node.unitId },
        messageId: message.id,
        fromUnit: message.fromUnit,
        toUnit: message.toUnit,
        digest: message.payloadDigest,
        receiptDigest: controlNumber(new TextEncoder().encode(receiptJws)),
        kid,
        via,
      },
    });
    const changed = outcome.kind === 'recorded';
    return { changed, messageId: message.id };
  }

  /** Pushes the message's delivery receipt to the sender unit's active node (answer 2xx). */
  async notify(messageId: string): Promise<NotifyOutcome> {
    const message = await this.repository.find(messageId);
    if (message === undefined || message.deliveryReceipt === null) return 'skipped';
    return this.pushToSender(await this.directory.view(), message.fromUnit, message.deliveryReceipt);
  }

  /** Pushes a delivery receipt to the active node of the sender's unit: held while the unit is suspended, skipped once it is retired. */
  private async pushToSender(directory: DirectoryIndex, fromUnit: string, receipt: string): Promise<NotifyOutcome> {
    const sender = directory.unit(fromUnit);
    if (sender?.status === 'suspended') return 'held';
    if (sender?.status === 'retired') return 'skipped';
    const node = directory.activeNodeOfUnit(fromUnit);
    if (node === undefined) throw new DeliveryError('RECIPIENT_UNAVAILABLE', `unit ${fromUnit} has no active node`);
    await this.pushes.push(node, receipt);
    return 'notified';
  }

  /** After the last attempt: 'accepted' → 'undeliverable', audited. The message stays in the mailbox. */
  async markUndeliverable(messageId: string, attempts: number): Promise<boolean> {
    return this.repository.transaction(async (tx) => {
      const message = await this.repository.findForUpdate(tx, messageId);
      if (message === undefined || !(await this.repository.markUndeliverable(tx, messageId))) return false;
      await this.audit.record(tx, { type: 'message.undeliverable', actor: { kind: 'hub' }, messageId, fromUnit: message.fromUnit, toUnit: message.toUnit, attempts });
      return true;
    });
  }

  /**
   * After a unit's reinstatement: its held deliveries go out now rather than at their next
   * look (DELIVERY_HOLD_RECHECK_MS). Returns how many messages were resumed.
   */
  async resumeHeld(unitId: string): Promise<number> {
    const ids = await this.repository.findIdsWithStatus('accepted', unitId);
    await this.producer.resume(ids);
    return ids.length;
  }

  /** Enqueues every message still 'accepted': repairs a lost Redis or a crash between commit and enqueue. */
  async enqueueAccepted(): Promise<number> {
    const ids = await this.repository.findIdsWithStatus('accepted');
    // All at once: the producer sends them to Redis in bulk.
    await Promise.all(ids.map((id) => this.producer.enqueue(id)));
    return ids.length;
  }

  private async messageOfUnit(messageId: string, unitId: string) {
    const message = UUID.test(messageId) ? await this.repository.find(messageId) : undefined;
    // Another unit's message is "not found": its existence is not the caller's to learn.
    if (message === undefined || message.toUnit !== unitId) throw new DeliveryError('MESSAGE_NOT_FOUND', 'no such message');
    return message;
  }

  /** `keys`: the current signing keys of the recipient's node. */
  private async verifyReceipt(keys: readonly PublicJwk[], receiptJws: string): Promise<{ receipt: DeliveryReceipt; kid: string }> {
    let verified;
    try {
      verified = await verifyJws(receiptJws, (kid): PublicJwk | undefined => keys.find((key) => key.kid === kid), {
        typ: JWS_TYP['delivery-receipt'],
        maxBytes: MAX_RECEIPT_BYTES,
      });
    } catch (error) {
      if (!isCryptoError(error)) throw error;
      const code = isSignatureRefusal(error.code) ? 'RECEIPT_SIGNATURE_INVALID' : 'RECEIPT_INVALID';
      throw new DeliveryError(code, error.message, { cause: error });
    }
    let payload: unknown;
    try {
      payload = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(verified.payload));
    } catch {
      throw new DeliveryError('RECEIPT_INVALID', 'the receipt payload is not UTF-8 JSON');
    }
    const result = validateDeliveryReceipt(payload);
    if (!result.ok) throw new DeliveryError('RECEIPT_INVALID', `not a delivery receipt: ${result.errors.map((e) => `${e.path} ${e.message}`).join('; ')}`);
    return { receipt: result.value, kid: verified.kid };
  }

}

/** Refusals that say "not signed by this node's key" rather than "not a receipt". */
function isSignatureRefusal(code: CryptoErrorCode): boolean {
  return code === 'JWS_KID_UNKNOWN' || code === 'JWS_SIGNATURE_INVALID' || code === 'JWS_SIGNATURE_NONCANONICAL' || code === 'KEY_TYPE_NOT_ALLOWED' || code === 'KEY_INVALID';
}
