import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ValidationIssueDto } from '@cicu/shared';
import { DELIVERIES_ERROR_CODES, type DeliveriesErrorCode } from '../deliveries.errors';

export class QueueDepthDto {
  @ApiProperty({ description: 'Jobs waiting for a worker (deliveries and receipt notifications).' })
  waiting!: number;

  @ApiProperty({ description: 'Jobs a worker is running now.' })
  active!: number;

  @ApiProperty({ description: 'Jobs waiting out a back-off, or held for a suspended unit.' })
  delayed!: number;

  @ApiProperty({ description: 'Jobs whose last attempt failed (kept for a while).' })
  failed!: number;
}

export class PendingCountsDto {
  @ApiProperty({ description: 'Accepted, not yet handed to the recipient node.' })
  accepted!: number;

  @ApiProperty({ description: 'Handed to the recipient node, its delivery receipt not yet recorded.' })
  delivered!: number;

  @ApiProperty({ description: 'The hub gave up pushing them; they stay in the recipient\'s mailbox.' })
  undeliverable!: number;
}

export class UnitNodeDto {
  @ApiProperty({ format: 'uuid' })
  nodeId!: string;

  @ApiProperty({ enum: ['active', 'pending', 'suspended'] })
  status!: string;
}

export class UnitDeliveriesDto extends PendingCountsDto {
  @ApiProperty({ example: 'PL-CICU' })
  unitId!: string;

  @ApiProperty({ enum: ['active', 'suspended', 'retired'] })
  unitStatus!: string;

  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'When the oldest message waiting for the unit reached the hub.' })
  oldestPendingAt!: Date | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'When the hub last accepted a message from the unit.' })
  lastSentAt!: Date | null;

  @ApiProperty({ type: [UnitNodeDto] })
  nodes!: UnitNodeDto[];
}

export class DeliveriesOverviewDto {
  @ApiProperty({ type: QueueDepthDto, description: "The hub's delivery queue in Redis (BullMQ job counts)." })
  queue!: QueueDepthDto;

  @ApiProperty({ type: PendingCountsDto, description: 'Messages not yet acknowledged by their recipient, over all units.' })
  pending!: PendingCountsDto;

  @ApiProperty({ type: [UnitDeliveriesDto] })
  units!: UnitDeliveriesDto[];
}

export class UndeliverableMessageDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ example: 'request' })
  kind!: string;

  @ApiProperty({ example: 'FR-CYBERDOUANE' })
  fromUnit!: string;

  @ApiProperty({ example: 'PL-CICU' })
  toUnit!: string;

  @ApiProperty({ type: String, nullable: true, example: 'ISP_SUBSCRIBER' })
  requestType!: string | null;

  @ApiProperty({ type: String, nullable: true, example: 'urgent' })
  priority!: string | null;

  @ApiProperty({ type: String, format: 'date-time' })
  receivedAt!: Date;

  @ApiProperty({ description: 'Pushes attempted so far, all rounds together.' })
  deliveryAttempts!: number;
}

export class RetriedMessageDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ enum: ['accepted'] })
  status!: 'accepted';
}

export class DeliveriesErrorDto {
  @ApiProperty({ enum: DELIVERIES_ERROR_CODES, example: 'MESSAGE_NOT_UNDELIVERABLE' })
  code!: DeliveriesErrorCode;

  @ApiProperty()
  message!: string;

  @ApiPropertyOptional({ type: [ValidationIssueDto], description: 'VALIDATION only.' })
  issues?: ValidationIssueDto[];
}
