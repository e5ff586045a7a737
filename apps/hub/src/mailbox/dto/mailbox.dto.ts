import { ApiProperty } from '@nestjs/swagger';
import { DELIVERY_ERROR_CODES, type DeliveryErrorCode } from '../../messages/delivery/delivery.errors';
import { MESSAGE_STATUSES, type MessageStatus } from '../../messages/message.entity';
import { COMPACT_JWS_PATTERN } from '@cicu/protocol';


export class MailboxItemDto {
  @ApiProperty({ format: 'uuid' })
  messageId!: string;

  @ApiProperty({ enum: ['request', 'answer'] })
  kind!: string;

  @ApiProperty({ example: 'FR-CYBERDOUANE' })
  fromUnit!: string;

  @ApiProperty({ format: 'date-time', description: 'When the hub accepted the message.' })
  receivedAt!: string;

  @ApiProperty({ description: "The sender's compact JWS exactly as submitted (its payload carries the end-to-end encrypted JWE).", pattern: COMPACT_JWS_PATTERN })
  jws!: string;
}

export class MailboxDto {
  @ApiProperty({ type: [MailboxItemDto], description: 'Oldest first.' })
  items!: MailboxItemDto[];
}

export class MessageStatusDto {
  @ApiProperty({ format: 'uuid' })
  messageId!: string;

  @ApiProperty({ enum: MESSAGE_STATUSES })
  status!: MessageStatus;

  @ApiProperty({ format: 'date-time' })
  receivedAt!: string;

  @ApiProperty({ format: 'date-time', nullable: true, type: String, description: "First handed to the recipient's node (push answered with a receipt, or pulled)." })
  deliveredAt!: string | null;

  @ApiProperty({ format: 'date-time', nullable: true, type: String })
  acknowledgedAt!: string | null;

  @ApiProperty({ nullable: true, type: String, description: "The recipient node's delivery receipt (compact JWS, typ cicu-delivery-receipt+jws): proof of delivery.", pattern: COMPACT_JWS_PATTERN })
  deliveryReceipt!: string | null;
}

export class DeliveryErrorDto {
  @ApiProperty({ enum: DELIVERY_ERROR_CODES, example: 'MESSAGE_NOT_FOUND' })
  code!: DeliveryErrorCode;

  @ApiProperty({ example: 'no such message' })
  message!: string;
}
