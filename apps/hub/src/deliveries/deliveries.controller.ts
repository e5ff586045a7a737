import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiConflictResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiParam, ApiQuery, ApiTags } from '@nestjs/swagger';
import { type AuthenticatedAdmin } from '../accounts/authenticated-admin';
import { AdminRoles, CurrentAdmin } from '../auth/access.decorators';
import { DeliveriesErrorDto, DeliveriesOverviewDto, RetriedMessageDto, UndeliverableMessageDto } from './dto/deliveries.dto';
import { type DeliveriesOverview, DeliveriesService, UNDELIVERABLE_DEFAULT_LIMIT, UNDELIVERABLE_MAX_LIMIT } from './deliveries.service';
import { type UndeliverableRow } from './deliveries.repository';

@ApiTags('admin: deliveries')
@Controller('v1/admin/deliveries')
export class DeliveriesController {
  constructor(private readonly deliveries: DeliveriesService) {}

  @Get()
  @AdminRoles('coordinator', 'auditor')
  @ApiOperation({ summary: 'Delivery at a glance', description: 'Queue depth, messages not yet acknowledged, and per unit: what waits for it since when, what was given up on, when it last sent, its nodes.' })
  @ApiOkResponse({ type: DeliveriesOverviewDto })
  overview(): Promise<DeliveriesOverview> {
    return this.deliveries.overview();
  }

  @Get('undeliverable')
  @AdminRoles('coordinator', 'auditor')
  @ApiOperation({ summary: 'The messages the hub gave up pushing, newest first', description: 'Envelope facts only. They stay in the recipient unit\'s mailbox: its node can still pull them.' })
  @ApiQuery({ name: 'limit', required: false, schema: { type: 'integer', minimum: 1, maximum: UNDELIVERABLE_MAX_LIMIT, default: UNDELIVERABLE_DEFAULT_LIMIT } })
  @ApiOkResponse({ type: [UndeliverableMessageDto] })
  @ApiBadRequestResponse({ type: DeliveriesErrorDto, description: 'VALIDATION (limit).' })
  undeliverable(@Query('limit') limit: string | undefined): Promise<UndeliverableRow[]> {
    return this.deliveries.undeliverable(limit);
  }

  @Post(':messageId/retry')
  @AdminRoles('coordinator')
  @HttpCode(200)
  @ApiOperation({ summary: 'Try an undeliverable message again', description: 'A new round of DELIVERY_ATTEMPTS pushes to the recipient\'s active node. Audited (message.delivery-retried).' })
  @ApiParam({ name: 'messageId', format: 'uuid' })
  @ApiOkResponse({ type: RetriedMessageDto })
  @ApiNotFoundResponse({ type: DeliveriesErrorDto, description: 'MESSAGE_NOT_FOUND.' })
  @ApiConflictResponse({ type: DeliveriesErrorDto, description: 'MESSAGE_NOT_UNDELIVERABLE; RECIPIENT_NOT_ACTIVE (suspended: held until reinstated; retired).' })
  retry(@CurrentAdmin() admin: AuthenticatedAdmin, @Param('messageId') messageId: string): Promise<RetriedMessageDto> {
    return this.deliveries.retry(admin, messageId);
  }
}
