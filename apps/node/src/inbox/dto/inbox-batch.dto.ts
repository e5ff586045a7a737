import { ApiProperty, ApiPropertyOptional, getSchemaPath } from '@nestjs/swagger';
import { COMPACT_JWS_PATTERN, LIMITS } from '@cicu/protocol';
import { INBOX_ERROR_CODES, type InboxErrorCode } from '../inbox.errors';

/** The body of POST /v1/inbox/batch. */
export class InboxBatchDto {
  @ApiProperty({
    type: 'array',
    items: { type: 'string', pattern: COMPACT_JWS_PATTERN },
    minItems: 1,
    maxItems: LIMITS.batchMessages,
    description: `Each compact JWS as POST /v1/inbox takes it (a message, or a delivery receipt of a message this node sent), at most ${LIMITS.batchLength} characters together`,
  })
  messages!: string[];
}

export class InboxBatchStoredDto {
  @ApiProperty({ enum: ['stored'] })
  outcome!: 'stored';

  @ApiProperty({ format: 'uuid' })
  messageId!: string;

  @ApiProperty({ pattern: COMPACT_JWS_PATTERN, description: 'The delivery receipt signed by this node (typ cicu-delivery-receipt+jws), as POST /v1/inbox answers it; the same one when the message was already stored' })
  receipt!: string;
}

export class InboxBatchRecordedDto {
  @ApiProperty({ enum: ['recorded'], description: 'A delivery receipt of a message this node sent, verified and kept (204 alone)' })
  outcome!: 'recorded';

  @ApiProperty({ format: 'uuid' })
  messageId!: string;
}

/** A refused item: the body and status POST /v1/inbox would have refused it with. */
export class InboxBatchRefusedDto {
  @ApiProperty({ enum: ['refused'] })
  outcome!: 'refused';

  @ApiProperty({ enum: [400, 403, 409, 422, 503], description: 'The HTTP status POST /v1/inbox would have answered for this item alone (503: retry later)' })
  status!: number;

  @ApiProperty({ enum: INBOX_ERROR_CODES })
  code!: InboxErrorCode;

  @ApiProperty()
  message!: string;

  @ApiPropertyOptional({ type: 'array', items: { type: 'object', properties: { path: { type: 'string' }, code: { type: 'string' }, message: { type: 'string' } } } })
  issues?: { path: string; code: string; message: string }[];
}

/** The answer to a batch: one outcome per item, in the order of the request. */
export class InboxBatchResultDto {
  @ApiProperty({
    type: 'array',
    items: { oneOf: [{ $ref: getSchemaPath(InboxBatchStoredDto) }, { $ref: getSchemaPath(InboxBatchRecordedDto) }, { $ref: getSchemaPath(InboxBatchRefusedDto) }] },
  })
  results!: (InboxBatchStoredDto | InboxBatchRecordedDto | InboxBatchRefusedDto)[];
}
