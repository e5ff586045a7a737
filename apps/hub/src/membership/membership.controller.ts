import { Body, Controller, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { ApiBadRequestResponse, ApiBody, ApiConflictResponse, ApiCreatedResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { type AuthenticatedAdmin } from '../accounts/authenticated-admin';
import { AdminRoles, CurrentAdmin } from '../auth/access.decorators';
import { type UnitView } from '../directory/directory.views';
import { CreateUnitRequestDto, MemberStateDto, MembershipErrorDto, UnitDto, UpdateMemberStateRequestDto, UpdateUnitRequestDto } from './dto/membership.dto';
import { type MemberStateView, MembershipService } from './membership.service';

@ApiTags('admin: membership')
@Controller('v1/admin')
export class MembershipController {
  constructor(private readonly membership: MembershipService) {}

  @Get('member-states')
  @AdminRoles('coordinator', 'auditor')
  @ApiOperation({ summary: 'The member states' })
  @ApiOkResponse({ type: [MemberStateDto] })
  listMemberStates(): Promise<MemberStateView[]> {
    return this.membership.listMemberStates();
  }

  @Post('member-states')
  @AdminRoles('coordinator')
  @ApiOperation({ summary: 'Add a member state', description: 'Audited; a new directory version.' })
  @ApiBody({ type: MemberStateDto })
  @ApiCreatedResponse({ type: MemberStateDto })
  @ApiBadRequestResponse({ type: MembershipErrorDto, description: 'VALIDATION, with issues.' })
  @ApiConflictResponse({ type: MembershipErrorDto, description: 'MEMBER_STATE_EXISTS.' })
  createMemberState(@CurrentAdmin() admin: AuthenticatedAdmin, @Body() body: unknown): Promise<MemberStateView> {
    return this.membership.createMemberState(admin, body);
  }

  @Patch('member-states/:code')
  @AdminRoles('coordinator')
  @ApiOperation({ summary: 'Rename a member state', description: 'Audited; a new directory version.' })
  @ApiBody({ type: UpdateMemberStateRequestDto })
  @ApiOkResponse({ type: MemberStateDto })
  @ApiBadRequestResponse({ type: MembershipErrorDto, description: 'VALIDATION, with issues.' })
  @ApiNotFoundResponse({ type: MembershipErrorDto, description: 'MEMBER_STATE_NOT_FOUND.' })
  updateMemberState(@CurrentAdmin() admin: AuthenticatedAdmin, @Param('code') code: string, @Body() body: unknown): Promise<MemberStateView> {
    return this.membership.updateMemberState(admin, code, body);
  }

  @Get('units')
  @AdminRoles('coordinator', 'auditor')
  @ApiOperation({ summary: 'The units, whatever their status' })
  @ApiOkResponse({ type: [UnitDto] })
  listUnits(): Promise<UnitView[]> {
    return this.membership.listUnits();
  }

  @Get('units/:unitId')
  @AdminRoles('coordinator', 'auditor')
  @ApiOperation({ summary: 'One unit' })
  @ApiOkResponse({ type: UnitDto })
  @ApiNotFoundResponse({ type: MembershipErrorDto, description: 'UNIT_NOT_FOUND.' })
  getUnit(@Param('unitId') unitId: string): Promise<UnitView> {
    return this.membership.getUnit(unitId);
  }

  @Post('units')
  @AdminRoles('coordinator')
  @ApiOperation({ summary: 'Admit a unit', description: 'It starts active. Its node then enrols. Audited; a new directory version.' })
  @ApiBody({ type: CreateUnitRequestDto })
  @ApiCreatedResponse({ type: UnitDto })
  @ApiBadRequestResponse({ type: MembershipErrorDto, description: 'VALIDATION, with issues (also: an unknown member state, an id not starting with it).' })
  @ApiConflictResponse({ type: MembershipErrorDto, description: 'UNIT_EXISTS.' })
  createUnit(@CurrentAdmin() admin: AuthenticatedAdmin, @Body() body: unknown): Promise<UnitView> {
    return this.membership.createUnit(admin, body);
  }

  @Patch('units/:unitId')
  @AdminRoles('coordinator')
  @ApiOperation({ summary: "Edit a unit's names or areas", description: 'Audited (the fields changed); a new directory version.' })
  @ApiBody({ type: UpdateUnitRequestDto })
  @ApiOkResponse({ type: UnitDto })
  @ApiBadRequestResponse({ type: MembershipErrorDto, description: 'VALIDATION, with issues.' })
  @ApiNotFoundResponse({ type: MembershipErrorDto, description: 'UNIT_NOT_FOUND.' })
  @ApiConflictResponse({ type: MembershipErrorDto, description: 'UNIT_RETIRED.' })
  updateUnit(@CurrentAdmin() admin: AuthenticatedAdmin, @Param('unitId') unitId: string, @Body() body: unknown): Promise<UnitView> {
    return this.membership.updateUnit(admin, unitId, body);
  }

  @Post('units/:unitId/suspend')
  @AdminRoles('coordinator')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Suspend a unit',
    description: 'From the next request on: messages from it (SENDER_SUSPENDED) and to it (RECIPIENT_SUSPENDED) are refused, its nodes cannot authenticate, deliveries queued for it are held. Audited.',
  })
  @ApiOkResponse({ type: UnitDto })
  @ApiNotFoundResponse({ type: MembershipErrorDto, description: 'UNIT_NOT_FOUND.' })
  @ApiConflictResponse({ type: MembershipErrorDto, description: 'UNIT_NOT_ACTIVE or UNIT_RETIRED.' })
  suspend(@CurrentAdmin() admin: AuthenticatedAdmin, @Param('unitId') unitId: string): Promise<UnitView> {
    return this.membership.suspendUnit(admin, unitId);
  }

  @Post('units/:unitId/reinstate')
  @AdminRoles('coordinator')
  @HttpCode(200)
  @ApiOperation({ summary: 'Reinstate a suspended unit', description: 'Active again; the deliveries held for it go out now. Audited.' })
  @ApiOkResponse({ type: UnitDto })
  @ApiNotFoundResponse({ type: MembershipErrorDto, description: 'UNIT_NOT_FOUND.' })
  @ApiConflictResponse({ type: MembershipErrorDto, description: 'UNIT_NOT_SUSPENDED or UNIT_RETIRED.' })
  reinstate(@CurrentAdmin() admin: AuthenticatedAdmin, @Param('unitId') unitId: string): Promise<UnitView> {
    return this.membership.reinstateUnit(admin, unitId);
  }

  @Post('units/:unitId/retire')
  @AdminRoles('coordinator')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Retire a unit (final)',
    description: 'Refused like a suspended unit from then on, for good; deliveries still queued for it become undeliverable (they stay in its mailbox). Audited.',
  })
  @ApiOkResponse({ type: UnitDto })
  @ApiNotFoundResponse({ type: MembershipErrorDto, description: 'UNIT_NOT_FOUND.' })
  @ApiConflictResponse({ type: MembershipErrorDto, description: 'UNIT_RETIRED.' })
  retire(@CurrentAdmin() admin: AuthenticatedAdmin, @Param('unitId') unitId: string): Promise<UnitView> {
    return this.membership.retireUnit(admin, unitId);
  }
}
