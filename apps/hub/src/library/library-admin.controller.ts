import { Controller, Get, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiOkResponse, ApiOperation, ApiProperty, ApiQuery, ApiTags } from '@nestjs/swagger';
import { LIBRARY_SEARCH_LIMITS, PERSONAL_DATA_KINDS } from '@cicu/protocol';
import { LibraryErrorDto } from '@cicu/shared';
import { AdminRoles } from '../auth/access.decorators';
import { LibraryReviewService } from './library-review.service';

export class GuardOverrideDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) documentId!: string;
  @ApiProperty() documentTitle!: string;
  @ApiProperty() version!: number;
  @ApiProperty({ example: 'file' }) location!: string;
  @ApiProperty({ enum: PERSONAL_DATA_KINDS }) kind!: string;
  @ApiProperty({ description: 'UTF-16 offsets into the text at location (of that version)' }) start!: number;
  @ApiProperty() end!: number;
  @ApiProperty({ description: 'The masked shape the guard showed the author' }) excerpt!: string;
  @ApiProperty({ description: "The author's reason why it is not personal data" }) justification!: string;
  @ApiProperty() unit!: string;
  @ApiProperty({ format: 'uuid' }) officerId!: string;
  @ApiProperty() officerName!: string;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ description: 'Index of the library.guard-overridden audit entry' }) auditIndex!: number;
}

export class GuardOverridePageDto {
  @ApiProperty({ type: [GuardOverrideDto] }) items!: GuardOverrideDto[];
  @ApiProperty() total!: number;
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
}

@ApiTags('admin: library')
@Controller('v1/admin/library')
export class LibraryAdminController {
  constructor(private readonly review: LibraryReviewService) {}

  @Get('overrides')
  @AdminRoles('coordinator')
  @ApiOperation({
    summary: 'Guard overrides to review',
    description: 'Every finding of the personal-data guard an author declared not personal, with the justification, newest first. Each is also an audit entry (library.guard-overridden).',
  })
  @ApiQuery({ name: 'unit', required: false, description: 'Only those of this unit' })
  @ApiQuery({ name: 'page', required: false, schema: { type: 'integer', minimum: 1, default: 1 } })
  @ApiQuery({ name: 'pageSize', required: false, schema: { type: 'integer', minimum: 1, maximum: LIBRARY_SEARCH_LIMITS.pageSize, default: LIBRARY_SEARCH_LIMITS.defaultPageSize } })
  @ApiOkResponse({ type: GuardOverridePageDto })
  @ApiBadRequestResponse({ type: LibraryErrorDto, description: 'VALIDATION' })
  overrides(@Query() query: Record<string, unknown>): Promise<GuardOverridePageDto> {
    return this.review.overrides(query);
  }
}
