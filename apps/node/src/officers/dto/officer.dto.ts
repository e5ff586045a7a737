import { ApiProperty } from '@nestjs/swagger';
import { OFFICER_ROLES, OFFICER_STATUSES, type OfficerRole, type OfficerStatus } from '../officer-roles';

export class OfficerDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ example: 'j.martin', pattern: '^[a-z0-9._-]{3,64}$' })
  username!: string;

  @ApiProperty({ example: 'Jeanne Martin' })
  displayName!: string;

  @ApiProperty({ enum: OFFICER_ROLES, isArray: true, example: ['officer'] })
  roles!: OfficerRole[];

  @ApiProperty({ enum: OFFICER_STATUSES })
  status!: OfficerStatus;
}
