import { ApiProperty } from '@nestjs/swagger';

export class CurrentNodeDto {
  @ApiProperty({ format: 'uuid' })
  nodeId!: string;

  @ApiProperty({ example: 'FR-CYBERDOUANE' })
  unitId!: string;

  @ApiProperty({ description: 'RFC 7638 thumbprint of the signing key the assertion was verified with.' })
  kid!: string;
}
