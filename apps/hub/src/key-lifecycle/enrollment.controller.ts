import { Body, Controller, HttpCode, HttpStatus, Post } from '@nestjs/common';
import { ApiBadRequestResponse, ApiBody, ApiConflictResponse, ApiCreatedResponse, ApiNotFoundResponse, ApiOperation, ApiTags, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { Public } from '../auth/access.decorators';
import { EnrolledNodeDto, EnrollmentRequestDto, KeyLifecycleErrorDto, toEnrolledNodeDto } from './dto/key-lifecycle.dto';
import { EnrollmentService } from './enrollment.service';

@ApiTags('enrollment')
@Controller('v1/enrollments')
// The node has no id yet: the one-time token and the proof of possession authenticate the call.
@Public()
export class EnrollmentController {
  constructor(private readonly enrollment: EnrollmentService) {}

  @Post()
  @HttpCode(HttpStatus.CREATED)
  @ApiOperation({
    summary: 'Enrol a node with a one-time token',
    description:
      "Called by the node's enrol command (npm run node -- enroll <hub-url> <token>). No client assertion: the node has no id yet; the token and the proof of possession " +
      'authenticate the call. The node is registered as pending until a coordinator approves it (POST /v1/admin/nodes/{id}/approve).',
  })
  @ApiBody({ type: EnrollmentRequestDto })
  @ApiCreatedResponse({ type: EnrolledNodeDto })
  @ApiBadRequestResponse({ type: KeyLifecycleErrorDto, description: 'VALIDATION (issues), PROOF_INVALID, PROOF_KEY_MISMATCH, JWKS_INVALID, INBOX_URL_INVALID' })
  @ApiUnauthorizedResponse({ type: KeyLifecycleErrorDto, description: 'ENROLLMENT_TOKEN_INVALID (never issued), ENROLLMENT_TOKEN_EXPIRED' })
  @ApiConflictResponse({ type: KeyLifecycleErrorDto, description: 'ENROLLMENT_TOKEN_USED, KEY_ALREADY_REGISTERED, NODE_ALREADY_REGISTERED, UNIT_NOT_ACTIVE' })
  @ApiNotFoundResponse({ type: KeyLifecycleErrorDto, description: 'UNIT_NOT_FOUND' })
  async enroll(@Body() body: unknown): Promise<EnrolledNodeDto> {
    return toEnrolledNodeDto(await this.enrollment.enroll(body));
  }
}
