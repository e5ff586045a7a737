import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { REFUSAL_REASONS, type RefusalReason } from '@cicu/protocol';

export class ValidationIssueDto {
  @ApiProperty({ description: 'RFC 6901 JSON Pointer into the envelope', example: '/payload/digest' })
  path!: string;

  @ApiProperty({ description: 'Stable issue code (docs/protocol.md §12)', example: 'mismatch' })
  code!: string;

  @ApiProperty({ description: 'For people; never repeats the offending value' })
  message!: string;
}

/** The body of every refused submission. */
export class SubmissionErrorDto {
  @ApiProperty({ enum: REFUSAL_REASONS, example: 'AREA_NOT_COVERED', description: 'The refusal reason (docs/protocol.md §10)' })
  code!: RefusalReason;

  @ApiProperty({ example: 'agreement AGR-FR-DE-CICU does not cover the area gambling' })
  message!: string;

  @ApiPropertyOptional({ type: [ValidationIssueDto], description: 'With SCHEMA only' })
  issues?: ValidationIssueDto[];

  @ApiPropertyOptional({
    description: 'The hub-signed refusal (compact JWS, typ cicu-refusal+jws), present when the submission carried a readable message id',
    example: 'eyJhbGciOiJFZERTQSIsImtpZCI6Ii4uLiIsInR5cCI6ImNpY3UtcmVmdXNhbCtqd3MifQ.eyJ2IjoxLCJraW5kIjoicmVmdXNhbCJ9.c2ln',
  })
  refusal?: string;
}
