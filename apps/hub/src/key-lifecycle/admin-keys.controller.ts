import { Body, Controller, Get, HttpCode, HttpStatus, Param, Post } from '@nestjs/common';
import { ApiBadRequestResponse, ApiBody, ApiConflictResponse, ApiCreatedResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { type AuthenticatedAdmin } from '../accounts/authenticated-admin';
import { AdminRoles, CurrentAdmin } from '../auth/access.decorators';
import {
  ApprovedNodeDto,
  EnrollmentTokenDto,
  IssueTokenRequestDto,
  KeyLifecycleErrorDto,
  KeyListingDto,
  RevocationRequestDto,
  RevokedKeyDto,
  toEnrollmentTokenDto,
  toKeyStatusDto,
} from './dto/key-lifecycle.dto';
import { EnrollmentService } from './enrollment.service';
import { KeyLifecycleService } from './key-lifecycle.service';

@ApiTags('admin: nodes and keys')
@Controller('v1/admin')
export class AdminKeysController {
  constructor(
    private readonly enrollment: EnrollmentService,
    private readonly keys: KeyLifecycleService,
  ) {}

  @Post('units/:unitId/enrollment-tokens')
  @AdminRoles('coordinator')
  @ApiOperation({
    summary: 'Issue a one-time enrolment token for a unit',
    description:
      "The token is shown in this answer only (the hub keeps its SHA-256): hand it to the unit's node operator over a trusted channel, who runs " +
      '`npm run node -- enroll <hub-url> <token>`. It expires after ttlSeconds (default ENROLLMENT_TOKEN_TTL_SECONDS) and enrols one node. Audited.',
  })
  @ApiBody({ type: IssueTokenRequestDto, required: false })
  @ApiCreatedResponse({ type: EnrollmentTokenDto })
  @ApiBadRequestResponse({ type: KeyLifecycleErrorDto, description: 'VALIDATION, with issues.' })
  @ApiNotFoundResponse({ type: KeyLifecycleErrorDto, description: 'UNIT_NOT_FOUND.' })
  @ApiConflictResponse({ type: KeyLifecycleErrorDto, description: 'UNIT_NOT_ACTIVE.' })
  async issueToken(@CurrentAdmin() admin: AuthenticatedAdmin, @Param('unitId') unitId: string, @Body() body: unknown): Promise<EnrollmentTokenDto> {
    return toEnrollmentTokenDto(await this.enrollment.issueToken(admin, unitId, body));
  }

  @Post('nodes/:id/approve')
  @AdminRoles('coordinator')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Approve a pending node', description: 'The node becomes active and appears in the next signed directory snapshot. Audited; a new directory version.' })
  @ApiOkResponse({ type: ApprovedNodeDto })
  @ApiNotFoundResponse({ type: KeyLifecycleErrorDto, description: 'NODE_NOT_FOUND.' })
  @ApiConflictResponse({ type: KeyLifecycleErrorDto, description: 'NODE_NOT_PENDING.' })
  approve(@CurrentAdmin() admin: AuthenticatedAdmin, @Param('id') id: string): Promise<ApprovedNodeDto> {
    return this.enrollment.approve(admin, id);
  }

  @Get('keys')
  @AdminRoles('coordinator', 'auditor')
  @ApiOperation({
    summary: 'Every node key with its state and expiry warning',
    description: 'warning is expiring for a key in service whose notAfter is at most KEY_EXPIRY_WARNING_DAYS away, expired for one past it that nothing replaced. Public keys are not repeated here.',
  })
  @ApiOkResponse({ type: KeyListingDto })
  async list(): Promise<KeyListingDto> {
    return { warningDays: this.keys.warningDays, keys: (await this.keys.list()).map(toKeyStatusDto) };
  }

  @Post('keys/:kid/revoke')
  @AdminRoles('coordinator')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: 'Revoke a node key from an effective time on',
    description:
      'Anything signed with it is refused from effectiveAt (default now) on: REVOKED_KEY at the hub at once, at every node after its next directory refresh. ' +
      'Messages accepted before keep their status. Audited; a new directory version.',
  })
  @ApiBody({ type: RevocationRequestDto, required: false })
  @ApiOkResponse({ type: RevokedKeyDto })
  @ApiBadRequestResponse({ type: KeyLifecycleErrorDto, description: 'VALIDATION, with issues.' })
  @ApiNotFoundResponse({ type: KeyLifecycleErrorDto, description: 'KEY_NOT_FOUND.' })
  @ApiConflictResponse({ type: KeyLifecycleErrorDto, description: 'KEY_ALREADY_REVOKED: revoked already, from the same or an earlier time.' })
  async revoke(@CurrentAdmin() admin: AuthenticatedAdmin, @Param('kid') kid: string, @Body() body: unknown): Promise<RevokedKeyDto> {
    const { directoryVersion, ...key } = await this.keys.revoke(admin, kid, body);
    return { ...toKeyStatusDto(key), directoryVersion };
  }
}
