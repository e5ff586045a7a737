import { Body, Controller, Get, Param, Put } from '@nestjs/common';
import { ApiBadRequestResponse, ApiBody, ApiConflictResponse, ApiForbiddenResponse, ApiOkResponse, ApiOperation, ApiParam, ApiProperty, ApiPropertyOptional, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { AREAS, LIBRARY_LANGUAGES, UnitProfileContent, validateUnitProfileContent } from '@cicu/protocol';
import { type AuthenticatedNode } from '../auth/authenticated-node';
import { CurrentNode, NodeAuth } from '../auth/node-auth.decorators';
import { ForumErrorDto, officerActionBody } from '../forum/dto/forum.dto';
import { OfficerActionReader } from '../sharing/officer-action';
import { UnitDirectoryError } from './unit-directory.errors';
import { type DirectoryEntryView, UnitDirectoryService } from './unit-directory.service';

export class UnitContactPointDto {
  @ApiProperty({ example: 'Duty desk', description: 'A function, never a person.' }) function!: string;
  @ApiPropertyOptional({ format: 'email' }) email?: string;
  @ApiPropertyOptional({ example: '+33199001234', description: 'E.164' }) phone?: string;
  @ApiPropertyOptional({ example: 'Mon–Fri 08:00–18:00 CET' }) hours?: string;
}

export class UnitProfileDto {
  @ApiProperty() version!: number;
  @ApiProperty() description!: string;
  @ApiProperty({ enum: AREAS, isArray: true }) competences!: string[];
  @ApiProperty({ enum: LIBRARY_LANGUAGES, isArray: true }) languages!: string[];
  @ApiProperty({ type: [UnitContactPointDto] }) contactPoints!: UnitContactPointDto[];
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
}

export class DirectoryEntryDto {
  @ApiProperty({ example: 'FR-CYBERDOUANE' }) unitId!: string;
  @ApiProperty({ example: 'FR' }) memberState!: string;
  @ApiProperty() name!: string;
  @ApiProperty() shortName!: string;
  @ApiProperty() administration!: string;
  @ApiProperty({ enum: AREAS, isArray: true, description: 'Areas of membership (kept by the coordinators).' }) areas!: string[];
  @ApiProperty({ type: UnitProfileDto, nullable: true, description: 'What the unit says of itself; null until its node publishes one.' }) profile!: UnitProfileDto | null;
}

const invalid = (message: string, issues: ConstructorParameters<typeof UnitDirectoryError>[2]) => new UnitDirectoryError('VALIDATION', message, issues);

/** The unit directory, for nodes (docs/adr-forum.md): read by every active member, each profile kept by its unit's node. */
@ApiTags('unit directory')
@NodeAuth()
@Controller('v1/unit-directory')
export class UnitDirectoryController {
  constructor(
    private readonly directory: UnitDirectoryService,
    private readonly actions: OfficerActionReader,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Every active member unit with its profile' })
  @ApiOkResponse({ type: [DirectoryEntryDto] })
  list(): Promise<DirectoryEntryView[]> {
    return this.directory.list();
  }

  @Put(':unitId')
  @ApiOperation({
    summary: "Replace the calling node's unit's profile (action unit-directory.update)",
    description: 'Only a node of that unit (else NOT_OWN_UNIT). content.baseVersion is the version edited (0 for the first; else PROFILE_CONFLICT). Free texts are guarded, without override. Audited.',
  })
  @ApiParam({ name: 'unitId', example: 'FR-CYBERDOUANE' })
  @ApiBody(officerActionBody(UnitProfileContent, 'The signed action and the whole profile'))
  @ApiOkResponse({ type: DirectoryEntryDto })
  @ApiBadRequestResponse({ type: ForumErrorDto, description: 'VALIDATION.' })
  @ApiForbiddenResponse({ type: ForumErrorDto, description: 'NOT_OWN_UNIT, ACTION_INVALID, ACTION_MISMATCH.' })
  @ApiConflictResponse({ type: ForumErrorDto, description: 'PROFILE_CONFLICT, ACTION_REPLAY.' })
  @ApiUnprocessableEntityResponse({ type: ForumErrorDto, description: 'PERSONAL_DATA_SUSPECTED (findings), ACTION_EXPIRED.' })
  async update(@CurrentNode() node: AuthenticatedNode, @Param('unitId') unitId: string, @Body() body: unknown): Promise<DirectoryEntryView> {
    return this.directory.update(unitId, await this.actions.read(node, body, 'unit-directory.update', validateUnitProfileContent, invalid));
  }
}
