import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ValidationIssueDto } from '@cicu/shared';
import { AUTH_ERROR_CODES, type AuthErrorCode } from '../auth.errors';

export class AuthErrorDto {
  @ApiProperty({ enum: AUTH_ERROR_CODES, example: 'UNAUTHENTICATED' })
  code!: AuthErrorCode;

  @ApiProperty({ example: 'the access token has expired: log in again' })
  message!: string;

  @ApiPropertyOptional({ type: [ValidationIssueDto], description: 'VALIDATION only.' })
  issues?: ValidationIssueDto[];
}
