import { Body, Controller, Header, HttpCode, HttpStatus, Post } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBody, ApiConsumes, ApiExtraModels, ApiOkResponse, ApiOperation, ApiResponse, ApiTags, getSchemaPath } from '@nestjs/swagger';
import { COMPACT_JWS_PATTERN, LIMITS } from '@cicu/protocol';
import { AuthErrorDto } from '../../auth/dto/auth-error.dto';
import { type AuthenticatedNode } from '../../auth/authenticated-node';
import { CurrentNode, NodeAuth } from '../../auth/node-auth.decorators';
import { submissionErrorBody, submissionStatusOf } from '../../common/hub-exception.filter';
import { BatchItemAcceptedDto, BatchItemRefusedDto, SubmissionBatchDto, SubmissionBatchResultDto } from './dto/submission-batch.dto';
import { SubmissionErrorDto } from './dto/submission-error.dto';
import { type BatchItemOutcome, SubmissionService } from './submission.service';

const COMPACT_JWS = { type: 'string', pattern: COMPACT_JWS_PATTERN } as const;

/** A refusal response documented as `application/json` (the receipt alone is application/jose). */
function refused(status: number, description: string) {
  return { status, description, content: { 'application/json': { schema: { $ref: getSchemaPath(SubmissionErrorDto) } } } };
}

@ApiTags('messages')
@ApiExtraModels(SubmissionErrorDto, AuthErrorDto, BatchItemAcceptedDto, BatchItemRefusedDto)
@Controller('v1/messages')
export class SubmissionController {
  constructor(private readonly submissions: SubmissionService) {}

  @Post()
  @ApiResponse({
    status: 403,
    description:
      'Or the message was refused (SubmissionErrorDto): BAD_SIGNATURE, UNKNOWN_KEY, REVOKED_KEY, NO_AGREEMENT, AGREEMENT_EXPIRED, TYPE_NOT_COVERED, AREA_NOT_COVERED, LEGAL_BASIS_NOT_COVERED, SENDER_SUSPENDED, RECIPIENT_SUSPENDED.',
    content: { 'application/json': { schema: { oneOf: [{ $ref: getSchemaPath(SubmissionErrorDto) }, { $ref: getSchemaPath(AuthErrorDto) }] } } },
  })
  @NodeAuth()
  @HttpCode(HttpStatus.ACCEPTED)
  @Header('Content-Type', 'application/jose')
  @ApiOperation({
    summary: 'Submit a signed request or answer',
    description:
      'The body is the compact JWS (typ cicu-request+jws or cicu-answer+jws) signed by the calling node, at most 1 MiB. ' +
      'Accepted: 202 with the hub-signed receipt (compact JWS, typ cicu-hub-receipt+jws), and the message is queued for delivery. ' +
      'Refused: the reason code (docs/protocol.md §10, statuses in docs/adr-routing.md) and, when the message id was readable, a hub-signed refusal.',
  })
  @ApiConsumes('application/jose')
  @ApiBody({ schema: { ...COMPACT_JWS, description: 'The compact JWS of the envelope' } })
  @ApiAcceptedResponse({ description: 'Hub receipt (compact JWS)', content: { 'application/jose': { schema: COMPACT_JWS } } })
  @ApiResponse(refused(400, 'SCHEMA (with issues)'))
  @ApiResponse(refused(409, 'REPLAY: the message id was submitted before'))
  @ApiResponse(refused(422, 'CLOCK_SKEW'))
  async submit(@CurrentNode() node: AuthenticatedNode, @Body() body: unknown): Promise<string> {
    return (await this.submissions.submit(node, body)).receipt;
  }

  @Post('batch')
  @NodeAuth()
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: 'Submit several signed requests or answers in one call',
    description:
      `Up to ${LIMITS.batchMessages} compact JWS, at most ${LIMITS.batchLength} characters together, each checked, stored, audited and refused exactly as by POST /v1/messages ` +
      '(the same order of checks, reason codes and hub-signed receipts and refusals), sharing one authentication and the group commits. ' +
      '200 with one outcome per message, in the order sent. Only a body that is not such a batch is refused as a whole (400 SCHEMA, nothing stored or audited); ' +
      'a larger message goes alone to POST /v1/messages (docs/adr-routing.md).',
  })
  @ApiBody({ type: SubmissionBatchDto })
  @ApiOkResponse({ type: SubmissionBatchResultDto })
  @ApiResponse(refused(400, 'SCHEMA: the body is not a batch (with issues)'))
  async submitBatch(@CurrentNode() node: AuthenticatedNode, @Body() body: unknown): Promise<SubmissionBatchResultDto> {
    return { results: (await this.submissions.submitBatch(node, body)).map(batchItemOf) };
  }
}

function batchItemOf(item: BatchItemOutcome): BatchItemAcceptedDto | BatchItemRefusedDto {
  if (item.outcome === 'accepted') return { outcome: 'accepted', messageId: item.messageId, receipt: item.receipt };
  return { outcome: 'refused', status: submissionStatusOf(item.error.code), ...submissionErrorBody(item.error) };
}
