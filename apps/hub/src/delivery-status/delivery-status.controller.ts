import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiConflictResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiParam, ApiQuery, ApiTags } from '@nestjs/swagger';
import { type AuthenticatedAdmin } from '../accounts/authenticated-admin';
import { AdminRoles, CurrentAdmin } from '../auth/access.decorators';
import { DeliveryError } from '../messages/delivery/delivery.errors';
import { DeliveryErrorDto } from '../mailbox/dto/mailbox.dto';
import { DeliveryRetryService } from './delivery-retry.service';
import { DeliveryStatusService, UNDELIVERABLE_DEFAULT_LIMIT, UNDELIVERABLE_MAX_LIMIT } from './delivery-status.service';
import { DeliveryStatusDto, RetriedMessageDto, UndeliverableListDto } from './dto/delivery-status.dto';

@ApiTags('admin: delivery')
@Controller('v1/admin/delivery')
export class DeliveryStatusController {
  constructor(
    private readonly status: DeliveryStatusService,
    private readonly retries: DeliveryRetryService,
  ) {}

  @Get()
  @AdminRoles('coordinator', 'auditor')
  @ApiOperation({ summary: 'Delivery status', description: 'Queue depth, and per recipient unit and its node: messages waiting, undeliverable, the oldest waiting. Metadata only.' })
  @ApiOkResponse({ type: DeliveryStatusDto })
  read(): Promise<DeliveryStatusDto> {
    return this.status.status();
  }

  @Get('undeliverable')
  @AdminRoles('coordinator', 'auditor')
  @ApiOperation({ summary: 'Undeliverable messages, oldest first', description: 'Metadata only (ids, units, times, attempts): never the message.' })
  @ApiQuery({ name: 'unitId', required: false, description: 'Only those to this unit.' })
  @ApiQuery({ name: 'limit', required: false, schema: { type: 'integer', minimum: 1, maximum: UNDELIVERABLE_MAX_LIMIT, default: UNDELIVERABLE_DEFAULT_LIMIT } })
  @ApiOkResponse({ type: UndeliverableListDto })
  @ApiBadRequestResponse({ type: DeliveryErrorDto, description: 'MAILBOX_LIMIT_INVALID (limit outside 1..1000).' })
  undeliverable(@Query('unitId') unitId: string | undefined, @Query('limit') limit: string | undefined): Promise<UndeliverableListDto> {
    if (limit !== undefined && !/^\d{1,4}$/.test(limit)) throw new DeliveryError('MAILBOX_LIMIT_INVALID', `limit must be an integer in 1..${UNDELIVERABLE_MAX_LIMIT}`);
    return this.status.undeliverable(unitId, limit === undefined ? UNDELIVERABLE_DEFAULT_LIMIT : Number(limit));
  }

  @Post(':messageId/retry')
  @AdminRoles('coordinator')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Try an undeliverable message again',
    description: "A new round of DELIVERY_ATTEMPTS pushes to the recipient's active node (its earlier attempts stay counted). Audited (message.delivery-retried).",
  })
  @ApiParam({ name: 'messageId', format: 'uuid' })
  @ApiOkResponse({ type: RetriedMessageDto })
  @ApiNotFoundResponse({ type: DeliveryErrorDto, description: 'MESSAGE_NOT_FOUND.' })
  @ApiConflictResponse({ type: DeliveryErrorDto, description: 'MESSAGE_NOT_UNDELIVERABLE; RECIPIENT_NOT_ACTIVE (suspended: its deliveries are held until reinstated; retired).' })
  retry(@CurrentAdmin() admin: AuthenticatedAdmin, @Param('messageId') messageId: string): Promise<RetriedMessageDto> {
    return this.retries.retry(admin, messageId);
  }
}
