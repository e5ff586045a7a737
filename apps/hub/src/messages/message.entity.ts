import { Column, Entity, PrimaryColumn } from 'typeorm';

export const MESSAGE_STATUSES = ['accepted', 'delivered', 'acknowledged', 'undeliverable'] as const;
export type MessageStatus = (typeof MESSAGE_STATUSES)[number];

/**
 * A message the hub accepted: its envelope facts (never personal data), its digests, and,
 * until the recipient's delivery receipt arrives, the sender's compact JWS itself (whose
 * payload carries the end-to-end encrypted JWE). After the receipt `jws` is set to null:
 * the hub keeps metadata and digests only.
 */
@Entity({ name: 'message' })
export class MessageEntity {
  /** The envelope's message id (UUIDv7): unique, so a replayed id cannot be stored twice. */
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ type: 'varchar', length: 32 })
  kind!: string;

  @Column({ name: 'from_unit', type: 'varchar', length: 35 })
  fromUnit!: string;

  @Column({ name: 'to_unit', type: 'varchar', length: 35 })
  toUnit!: string;

  @Column({ name: 'sender_node_id', type: 'uuid' })
  senderNodeId!: string;

  @Column({ name: 'sender_kid', type: 'varchar', length: 64 })
  senderKid!: string;

  @Column({ name: 'request_type', type: 'varchar', length: 32, nullable: true })
  requestType!: string | null;

  @Column({ name: 'legal_basis_id', type: 'varchar', length: 128, nullable: true })
  legalBasisId!: string | null;

  @Column({ name: 'agreement_id', type: 'varchar', length: 128, nullable: true })
  agreementId!: string | null;

  /** The agreement version the message was routed under; later amendments do not change it. */
  @Column({ name: 'agreement_version', type: 'int', nullable: true })
  agreementVersion!: number | null;

  @Column({ type: 'varchar', length: 32, nullable: true })
  area!: string | null;

  @Column({ type: 'varchar', length: 16, nullable: true })
  priority!: string | null;

  @Column({ name: 'due_at', type: 'timestamptz', nullable: true })
  dueAt!: Date | null;

  @Column({ name: 'in_reply_to', type: 'uuid', nullable: true })
  inReplyTo!: string | null;

  /** The envelope's createdAt (sender's clock). */
  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'received_at', type: 'timestamptz' })
  receivedAt!: Date;

  /** `sha256:<hex>` of the JWE, as the envelope states it (checked on submission). */
  @Column({ name: 'payload_digest', type: 'varchar', length: 71 })
  payloadDigest!: string;

  /** `sha256:<hex>` of the whole compact JWS as received. */
  @Column({ name: 'jws_digest', type: 'varchar', length: 71 })
  jwsDigest!: string;

  /** The sender's compact JWS; null once the recipient acknowledged it. */
  @Column({ type: 'text', nullable: true })
  jws!: string | null;

  @Column({ type: 'varchar', length: 16 })
  status!: MessageStatus;

  @Column({ name: 'delivery_attempts', type: 'int', default: 0 })
  deliveryAttempts!: number;

  @Column({ name: 'delivered_at', type: 'timestamptz', nullable: true })
  deliveredAt!: Date | null;

  @Column({ name: 'acknowledged_at', type: 'timestamptz', nullable: true })
  acknowledgedAt!: Date | null;

  /** The recipient's signed delivery receipt (compact JWS), proof of delivery. */
  @Column({ name: 'delivery_receipt', type: 'text', nullable: true })
  deliveryReceipt!: string | null;

  /** Leaf index of the audit entry that recorded the acceptance. */
  @Column({ name: 'audit_index', type: 'bigint', transformer: { to: (v: number) => v, from: (v: string) => Number(v) } })
  auditIndex!: number;
}
