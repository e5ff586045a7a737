import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ValidationIssueDto } from '@cicu/shared';
import { ACCESS_ERROR_CODES, type AccessErrorCode } from '../access.errors';

export class AccessErrorDto {
  @ApiProperty({ enum: ACCESS_ERROR_CODES, example: 'UNAUTHENTICATED' })
  code!: AccessErrorCode;

  @ApiProperty({ example: 'the access token has expired: refresh it or log in again' })
  message!: string;

  @ApiPropertyOptional({ type: [ValidationIssueDto], description: 'VALIDATION only.' })
  issues?: ValidationIssueDto[];
}
