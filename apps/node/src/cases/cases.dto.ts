import { ApiProperty, ApiPropertyOptional, OmitType, PartialType } from '@nestjs/swagger';
import { AREAS, HANDLING_CODES, OUTCOMES, PRIORITIES, REQUEST_TYPES } from '@cicu/protocol';
import { REQUEST_STATUSES } from './case-status';

export class CaseErrorDto {
  @ApiProperty({ enum: ['VALIDATION', 'FOUR_EYES', 'NOT_AUTHOR', 'ASSIGN_FORBIDDEN', 'NOT_FOUND', 'WRONG_STATUS', 'NO_ENCRYPTION_KEY', 'NOT_COVERED', 'ATTACHMENT_NOT_UPLOADED', 'FILE_TOO_LARGE'] }) code!: string;
  @ApiProperty() message!: string;
  @ApiPropertyOptional({ description: 'With VALIDATION: [{path, code, message}] (values never echoed)', type: 'array', items: { type: 'object' } }) issues?: unknown[];
  @ApiPropertyOptional({ description: 'With NOT_COVERED: agreement, requestType, area, legalBasis or priority' }) part?: string;
}

/** A file's metadata as a payload carries it (docs/protocol.md §8); its bytes were uploaded to this node. */
export class AttachmentDto {
  @ApiProperty({ maxLength: 255 }) fileName!: string;
  @ApiProperty({ maxLength: 255, example: 'application/pdf' }) mediaType!: string;
  @ApiProperty({ description: 'bytes' }) size!: number;
  @ApiProperty({ pattern: '^sha256:[0-9a-f]{64}$', description: 'sha256 of the bytes' }) controlNumber!: string;
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

export class ValidationIssueDto {
  @ApiProperty({ description: 'JSON Pointer into the request payload (or answer payload), e.g. /subject/ipAddress' }) path!: string;
  @ApiProperty({ example: 'format.ipv4-or-ipv6' }) code!: string;
  @ApiProperty({ description: 'The protocol\'s message; never quotes the input' }) message!: string;
}

export class DraftCheckDto {
  @ApiProperty() valid!: boolean;
  @ApiPropertyOptional({ enum: ['VALIDATION', 'NOT_COVERED'] }) code?: string;
  @ApiProperty({ type: [ValidationIssueDto] }) issues!: ValidationIssueDto[];
  @ApiPropertyOptional({ description: 'With NOT_COVERED: agreement, requestType, area, legalBasis or priority' }) part?: string;
}

export class AnswerCheckDto {
  @ApiProperty() valid!: boolean;
  @ApiProperty({ type: [ValidationIssueDto] }) issues!: ValidationIssueDto[];
}

export class AssignDto {
  @ApiProperty({ format: 'uuid', description: 'An active officer of this node holding the officer role; an officer who is no supervisor may give only their own id' }) officerId!: string;
}

class HubReceiptProofDto {
  @ApiProperty({ description: 'The hub\'s signed receipt verified with the pinned hub keys (stored only then)' }) verified!: boolean;
  @ApiProperty({ type: Number, nullable: true, description: 'Where the hub says it logged the acceptance' }) auditLeafIndex!: number | null;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) receivedAt!: string | null;
}

class DeliveryReceiptProofDto {
  @ApiProperty({ description: 'The partner\'s signed delivery receipt verified with its directory key, naming the digest of what we sent (stored only then)' }) verified!: boolean;
  @ApiProperty({ type: String, nullable: true }) by!: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) receivedAt!: string | null;
}

class AuditLogProofDto {
  @ApiProperty({ enum: ['included', 'not_included', 'pending', 'none'], description: 'included: the audit monitor verified an inclusion proof of the acceptance to a signed tree head; not_included: it raised an alert; pending: not checked yet; none: no receipt with a leaf' })
  status!: string;
  @ApiProperty({ type: Number, nullable: true }) leafIndex!: number | null;
  @ApiProperty({ type: Number, nullable: true }) treeSize!: number | null;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) checkedAt!: string | null;
}

export class RequestProofsDto {
  @ApiProperty({ type: HubReceiptProofDto }) hubReceipt!: HubReceiptProofDto;
  @ApiProperty({ type: DeliveryReceiptProofDto }) deliveryReceipt!: DeliveryReceiptProofDto;
  @ApiProperty({ type: AuditLogProofDto }) auditLog!: AuditLogProofDto;
}

class MyRequestsCountDto {
  @ApiProperty() total!: number;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'integer' }, description: 'Count per status (statuses with none are left out)' }) byStatus!: Record<string, number>;
  @ApiProperty() overdue!: number;
}

class IncomingCountDto {
  @ApiProperty({ description: 'Received requests not answered yet' }) new!: number;
  @ApiProperty() assignedToMe!: number;
  @ApiProperty() unassigned!: number;
  @ApiProperty() overdue!: number;
}

export class DashboardDto {
  @ApiProperty({ type: MyRequestsCountDto }) myRequests!: MyRequestsCountDto;
  @ApiProperty({ type: IncomingCountDto }) incoming!: IncomingCountDto;
  @ApiProperty({ description: 'Requests of other officers awaiting approval (0 for an officer who is no supervisor)' }) awaitingMyApproval!: number;
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
  @ApiPropertyOptional({ type: RequestProofsDto, description: 'Detail only: what this node verified of the receipts and the hub\'s audit log' }) proofs?: RequestProofsDto;
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
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'The officer who answers it' }) assignedTo!: string | null;
  @ApiProperty({ type: String, nullable: true }) assignedToName!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) assignedAt!: string | null;
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
