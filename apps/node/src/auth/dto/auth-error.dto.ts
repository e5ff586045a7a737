import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { AUTH_ERROR_CODES, type AuthErrorCode } from '../auth.errors';

export class ValidationIssueDto {
  @ApiProperty({ description: 'JSON Pointer to the offending member; "" is the whole body.', example: '/password' })
  path!: string;

  @ApiProperty({ example: 'required' })
  code!: string;

  @ApiProperty({ example: "must have required property 'password'" })
  message!: string;
}

export class AuthErrorDto {
  @ApiProperty({ enum: AUTH_ERROR_CODES, example: 'UNAUTHENTICATED' })
  code!: AuthErrorCode;

  @ApiProperty({ example: 'the access token has expired: log in again' })
  message!: string;

  @ApiPropertyOptional({ type: [ValidationIssueDto], description: 'VALIDATION only.' })
  issues?: ValidationIssueDto[];
}
