import { ApiProperty } from '@nestjs/swagger';
import { NODE_AUTH_ERROR_CODES, type NodeAuthErrorCode } from '../node-auth.errors';

export class AuthErrorDto {
  @ApiProperty({ enum: NODE_AUTH_ERROR_CODES, example: 'REPLAY' })
  code!: NodeAuthErrorCode;

  @ApiProperty({ example: 'this assertion (jti) was already used' })
  message!: string;
}
