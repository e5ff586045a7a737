import { Column, Entity, PrimaryColumn } from 'typeorm';

/** The recipient's signed delivery receipt of a message this node sent: proof of delivery. */
@Entity({ name: 'sent_receipt' })
export class SentReceiptEntity {
  @PrimaryColumn({ name: 'message_id', type: 'uuid' })
  messageId!: string;

  @Column({ type: 'text' })
  jws!: string;

  @Column({ name: 'received_at', type: 'timestamptz' })
  receivedAt!: Date;
}
