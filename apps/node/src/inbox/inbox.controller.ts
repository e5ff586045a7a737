import { Body, Controller, Headers, HttpCode, Post, Res, UseFilters, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiExtraModels, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { COMPACT_JWS_PATTERN, LIMITS } from '@cicu/protocol';
import { Public } from '../auth/access.decorators';
import { HubAuthGuard } from './hub-auth.guard';
import { InboxBatchDto, InboxBatchRecordedDto, InboxBatchRefusedDto, InboxBatchResultDto, InboxBatchStoredDto } from './dto/inbox-batch.dto';
import { InboxError, inboxErrorBody, inboxHttpStatus } from './inbox.errors';
import { InboxExceptionFilter } from './inbox.filter';
import { type InboxBatchItem, InboxService } from './inbox.service';
import { isJose } from './jose-body.middleware';

const refusal = { type: 'object', properties: { code: { type: 'string' }, message: { type: 'string' }, issues: { type: 'array', items: { type: 'object' } } }, required: ['code', 'message'] };

@ApiTags('inbox')
@ApiExtraModels(InboxBatchStoredDto, InboxBatchRecordedDto, InboxBatchRefusedDto)
@Controller('v1/inbox')
@UseFilters(InboxExceptionFilter)
export class InboxController {
  constructor(private readonly inbox: InboxService) {}

  // For the hub, not for officers: @Public() opens it past the node's deny-by-default
  // AccessGuard, and HubAuthGuard (the hub's assertion, typ cicu-hub-assertion+jwt) is its
  // authentication. Never one without the other.
  @Post()
  @HttpCode(200)
  @Public()
  @UseGuards(HubAuthGuard)
  @ApiBearerAuth()
  @ApiOperation({
    summary: 'Delivery of a message (or of a delivery receipt) by the hub',
    description:
      'Body: the sender\'s compact JWS, unchanged (typ cicu-request+jws, cicu-answer+jws, or cicu-delivery-receipt+jws for a receipt of a message this node sent). ' +
      'Authorization: Bearer <hub assertion>. Idempotent per message id: a repeated delivery returns the same receipt.',
  })
  @ApiConsumes('application/jose')
  @ApiBody({ schema: { type: 'string', pattern: COMPACT_JWS_PATTERN } })
  @ApiProduces('application/jose')
  @ApiOkResponse({ description: 'Stored: the delivery receipt signed by this node (typ cicu-delivery-receipt+jws).', content: { 'application/jose': { schema: { type: 'string', pattern: COMPACT_JWS_PATTERN } } } })
  @ApiNoContentResponse({ description: 'A delivery receipt of a message this node sent, verified and kept.' })
  @ApiResponse({ status: 400, description: 'SCHEMA: envelope, payload or digest invalid.', content: { 'application/json': { schema: refusal } } })
  @ApiResponse({ status: 401, description: 'UNAUTHENTICATED, HUB_ASSERTION_INVALID, REPLAY: the hub assertion.', content: { 'application/json': { schema: refusal } } })
  @ApiResponse({ status: 403, description: 'WRONG_RECIPIENT.', content: { 'application/json': { schema: refusal } } })
  @ApiResponse({ status: 422, description: 'BAD_SIGNATURE, UNKNOWN_KEY, DECRYPTION_FAILED; RECEIPT_MISMATCH: a delivery receipt that names no message this node sent to that unit with that digest.', content: { 'application/json': { schema: refusal } } })
  @ApiResponse({ status: 503, description: 'NOT_ENROLLED, DIRECTORY_UNAVAILABLE, AUTH_UNAVAILABLE: retry later.', content: { 'application/json': { schema: refusal } } })
  async deliver(@Headers('content-type') contentType: string | undefined, @Body() body: unknown, @Res() res: Response): Promise<void> {
    if (!isJose(contentType) || typeof body !== 'string') throw new InboxError('UNSUPPORTED_MEDIA_TYPE', 'the body must be application/jose (a compact JWS)');
    const result = await this.inbox.receive(body);
    if (result.kind === 'delivery-receipt') {
      res.status(204).end();
      return;
    }
    // A Buffer, so that Express adds no charset to application/jose.
    res.status(200).type('application/jose').send(Buffer.from(result.receipt, 'ascii'));
  }

  // As POST /v1/inbox: for the hub only, behind its assertion (one for the whole batch).
  @Post('batch')
  @HttpCode(200)
  @Public()
  @UseGuards(HubAuthGuard)
  @ApiBearerAuth()
  @ApiOperation({
    summary: 'Delivery of several messages (or delivery receipts) by the hub in one call',
    description:
      `Up to ${LIMITS.batchMessages} compact JWS, at most ${LIMITS.batchLength} characters together, each received exactly as by POST /v1/inbox ` +
      '(the same checks, deduplication and signed delivery receipts), sharing one hub assertion. 200 with one outcome per item, in the order sent. ' +
      'Only a body that is not such a batch is refused as a whole (400 SCHEMA, nothing stored); a larger message comes alone to POST /v1/inbox (docs/protocol.md §11).',
  })
  @ApiBody({ type: InboxBatchDto })
  @ApiOkResponse({ type: InboxBatchResultDto })
  @ApiResponse({ status: 400, description: 'SCHEMA: the body is not a batch (with issues).', content: { 'application/json': { schema: refusal } } })
  @ApiResponse({ status: 401, description: 'UNAUTHENTICATED, HUB_ASSERTION_INVALID, REPLAY: the hub assertion.', content: { 'application/json': { schema: refusal } } })
  @ApiResponse({ status: 503, description: 'AUTH_UNAVAILABLE: retry later.', content: { 'application/json': { schema: refusal } } })
  async deliverBatch(@Body() body: unknown): Promise<InboxBatchResultDto> {
    return { results: (await this.inbox.receiveBatch(body)).map(batchItemOf) };
  }
}

function batchItemOf(item: InboxBatchItem): InboxBatchStoredDto | InboxBatchRecordedDto | InboxBatchRefusedDto {
  switch (item.kind) {
    case 'message':
      return { outcome: 'stored', messageId: item.messageId, receipt: item.receipt };
    case 'delivery-receipt':
      return { outcome: 'recorded', messageId: item.messageId };
    case 'refused':
      return { outcome: 'refused', status: inboxHttpStatus(item.error.code), ...inboxErrorBody(item.error) };
  }
}
