import { ApiProperty, ApiPropertyOptional, OmitType, PartialType, PickType } from '@nestjs/swagger';
import { AREAS, type Area, UNIT_ID_PATTERN } from '@cicu/protocol';
import { ValidationIssueDto } from '@cicu/shared';
import { UNIT_STATUSES, type UnitStatus } from '../../directory/unit.entity';
import { MEMBERSHIP_ERROR_CODES, type MembershipErrorCode } from '../membership.errors';

export class MemberStateDto {
  @ApiProperty({ description: 'ISO 3166-1 alpha-2', example: 'ES', pattern: '^[A-Z]{2}$' })
  code!: string;

  @ApiProperty({ example: 'Spain', maxLength: 100 })
  name!: string;
}

export class UpdateMemberStateRequestDto {
  @ApiProperty({ example: 'Kingdom of Spain', maxLength: 100 })
  name!: string;
}

export class UnitDto {
  @ApiProperty({ example: 'ES-CICU', pattern: UNIT_ID_PATTERN, description: 'Starts with its member state code.' })
  id!: string;

  @ApiProperty({ example: 'ES' })
  memberState!: string;

  @ApiProperty({ maxLength: 200 })
  name!: string;

  @ApiProperty({ maxLength: 50 })
  shortName!: string;

  @ApiProperty({ maxLength: 200 })
  administration!: string;

  @ApiProperty({ enum: UNIT_STATUSES })
  status!: UnitStatus;

  @ApiProperty({ enum: AREAS, isArray: true, minItems: 1 })
  areas!: Area[];
}

/** A new unit: every field of a unit but its status (it starts active). */
export class CreateUnitRequestDto extends OmitType(UnitDto, ['status'] as const) {}

/** At least one of the unit's names or its areas. */
export class UpdateUnitRequestDto extends PartialType(PickType(UnitDto, ['name', 'shortName', 'administration', 'areas'] as const)) {}

export class MembershipErrorDto {
  @ApiProperty({ enum: MEMBERSHIP_ERROR_CODES, example: 'UNIT_RETIRED' })
  code!: MembershipErrorCode;

  @ApiProperty()
  message!: string;

  @ApiPropertyOptional({ type: [ValidationIssueDto], description: 'VALIDATION only: each wrong field.' })
  issues?: ValidationIssueDto[];
}
