import { Controller, Get, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { AdminRoles } from '../auth/access.decorators';
import { DeliveryError } from '../messages/delivery/delivery.errors';
import { DeliveryErrorDto } from '../mailbox/dto/mailbox.dto';
import { DeliveryStatusService, UNDELIVERABLE_DEFAULT_LIMIT, UNDELIVERABLE_MAX_LIMIT } from './delivery-status.service';
import { DeliveryStatusDto, UndeliverableListDto } from './dto/delivery-status.dto';

@ApiTags('admin: delivery')
@Controller('v1/admin/delivery')
export class DeliveryStatusController {
  constructor(private readonly status: DeliveryStatusService) {}

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
}
