import { ApiProperty, ApiPropertyOptional, OmitType, PartialType } from '@nestjs/swagger';
import { AREAS, type Area, PRIORITIES, type Priority, REGISTRY_ID_PATTERN, REQUEST_TYPES, type RequestType, UNIT_ID_PATTERN } from '@cicu/protocol';
import { ValidationIssueDto } from '@cicu/shared';
import { AGREEMENTS_ERROR_CODES, type AgreementsErrorCode } from '../agreements.errors';

const DAY = { type: 'string', format: 'date', description: 'UTC calendar day, inclusive.' } as const;
const DURATION = { description: 'ISO 8601 duration in days/hours/minutes/seconds, e.g. P30D, PT72H.' } as const;

export class LegalBasisDto {
  @ApiProperty({ example: 'NAPLES-II-ART-10', pattern: REGISTRY_ID_PATTERN })
  id!: string;

  @ApiProperty({ example: 'Convention on mutual assistance and cooperation between customs administrations (Naples II)', maxLength: 500 })
  instrument!: string;

  @ApiProperty({ example: 'Art. 10', maxLength: 50 })
  article!: string;

  @ApiProperty({ example: 'Requests for information', maxLength: 200 })
  title!: string;

  @ApiProperty({ example: 'OJ C 24, 23.1.1998, p. 2', maxLength: 200 })
  officialReference!: string;

  @ApiProperty({ enum: REQUEST_TYPES, isArray: true, minItems: 1, description: 'The request types it can support.' })
  requestTypes!: RequestType[];

  @ApiProperty(DAY)
  validFrom!: string;

  @ApiProperty({ ...DAY, nullable: true, description: 'UTC calendar day, inclusive; null: no end.' })
  validTo!: string | null;
}

export class UpdateLegalBasisRequestDto extends PartialType(OmitType(LegalBasisDto, ['id'] as const)) {}

export class EndRequestDto {
  @ApiProperty({ ...DAY, description: 'The last UTC day (inclusive) it is in force; not later than an end it already has.' })
  validTo!: string;
}

export class DueTimesDto {
  @ApiProperty({ ...DURATION, example: 'P30D' })
  routine!: string;

  @ApiProperty({ ...DURATION, example: 'PT72H' })
  urgent!: string;

  @ApiProperty({ ...DURATION, example: 'PT24H' })
  immediate!: string;
}

export class ContactPointDto {
  @ApiProperty({ pattern: UNIT_ID_PATTERN, description: 'A party.' })
  unitId!: string;

  @ApiProperty({ example: 'duty desk', maxLength: 200, description: 'A function (a desk, a mailbox), never a named person.' })
  function!: string;

  @ApiPropertyOptional({ format: 'email' })
  email?: string;

  @ApiPropertyOptional({ description: 'E.164.' })
  phone?: string;
}

export class AgreementDto {
  @ApiProperty({ example: 'AGR-FR-DE-CICU', pattern: REGISTRY_ID_PATTERN })
  id!: string;

  @ApiProperty({ minimum: 1, description: 'Raised by every amendment and end; a message keeps the version it was routed under.' })
  version!: number;

  @ApiProperty({ maxLength: 300 })
  title!: string;

  @ApiProperty({ type: [String], minItems: 2, description: 'The units it binds (two or more).' })
  parties!: string[];

  @ApiProperty({ enum: REQUEST_TYPES, isArray: true, minItems: 1 })
  requestTypes!: RequestType[];

  @ApiProperty({ enum: AREAS, isArray: true, minItems: 1 })
  areas!: Area[];

  @ApiProperty({ type: [String], minItems: 1, description: 'Legal basis ids; each request type must be allowed by one of them.' })
  legalBases!: string[];

  @ApiProperty(DAY)
  validFrom!: string;

  @ApiProperty({ ...DAY, nullable: true, description: 'UTC calendar day, inclusive; null: no end.' })
  validTo!: string | null;

  @ApiProperty({ enum: PRIORITIES })
  maxPriority!: Priority;

  @ApiProperty({ type: DueTimesDto, description: 'Default due time per priority; not growing with priority.' })
  dueTimes!: DueTimesDto;

  @ApiProperty({ type: [ContactPointDto] })
  contactPoints!: ContactPointDto[];

  @ApiProperty({ format: 'date-time', description: 'When this version was recorded.' })
  recordedAt!: string;
}

export class CreateAgreementRequestDto extends OmitType(AgreementDto, ['version', 'recordedAt'] as const) {}

/** The terms that change; the others stay as in the current version. */
export class AmendAgreementRequestDto extends PartialType(OmitType(AgreementDto, ['id', 'version', 'recordedAt'] as const)) {}

export class AgreementsErrorDto {
  @ApiProperty({ enum: AGREEMENTS_ERROR_CODES, example: 'LEGAL_BASIS_IN_USE' })
  code!: AgreementsErrorCode;

  @ApiProperty()
  message!: string;

  @ApiPropertyOptional({ type: [ValidationIssueDto], description: 'VALIDATION only: each wrong field.' })
  issues?: ValidationIssueDto[];
}
