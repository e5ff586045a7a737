import { ApiProperty } from '@nestjs/swagger';
import { NODE_STATUSES, type NodeStatus } from '../../directory/node.entity';
import { UNIT_STATUSES, type UnitStatus } from '../../directory/unit.entity';

export class DeliveryQueueCountsDto {
  @ApiProperty({ description: 'Jobs waiting for a worker.' })
  waiting!: number;

  @ApiProperty({ description: 'Jobs being pushed now.' })
  active!: number;

  @ApiProperty({ description: 'Jobs waiting out a back-off, or held for a suspended unit.' })
  delayed!: number;

  @ApiProperty({ description: 'Jobs that failed for good (their messages are undeliverable, or their notifications given up).' })
  failed!: number;
}

export class UnitBacklogDto {
  @ApiProperty({ example: 'DE-ZIRE' })
  unitId!: string;

  @ApiProperty({ enum: UNIT_STATUSES, description: 'suspended: its deliveries are held.' })
  unitStatus!: UnitStatus;

  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'The active node deliveries go to; null when it has none.' })
  nodeId!: string | null;

  @ApiProperty({ description: 'Messages waiting for their delivery receipt (accepted, or delivered without a receipt yet).' })
  pending!: number;

  @ApiProperty({ description: 'Messages whose every push failed; they stay in the mailbox.' })
  undeliverable!: number;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  oldestPendingAt!: string | null;
}

export class NodeHealthDto {
  @ApiProperty({ format: 'uuid' })
  nodeId!: string;

  @ApiProperty({ example: 'DE-ZIRE' })
  unitId!: string;

  @ApiProperty({ enum: NODE_STATUSES })
  status!: NodeStatus;

  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    description: 'When the node last authenticated to the hub (any call it signed), to the minute; null: never since the hub began recording.',
  })
  lastSeenAt!: string | null;

  @ApiProperty({
    type: Number,
    nullable: true,
    minimum: 1,
    description:
      'The directory version the node last reported holding (header Cicu-Directory-Version on the calls it signs: its own claim, for health only); behind the hub\'s directoryVersion, it has not taken the latest changes (keys, suspensions, agreements) yet. null: it never reported one.',
  })
  directoryVersion!: number | null;
}

export class DeliveryStatusDto {
  @ApiProperty({ format: 'date-time' })
  generatedAt!: string;

  @ApiProperty({ type: DeliveryQueueCountsDto })
  queue!: DeliveryQueueCountsDto;

  @ApiProperty({ type: [UnitBacklogDto], description: 'Recipient units with messages not yet acknowledged.' })
  units!: UnitBacklogDto[];

  @ApiProperty({ minimum: 1, description: 'The directory version the hub publishes now (the signed snapshot of GET /v1/directory).' })
  directoryVersion!: number;

  @ApiProperty({ type: [NodeHealthDto], description: 'Every node with its last contact and the directory version it reported.' })
  nodes!: NodeHealthDto[];
}

export class UndeliverableMessageDto {
  @ApiProperty({ format: 'uuid' })
  messageId!: string;

  @ApiProperty({ enum: ['request', 'answer'] })
  kind!: string;

  @ApiProperty()
  fromUnit!: string;

  @ApiProperty()
  toUnit!: string;

  @ApiProperty({ format: 'date-time' })
  receivedAt!: string;

  @ApiProperty()
  deliveryAttempts!: number;
}

export class UndeliverableListDto {
  @ApiProperty({ type: [UndeliverableMessageDto] })
  items!: UndeliverableMessageDto[];
}

export class RetriedMessageDto {
  @ApiProperty({ format: 'uuid' })
  messageId!: string;

  @ApiProperty({ enum: ['accepted'], description: 'Queued again for delivery.' })
  status!: 'accepted';
}
