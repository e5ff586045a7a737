import { ApiProperty, ApiPropertyOptional, OmitType, PartialType } from '@nestjs/swagger';
import { AREAS, HANDLING_CODES, OUTCOMES, PRIORITIES, REQUEST_TYPES } from '@cicu/protocol';
import { REQUEST_STATUSES } from './case-status';

export class CaseErrorDto {
  @ApiProperty({ enum: ['VALIDATION', 'FOUR_EYES', 'NOT_AUTHOR', 'NOT_FOUND', 'WRONG_STATUS', 'NO_ENCRYPTION_KEY', 'NOT_COVERED'] }) code!: string;
  @ApiProperty() message!: string;
  @ApiPropertyOptional({ description: 'With VALIDATION: [{path, code, message}] (values never echoed)', type: 'array', items: { type: 'object' } }) issues?: unknown[];
  @ApiPropertyOptional({ description: 'With NOT_COVERED: agreement, requestType, area, legalBasis or priority' }) part?: string;
}

export class AgreementCoverDto {
  @ApiProperty() id!: string;
  @ApiProperty() version!: number;
  @ApiProperty() title!: string;
  @ApiProperty({ enum: REQUEST_TYPES, isArray: true }) requestTypes!: string[];
  @ApiProperty({ enum: AREAS, isArray: true }) areas!: string[];
  @ApiProperty({ type: [String] }) legalBases!: string[];
  @ApiProperty({ enum: PRIORITIES }) maxPriority!: string;
  @ApiProperty({ type: String, nullable: true }) validTo!: string | null;
}

export class PartnerDto {
  @ApiProperty({ example: 'DE-ZIRE' }) unitId!: string;
  @ApiProperty({ type: [AgreementCoverDto] }) agreements!: AgreementCoverDto[];
}

export class DraftRequestDto {
  @ApiProperty({ example: 'DE-ZIRE' }) partnerUnit!: string;
  @ApiProperty({ example: 'AGR-FR-DE-CICU' }) agreementId!: string;
  @ApiProperty({ example: 'NAPLES-II-ART-10' }) legalBasisId!: string;
  @ApiProperty({ enum: REQUEST_TYPES }) requestType!: string;
  @ApiProperty({ enum: AREAS }) area!: string;
  @ApiProperty({ enum: PRIORITIES }) priority!: string;
  @ApiProperty({ enum: HANDLING_CODES }) handlingCode!: string;
  @ApiPropertyOptional({ description: 'Required with H3' }) handlingNote?: string;
  @ApiProperty({ description: 'The national case reference (nationalReference)' }) caseReference!: string;
  @ApiProperty() summaryOfFacts!: string;
  @ApiProperty() measureRequested!: string;
  @ApiProperty() enquiriesMade!: string;
  @ApiProperty({ description: 'The subject of the request type (docs/protocol.md §8); `type` may be omitted', type: 'object', additionalProperties: true })
  subject!: Record<string, unknown>;
  @ApiPropertyOptional({ type: 'array', items: { type: 'object' } }) attachments?: unknown[];
}

/** PATCH /v1/requests/{id}: any field of the draft; null removes handlingNote or attachments; other fields are refused. */
export class EditRequestDto extends PartialType(DraftRequestDto) {}

/** POST /v1/requests/{id}/follow-up: fields that differ from the earlier request (the partner stays). */
export class FollowUpDto extends PartialType(OmitType(DraftRequestDto, ['partnerUnit'] as const)) {}

export class ApproveDto {
  @ApiPropertyOptional({ maxLength: 2000 }) comment?: string;
}

export class ReturnDto {
  @ApiProperty({ minLength: 1, maxLength: 2000 }) comment!: string;
}

