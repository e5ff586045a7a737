import { applyDecorators, Body, Controller, Get, Param, Post, Query, Res, StreamableFile, UploadedFile, UseFilters, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import {
  ApiBadGatewayResponse,
  ApiBadRequestResponse,
  ApiBody,
  ApiConsumes,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiPayloadTooLargeResponse,
  ApiProduces,
  ApiTags,
  ApiUnprocessableEntityResponse,
  ApiUnsupportedMediaTypeResponse,
} from '@nestjs/swagger';
import type { Response } from 'express';
import { LibraryDocumentDetailDto, LibraryDocumentDto, LibraryErrorDto, LibrarySearchPageDto, LibrarySearchQueryDocs, UploadErrorFilter } from '@cicu/shared';
import { CurrentOfficer, Roles } from '../auth/access.decorators';
import { type OfficerView } from '../officers/officers.service';
import { LibraryService, type UploadedFilePart } from './library.service';

const OVERRIDES_FIELD = {
  type: 'string',
  description: 'Optional JSON array: each finding of an earlier PERSONAL_DATA_SUSPECTED refusal that is not personal data, as {location, kind, start, end, justification} (10–2000 characters)',
} as const;

const UploadRefusals = () =>
  applyDecorators(
    ApiBadRequestResponse({ type: LibraryErrorDto, description: 'VALIDATION (issues; nothing was sent to the hub)' }),
    ApiForbiddenResponse({ type: LibraryErrorDto, description: 'SENDER_SUSPENDED: this unit is suspended and has no access to the library' }),
    ApiPayloadTooLargeResponse({ type: LibraryErrorDto, description: 'FILE_TOO_LARGE, TEXT_TOO_LONG' }),
    ApiUnsupportedMediaTypeResponse({ type: LibraryErrorDto, description: 'UNSUPPORTED_FILE_TYPE, FILE_TYPE_MISMATCH (the type is read from the bytes)' }),
    ApiUnprocessableEntityResponse({ type: LibraryErrorDto, description: 'PERSONAL_DATA_SUSPECTED (findings: kind, location, masked excerpt), OVERRIDE_NOT_MATCHED, FILE_UNREADABLE' }),
    ApiBadGatewayResponse({ type: LibraryErrorDto, description: 'HUB_UNAVAILABLE' }),
  );

@ApiTags('library')
@Controller('v1/library/documents')
@UseFilters(UploadErrorFilter)
export class LibraryController {
  constructor(private readonly library: LibraryService) {}

  @Post()
  @Roles('officer')
  @UseInterceptors(FileInterceptor('file'))
  @ApiOperation({
    summary: 'Publish a document in the hub library',
    description:
      'This node signs the upload on your behalf (your display name, your id, the digest of the content) and sends it to the hub. Non-personal material only: ' +
      'the hub refuses anything its personal-data guard finds (422 PERSONAL_DATA_SUSPECTED, nothing stored); resubmit with `overrides` for findings that are not personal data.',
  })
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: {
      type: 'object',
      required: ['document', 'file'],
      properties: {
        document: {
          type: 'string',
          description: 'JSON: {title, summary, category, areas, language, tags, visibility: {scope: "members"} | {scope: "units", units: [...]}}',
          example: '{"title":"Darknet vendor shops","summary":"How vendors move between marketplaces","category":"trend","areas":["medicines"],"language":"en","tags":["darknet"],"visibility":{"scope":"members"}}',
        },
        overrides: OVERRIDES_FIELD,
        file: { type: 'string', format: 'binary', description: 'PDF, DOCX, ODT, plain text, Markdown, PNG or JPEG' },
      },
    },
  })
  @ApiCreatedResponse({ type: LibraryDocumentDto })
  @UploadRefusals()
  publish(@CurrentOfficer() officer: OfficerView, @Body() body: Record<string, unknown>, @UploadedFile() file: UploadedFilePart | undefined): Promise<LibraryDocumentDto> {
    return this.library.publish(officer, body, file);
  }

  @Post(':id/versions')
  @Roles('officer')
  @UseInterceptors(FileInterceptor('file'))
  @ApiOperation({ summary: 'Upload a new version of a document of this unit', description: 'Signed and guarded as a publication; earlier versions stay downloadable.' })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiConsumes('multipart/form-data')
  @ApiBody({ schema: { type: 'object', required: ['file'], properties: { overrides: OVERRIDES_FIELD, file: { type: 'string', format: 'binary' } } } })
  @ApiCreatedResponse({ type: LibraryDocumentDto })
  @ApiNotFoundResponse({ type: LibraryErrorDto, description: 'DOCUMENT_NOT_FOUND' })
  @UploadRefusals()
  addVersion(@CurrentOfficer() officer: OfficerView, @Param('id') id: string, @Body() body: Record<string, unknown>, @UploadedFile() file: UploadedFilePart | undefined): Promise<LibraryDocumentDto> {
    return this.library.addVersion(officer, id, body, file);
  }

  @Get()
  @Roles('officer', 'supervisor')
  @ApiOperation({ summary: 'Search the library', description: 'Ranked full text (English, French, German and more, stemmed) with highlighted snippets, over what this unit may read.' })
  @LibrarySearchQueryDocs()
  @ApiOkResponse({ type: LibrarySearchPageDto })
  @ApiBadRequestResponse({ type: LibraryErrorDto, description: 'VALIDATION' })
  @ApiForbiddenResponse({ type: LibraryErrorDto, description: 'SENDER_SUSPENDED' })
  search(@Query() query: Record<string, unknown>): Promise<LibrarySearchPageDto> {
    return this.library.search(query);
  }

  @Get(':id')
  @Roles('officer', 'supervisor')
  @ApiOperation({ summary: 'A document with its versions and the signed action behind each' })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiOkResponse({ type: LibraryDocumentDetailDto })
  @ApiNotFoundResponse({ type: LibraryErrorDto, description: 'DOCUMENT_NOT_FOUND (also when this unit may not read it)' })
  detail(@Param('id') id: string): Promise<LibraryDocumentDetailDto> {
    return this.library.detail(id);
  }

  @Get(':id/versions/:version/file')
  @Roles('officer', 'supervisor')
  @ApiOperation({
    summary: 'Download the file of a version, verified',
    description:
      'The node checks the bytes against the control number (and the control number against the action the author\'s node signed) before handing them over; ' +
      'Cicu-Control-Number and Repr-Digest carry it, Cicu-Verified says what was checked.',
  })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiParam({ name: 'version', schema: { type: 'integer', minimum: 1 } })
  @ApiProduces('application/octet-stream')
  @ApiOkResponse({ description: 'The bytes', content: { 'application/octet-stream': { schema: { type: 'string', format: 'binary' } } } })
  @ApiNotFoundResponse({ type: LibraryErrorDto, description: 'DOCUMENT_NOT_FOUND, VERSION_NOT_FOUND' })
  @ApiBadGatewayResponse({ type: LibraryErrorDto, description: 'CONTROL_NUMBER_MISMATCH: the hub served other bytes (nothing delivered), HUB_UNAVAILABLE' })
  async download(@Param('id') id: string, @Param('version') version: string, @Res({ passthrough: true }) res: Response): Promise<StreamableFile> {
    const file = await this.library.download(id, version);
    const digest = Buffer.from(file.controlNumber.slice('sha256:'.length), 'hex').toString('base64');
    res.attachment(file.fileName).set({
      'Content-Type': file.mediaType,
      'Repr-Digest': `sha-256=:${digest}:`,
      'Cicu-Control-Number': file.controlNumber,
      'Cicu-Verified': file.verified.join(', '),
    });
    return new StreamableFile(file.bytes);
  }
}
