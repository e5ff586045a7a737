import { ApiProperty, getSchemaPath } from '@nestjs/swagger';
import { COMPACT_JWS_PATTERN, LIMITS } from '@cicu/protocol';
import { SubmissionErrorDto } from './submission-error.dto';


/** The body of POST /v1/messages/batch. */
export class SubmissionBatchDto {
  @ApiProperty({
    type: 'array',
    items: { type: 'string', pattern: COMPACT_JWS_PATTERN },
    minItems: 1,
    maxItems: LIMITS.batchMessages,
    description: `The compact JWS of each envelope (typ cicu-request+jws or cicu-answer+jws), at most ${LIMITS.batchLength} characters together`,
  })
  messages!: string[];
}

export class BatchItemAcceptedDto {
  @ApiProperty({ enum: ['accepted'] })
  outcome!: 'accepted';

  @ApiProperty({ format: 'uuid' })
  messageId!: string;

  @ApiProperty({ pattern: COMPACT_JWS_PATTERN, description: 'The hub receipt (compact JWS, typ cicu-hub-receipt+jws), as POST /v1/messages answers it' })
  receipt!: string;
}

/** A refused message of a batch: the body POST /v1/messages would have refused it with, and that status. */
export class BatchItemRefusedDto extends SubmissionErrorDto {
  @ApiProperty({ enum: ['refused'] })
  outcome!: 'refused';

  @ApiProperty({ enum: [400, 403, 409, 422], description: 'The HTTP status POST /v1/messages would have answered for this message alone' })
  status!: 400 | 403 | 409 | 422;
}

/** The answer to a batch: one outcome per message, in the order of the request. */
export class SubmissionBatchResultDto {
  @ApiProperty({ type: 'array', items: { oneOf: [{ $ref: getSchemaPath(BatchItemAcceptedDto) }, { $ref: getSchemaPath(BatchItemRefusedDto) }] } })
  results!: (BatchItemAcceptedDto | BatchItemRefusedDto)[];
}