export class OutgoingRequestDto {
  @ApiProperty({ format: 'uuid', description: 'The message id (UUIDv7)' }) id!: string;
  @ApiProperty() caseReference!: string;
  @ApiProperty() partnerUnit!: string;
  @ApiProperty({ enum: REQUEST_TYPES }) requestType!: string;
  @ApiProperty() legalBasisId!: string;
  @ApiProperty() agreementId!: string;
  @ApiProperty({ enum: AREAS }) area!: string;
  @ApiProperty({ enum: PRIORITIES }) priority!: string;
  @ApiProperty({ enum: HANDLING_CODES }) handlingCode!: string;
  @ApiProperty({ enum: REQUEST_STATUSES }) status!: string;
  @ApiProperty({ format: 'date-time' }) dueAt!: string;
  @ApiProperty({ description: 'Due date passed without an answer' }) overdue!: boolean;
  @ApiProperty({ format: 'uuid' }) createdBy!: string;
  @ApiProperty({ type: String, nullable: true }) approvedBy!: string | null;
  @ApiProperty({ type: String, nullable: true }) approvalComment!: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
  @ApiProperty({ type: String, nullable: true }) submittedAt!: string | null;
  @ApiProperty({ type: String, nullable: true }) deliveredAt!: string | null;
  @ApiProperty({ type: String, nullable: true }) answeredAt!: string | null;
  @ApiProperty({ type: String, nullable: true }) answerMessageId!: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'The earlier request (answered more_information_needed) this one follows up' }) followsUp!: string | null;
  @ApiProperty({ type: 'object', nullable: true, additionalProperties: true, description: '{code, message, httpStatus, refusal?} when rejected_by_hub' })
  hubRefusal!: Record<string, unknown> | null;
  @ApiPropertyOptional({ type: 'object', additionalProperties: true, description: 'Detail only: the request payload (personal data)' }) payload?: Record<string, unknown>;
  @ApiPropertyOptional({ type: String, nullable: true, description: 'Detail only: the hub receipt (compact JWS)' }) hubReceipt?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, description: 'Detail only: the recipient\'s delivery receipt (compact JWS)' }) deliveryReceipt?: string | null;
  @ApiPropertyOptional({ type: 'object', nullable: true, additionalProperties: true, description: 'Detail only: the decrypted answer payload' })
  answer?: Record<string, unknown> | null;
}

export class IncomingRequestDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() fromUnit!: string;
  @ApiProperty({ enum: REQUEST_TYPES }) requestType!: string;
  @ApiProperty({ enum: AREAS }) area!: string;
  @ApiProperty({ enum: PRIORITIES }) priority!: string;
  @ApiProperty() legalBasisId!: string;
  @ApiProperty() agreementId!: string;
  @ApiProperty({ format: 'date-time' }) dueAt!: string;
  @ApiProperty() overdue!: boolean;
  @ApiProperty({ format: 'date-time' }) receivedAt!: string;
  @ApiProperty({ enum: ['new', 'answered'] }) status!: string;
  @ApiProperty({ type: String, nullable: true }) answerMessageId!: string | null;
  @ApiProperty({ type: String, nullable: true, enum: ['approved', 'submitting', 'submitted', 'delivered', 'rejected_by_hub'] }) answerStatus!: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'A request received earlier from the same unit that this one follows up (first line of enquiriesMade)' })
  followsUp!: string | null;
  @ApiPropertyOptional({ type: 'object', additionalProperties: true, description: 'Detail only: the decrypted request payload (personal data)' })
  payload?: Record<string, unknown>;
}

export class AnswerDto {
  @ApiProperty({ type: 'object', additionalProperties: true, description: `{code: ${OUTCOMES.join(' | ')}, …} (docs/protocol.md §9)` })
  outcome!: Record<string, unknown>;
  @ApiPropertyOptional({ type: 'array', items: { type: 'object' }, description: 'With answered / partially-answered: findings of the request\'s type' })
  findings?: unknown[];
  @ApiPropertyOptional() remarks?: string;
  @ApiPropertyOptional({ type: 'array', items: { type: 'object' } }) attachments?: unknown[];
}
