import { Body, Controller, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { ApiBadRequestResponse, ApiBody, ApiConflictResponse, ApiCreatedResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { type AuthenticatedAdmin } from '../accounts/authenticated-admin';
import { AdminRoles, CurrentAdmin } from '../auth/access.decorators';
import { type LegalBasisView } from '../directory/directory.views';
import { type AgreementVersionView, AgreementsService } from './agreements.service';
import { AgreementDto, AgreementsErrorDto, AmendAgreementRequestDto, CreateAgreementRequestDto, EndRequestDto, LegalBasisDto, UpdateLegalBasisRequestDto } from './dto/agreements.dto';
import { LegalBasesService } from './legal-bases.service';

const INVALID = { type: AgreementsErrorDto, description: 'VALIDATION, with issues (each wrong field; also unknown or retired parties, unknown legal bases, uncovered request types).' };

@ApiTags('admin: legal bases')
@Controller('v1/admin/legal-bases')
export class LegalBasesController {
  constructor(private readonly legalBases: LegalBasesService) {}

  @Get()
  @AdminRoles('coordinator', 'auditor')
  @ApiOperation({ summary: 'The legal bases' })
  @ApiOkResponse({ type: [LegalBasisDto] })
  list(): Promise<LegalBasisView[]> {
    return this.legalBases.list();
  }

  @Get(':legalBasisId')
  @AdminRoles('coordinator', 'auditor')
  @ApiOperation({ summary: 'One legal basis' })
  @ApiOkResponse({ type: LegalBasisDto })
  @ApiNotFoundResponse({ type: AgreementsErrorDto, description: 'LEGAL_BASIS_NOT_FOUND.' })
  get(@Param('legalBasisId') id: string): Promise<LegalBasisView> {
    return this.legalBases.get(id);
  }

  @Post()
  @AdminRoles('coordinator')
  @ApiOperation({ summary: 'Add a legal basis', description: 'Audited; a new directory version.' })
  @ApiBody({ type: LegalBasisDto })
  @ApiCreatedResponse({ type: LegalBasisDto })
  @ApiBadRequestResponse(INVALID)
  @ApiConflictResponse({ type: AgreementsErrorDto, description: 'LEGAL_BASIS_EXISTS.' })
  create(@CurrentAdmin() admin: AuthenticatedAdmin, @Body() body: unknown): Promise<LegalBasisView> {
    return this.legalBases.create(admin, body);
  }

  @Patch(':legalBasisId')
  @AdminRoles('coordinator')
  @ApiOperation({ summary: 'Edit a legal basis', description: 'Audited (the fields changed); a new directory version. Routing applies it from the next submission.' })
  @ApiBody({ type: UpdateLegalBasisRequestDto })
  @ApiOkResponse({ type: LegalBasisDto })
  @ApiBadRequestResponse(INVALID)
  @ApiNotFoundResponse({ type: AgreementsErrorDto, description: 'LEGAL_BASIS_NOT_FOUND.' })
  @ApiConflictResponse({ type: AgreementsErrorDto, description: 'LEGAL_BASIS_IN_USE: an agreement would cover a request type none of its legal bases allows.' })
  update(@CurrentAdmin() admin: AuthenticatedAdmin, @Param('legalBasisId') id: string, @Body() body: unknown): Promise<LegalBasisView> {
    return this.legalBases.update(admin, id, body);
  }

  @Post(':legalBasisId/end')
  @AdminRoles('coordinator')
  @HttpCode(200)
  @ApiOperation({ summary: 'End a legal basis', description: 'Requests under it are refused (LEGAL_BASIS_NOT_COVERED) after validTo. Audited.' })
  @ApiBody({ type: EndRequestDto })
  @ApiOkResponse({ type: LegalBasisDto })
  @ApiBadRequestResponse(INVALID)
  @ApiNotFoundResponse({ type: AgreementsErrorDto, description: 'LEGAL_BASIS_NOT_FOUND.' })
  @ApiConflictResponse({ type: AgreementsErrorDto, description: 'LEGAL_BASIS_ENDED: it already ends on or before that day.' })
  end(@CurrentAdmin() admin: AuthenticatedAdmin, @Param('legalBasisId') id: string, @Body() body: unknown): Promise<LegalBasisView> {
    return this.legalBases.end(admin, id, body);
  }
}

@ApiTags('admin: agreements')
@Controller('v1/admin/agreements')
export class AgreementsController {
  constructor(private readonly agreements: AgreementsService) {}

  @Get()
  @AdminRoles('coordinator', 'auditor')
  @ApiOperation({ summary: 'The agreements, each at its current version' })
  @ApiOkResponse({ type: [AgreementDto] })
  list(): Promise<AgreementVersionView[]> {
    return this.agreements.list();
  }

  @Get(':agreementId')
  @AdminRoles('coordinator', 'auditor')
  @ApiOperation({ summary: 'One agreement at its current version' })
  @ApiOkResponse({ type: AgreementDto })
  @ApiNotFoundResponse({ type: AgreementsErrorDto, description: 'AGREEMENT_NOT_FOUND.' })
  get(@Param('agreementId') id: string): Promise<AgreementVersionView> {
    return this.agreements.get(id);
  }

  @Get(':agreementId/versions')
  @AdminRoles('coordinator', 'auditor')
  @ApiOperation({ summary: 'Every version of an agreement, oldest first' })
  @ApiOkResponse({ type: [AgreementDto] })
  @ApiNotFoundResponse({ type: AgreementsErrorDto, description: 'AGREEMENT_NOT_FOUND.' })
  versions(@Param('agreementId') id: string): Promise<AgreementVersionView[]> {
    return this.agreements.versions(id);
  }

  @Get(':agreementId/versions/:version')
  @AdminRoles('coordinator', 'auditor')
  @ApiOperation({ summary: 'The terms of one version', description: 'As they were when the version was made: what a message routed under it (its agreementId and agreementVersion) was routed by.' })
  @ApiOkResponse({ type: AgreementDto })
  @ApiNotFoundResponse({ type: AgreementsErrorDto, description: 'AGREEMENT_NOT_FOUND or AGREEMENT_VERSION_NOT_FOUND.' })
  version(@Param('agreementId') id: string, @Param('version') version: string): Promise<AgreementVersionView> {
    return this.agreements.version(id, version);
  }

  @Post()
  @AdminRoles('coordinator')
  @ApiOperation({ summary: 'Make an agreement (version 1)', description: 'Routing applies it from the next submission. Audited; a new directory version.' })
  @ApiBody({ type: CreateAgreementRequestDto })
  @ApiCreatedResponse({ type: AgreementDto })
  @ApiBadRequestResponse(INVALID)
  @ApiConflictResponse({ type: AgreementsErrorDto, description: 'AGREEMENT_EXISTS.' })
  create(@CurrentAdmin() admin: AuthenticatedAdmin, @Body() body: unknown): Promise<AgreementVersionView> {
    return this.agreements.create(admin, body);
  }

  @Post(':agreementId/amendments')
  @AdminRoles('coordinator')
  @ApiOperation({
    summary: 'Amend an agreement (a new version)',
    description: 'The terms given replace those of the current version; the others stay. Messages already routed keep the version they were routed under. Audited.',
  })
  @ApiBody({ type: AmendAgreementRequestDto })
  @ApiCreatedResponse({ type: AgreementDto })
  @ApiBadRequestResponse(INVALID)
  @ApiNotFoundResponse({ type: AgreementsErrorDto, description: 'AGREEMENT_NOT_FOUND.' })
  amend(@CurrentAdmin() admin: AuthenticatedAdmin, @Param('agreementId') id: string, @Body() body: unknown): Promise<AgreementVersionView> {
    return this.agreements.amend(admin, id, body);
  }

  @Post(':agreementId/end')
  @AdminRoles('coordinator')
  @HttpCode(200)
  @ApiOperation({ summary: 'End an agreement (a new version)', description: 'Requests under it are refused (AGREEMENT_EXPIRED) after validTo. Audited.' })
  @ApiBody({ type: EndRequestDto })
  @ApiOkResponse({ type: AgreementDto })
  @ApiBadRequestResponse(INVALID)
  @ApiNotFoundResponse({ type: AgreementsErrorDto, description: 'AGREEMENT_NOT_FOUND.' })
  @ApiConflictResponse({ type: AgreementsErrorDto, description: 'AGREEMENT_ENDED: it already ends on or before that day.' })
  end(@CurrentAdmin() admin: AuthenticatedAdmin, @Param('agreementId') id: string, @Body() body: unknown): Promise<AgreementVersionView> {
    return this.agreements.end(admin, id, body);
  }
}
