import { ApiProperty } from '@nestjs/swagger';
import { OFFICER_ROLES, type OfficerRole } from '../../officers/officer-roles';

/** Documents LoginRequest (login.guard.ts), which is what validates the body. */
export class LoginRequestDto {
  @ApiProperty({ example: 'j.martin', maxLength: 64 })
  username!: string;

  @ApiProperty({ format: 'password', maxLength: 1024 })
  password!: string;
}

export class AccessTokenDto {
  @ApiProperty({ description: 'JWT (typ cicu-officer-token+jwt, EdDSA) signed by this node; send as Authorization: Bearer.' })
  accessToken!: string;

  @ApiProperty({ enum: ['Bearer'] })
  tokenType!: 'Bearer';

  @ApiProperty({ description: 'Seconds until the token expires (ACCESS_TOKEN_TTL_SECONDS).', example: 900 })
  expiresIn!: number;
}

export class CurrentOfficerDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ example: 'j.martin' })
  username!: string;

  @ApiProperty({ example: 'Jeanne Martin' })
  displayName!: string;

  @ApiProperty({ enum: OFFICER_ROLES, isArray: true, example: ['officer'] })
  roles!: OfficerRole[];

  @ApiProperty({ example: 'FR-CYBERDOUANE', description: "This node's unit (the web app offers a new version of the unit's own library documents only)" })
  unitId!: string;
}
