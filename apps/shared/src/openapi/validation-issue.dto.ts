import { ApiProperty } from '@nestjs/swagger';

/** One validation issue of a refused body (ValidationIssue of libs/protocol): never the value sent. */
export class ValidationIssueDto {
  @ApiProperty({ description: 'JSON Pointer to the offending member; "" is the whole body.', example: '/password' })
  path!: string;

  @ApiProperty({ example: 'required' })
  code!: string;

  @ApiProperty({ example: "must have required property 'password'" })
  message!: string;
}
