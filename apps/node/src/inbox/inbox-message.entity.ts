import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * A request or answer this node received and accepted. `payload` is the decrypted content,
 * i.e. personal data: it is stored on this node only (encryption at rest: future work).
 */
@Entity({ name: 'inbox_message' })
export class InboxMessageEntity {
  /** The envelope's id: the primary key is what makes a second delivery a no-op. */
  @PrimaryColumn({ name: 'message_id', type: 'uuid' })
  messageId!: string;

  @Column({ type: 'varchar', length: 16 })
  kind!: 'request' | 'answer';

  @Column({ name: 'from_unit', type: 'varchar', length: 35 })
  fromUnit!: string;

  @Column({ name: 'request_type', type: 'varchar', length: 32, nullable: true })
  requestType!: string | null;

  @Column({ name: 'in_reply_to', type: 'uuid', nullable: true })
  inReplyTo!: string | null;

  @Column({ name: 'received_at', type: 'timestamptz' })
  receivedAt!: Date;

  @Column({ type: 'jsonb' })
  envelope!: Record<string, unknown>;

  @Column({ type: 'jsonb' })
  payload!: Record<string, unknown>;

  /** The sender's compact JWS as delivered: the signed evidence of what was asked. */
  @Column({ type: 'text' })
  jws!: string;

  @Column({ type: 'varchar', length: 71 })
  digest!: string;

  /** The delivery receipt this node signed; a repeated delivery gets these same bytes. */
  @Column({ type: 'text' })
  receipt!: string;

  @Column({ type: 'varchar', length: 16, default: 'new' })
  status!: 'new';
}
