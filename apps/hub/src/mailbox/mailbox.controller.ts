import { Body, Controller, Get, Headers, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiBody, ApiConsumes, ApiNoContentResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiParam, ApiQuery, ApiTags, ApiUnauthorizedResponse, ApiUnsupportedMediaTypeResponse } from '@nestjs/swagger';
import { type AuthenticatedNode } from '../auth/authenticated-node';
import { CurrentNode, NodeAuth } from '../auth/node-auth.decorators';
import { DeliveryError } from '../messages/delivery/delivery.errors';
import { DeliveryErrorDto, MailboxDto, MessageStatusDto } from './dto/mailbox.dto';
import { compactJwsBody } from './jose-body';
import { MAILBOX_DEFAULT_LIMIT, MAILBOX_MAX_LIMIT, MailboxService } from './mailbox.service';
import { COMPACT_JWS_PATTERN } from '@cicu/protocol';

const MAX_RECEIPT_BODY_BYTES = 16 * 1024;

@ApiTags('mailbox')
@Controller('v1')
export class MailboxController {
  constructor(private readonly mailbox: MailboxService) {}

  @Get('mailbox')
  @NodeAuth()
  @ApiOperation({
    summary: "The caller's unit's messages not yet acknowledged",
    description:
      'Messages to the unit of the calling node in status accepted, delivered or undeliverable, oldest first, each with the ' +
      "sender's compact JWS. Acknowledge each with POST /v1/messages/{id}/receipt; an acknowledged message leaves the mailbox.",
  })
  @ApiQuery({ name: 'limit', required: false, schema: { type: 'integer', minimum: 1, maximum: MAILBOX_MAX_LIMIT, default: MAILBOX_DEFAULT_LIMIT } })
  @ApiOkResponse({ type: MailboxDto })
  @ApiBadRequestResponse({ type: DeliveryErrorDto, description: 'MAILBOX_LIMIT_INVALID.' })
  list(@CurrentNode() node: AuthenticatedNode, @Query('limit') limit?: string): Promise<MailboxDto> {
    return this.mailbox.list(node, parseLimit(limit));
  }

  @Post('messages/:id/receipt')
  @NodeAuth()
  @HttpCode(204)
  @ApiOperation({
    summary: 'Acknowledge a pulled message with its delivery receipt',
    description:
      'Body: the delivery receipt, a compact JWS (typ cicu-delivery-receipt+jws) signed by a signing key of the calling node, over ' +
      '{v: 1, kind: "delivery-receipt", messageId, digest (the envelope\'s payload digest), receivedAt, by (the recipient unit)}. ' +
      'The hub then deletes the ciphertext and forwards the receipt to the sender. Idempotent.',
  })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiConsumes('application/jose')
  @ApiBody({ schema: { type: 'string', pattern: COMPACT_JWS_PATTERN } })
  @ApiNoContentResponse({ description: 'Recorded (or already recorded).' })
  @ApiBadRequestResponse({ type: DeliveryErrorDto, description: 'RECEIPT_INVALID (not a delivery receipt) or RECEIPT_MISMATCH (another message, digest or unit).' })
  @ApiUnauthorizedResponse({ type: DeliveryErrorDto, description: 'RECEIPT_SIGNATURE_INVALID: not signed by a current signing key of the calling node (or the client assertion was refused).' })
  @ApiNotFoundResponse({ type: DeliveryErrorDto, description: "MESSAGE_NOT_FOUND: no such message to the caller's unit." })
  @ApiUnsupportedMediaTypeResponse({ type: DeliveryErrorDto, description: 'BODY_INVALID: not application/jose.' })
  async receipt(
    @CurrentNode() node: AuthenticatedNode,
    @Param('id') id: string,
    @Headers('content-type') contentType: string | undefined,
    @Body() body: unknown,
  ): Promise<void> {
    await this.mailbox.acknowledge(node, id, compactJwsBody(contentType, body, MAX_RECEIPT_BODY_BYTES));
  }

  @Get('messages/:id')
  @NodeAuth()
  @ApiOperation({
    summary: 'Delivery status of a message',
    description: "For the sender's or the recipient's unit only; to anyone else the message does not exist. Includes the delivery receipt once acknowledged.",
  })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiOkResponse({ type: MessageStatusDto })
  @ApiNotFoundResponse({ type: DeliveryErrorDto, description: 'MESSAGE_NOT_FOUND.' })
  status(@CurrentNode() node: AuthenticatedNode, @Param('id') id: string): Promise<MessageStatusDto> {
    return this.mailbox.status(node, id);
  }
}

/** `?limit=` as given: absent → default; anything but digits → refused (the service checks the range). */
function parseLimit(raw: string | undefined): number {
  if (raw === undefined) return MAILBOX_DEFAULT_LIMIT;
  if (!/^\d{1,4}$/.test(raw)) throw new DeliveryError('MAILBOX_LIMIT_INVALID', `limit must be an integer in 1..${MAILBOX_MAX_LIMIT}`);
  return Number(raw);
}
