import { Readable } from 'node:stream';
import { applyDecorators, Body, Controller, Get, Param, Post, Query, Res, StreamableFile, UploadedFile, UseFilters, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import {
  ApiBadRequestResponse,
  ApiBody,
  ApiConflictResponse,
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
import { type AuthenticatedNode } from '../auth/authenticated-node';
import { CurrentNode, NodeAuth } from '../auth/node-auth.decorators';
import { fileHeaders } from './file-headers';
import { LibraryReadService } from './library-read.service';
import { LibraryService } from './library.service';
import { type LibraryDocumentView } from './library.views';

const uploadBody = (contentSchema: string) => ({
  schema: {
    type: 'object',
    required: ['action', 'content', 'file'],
    properties: {
      action: { type: 'string', description: "The officer's action, signed by the calling node: compact JWS, typ cicu-sharing-action+jws" },
      content: { type: 'string', description: `JSON of ${contentSchema}; the action's digest is sha256: of its RFC 8785 canonical form` },
      file: { type: 'string', format: 'binary' },
    },
  },
});

const UploadRefusals = () =>
  applyDecorators(
    ApiBadRequestResponse({ type: LibraryErrorDto, description: 'VALIDATION (issues), FILE_MISMATCH' }),
    ApiForbiddenResponse({ type: LibraryErrorDto, description: 'ACTION_INVALID, ACTION_MISMATCH; or the client assertion: NODE_NOT_ACTIVE, SENDER_SUSPENDED' }),
    ApiConflictResponse({ type: LibraryErrorDto, description: 'ACTION_REPLAY' }),
    ApiPayloadTooLargeResponse({ type: LibraryErrorDto, description: 'FILE_TOO_LARGE, TEXT_TOO_LONG' }),
    ApiUnsupportedMediaTypeResponse({ type: LibraryErrorDto, description: 'UNSUPPORTED_FILE_TYPE, FILE_TYPE_MISMATCH' }),
    ApiUnprocessableEntityResponse({ type: LibraryErrorDto, description: 'PERSONAL_DATA_SUSPECTED (findings), OVERRIDE_NOT_MATCHED, FILE_UNREADABLE, ACTION_EXPIRED' }),
  );

@ApiTags('library')
@Controller('v1/library/documents')
@UseFilters(UploadErrorFilter)
export class LibraryController {
  constructor(
    private readonly library: LibraryService,
    private readonly reads: LibraryReadService,
  ) {}

  @Post()
  @NodeAuth()
  @UseInterceptors(FileInterceptor('file'))
  @ApiOperation({
    summary: 'Publish a document (for an officer of the calling node)',
    description:
      'multipart/form-data: the officer\'s signed action (library.document.create), the content it covers ({document, file: {name, size, controlNumber}, overrides}) and the file. ' +
      'The file\'s type comes from its bytes; its text is extracted and, with the title, summary, tags and file name, checked by the personal-data guard: ' +
      'a finding refuses the upload (422 PERSONAL_DATA_SUSPECTED, nothing stored) unless the content overrides exactly it with a justification. See docs/adr-library.md.',
  })
  @ApiConsumes('multipart/form-data')
  @ApiBody(uploadBody('LibraryDocumentContent'))
  @ApiCreatedResponse({ type: LibraryDocumentDto })
  @UploadRefusals()
  create(@CurrentNode() node: AuthenticatedNode, @Body() body: Record<string, unknown>, @UploadedFile() file: { buffer: Buffer } | undefined): Promise<LibraryDocumentView> {
    return this.library.createDocument(node, { action: body?.action, content: body?.content, file });
  }

  @Post(':id/versions')
  @NodeAuth()
  @UseInterceptors(FileInterceptor('file'))
  @ApiOperation({
    summary: 'Upload a new version of a document (its author unit only)',
    description: 'As publishing, with the action library.version.create and the content {documentId, file, overrides}. Earlier versions stay downloadable.',
  })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiConsumes('multipart/form-data')
  @ApiBody(uploadBody('LibraryVersionContent'))
  @ApiCreatedResponse({ type: LibraryDocumentDto })
  @ApiNotFoundResponse({ type: LibraryErrorDto, description: 'DOCUMENT_NOT_FOUND' })
  @UploadRefusals()
  addVersion(
    @CurrentNode() node: AuthenticatedNode,
    @Param('id') id: string,
    @Body() body: Record<string, unknown>,
    @UploadedFile() file: { buffer: Buffer } | undefined,
  ): Promise<LibraryDocumentView> {
    return this.library.addVersion(node, id, { action: body?.action, content: body?.content, file });
  }

  @Get()
  @NodeAuth()
  @ApiOperation({
    summary: "Search the documents the caller's unit may read",
    description:
      'Full text over title, summary, tags and the files\' text, stemmed in English, French, German and the other EU languages PostgreSQL stems, ranked (ts_rank) with highlighted snippets; ' +
      'without q, newest first. Documents the unit may not read are never matched nor counted.',
  })
  @LibrarySearchQueryDocs()
  @ApiOkResponse({ type: LibrarySearchPageDto })
  @ApiBadRequestResponse({ type: LibraryErrorDto, description: 'VALIDATION' })
  search(@CurrentNode() node: AuthenticatedNode, @Query() query: Record<string, unknown>): Promise<LibrarySearchPageDto> {
    return this.reads.search(node, query);
  }

  @Get(':id')
  @NodeAuth()
  @ApiOperation({ summary: 'A document with all its versions and the signed action of each' })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiOkResponse({ type: LibraryDocumentDetailDto })
  @ApiNotFoundResponse({ type: LibraryErrorDto, description: "DOCUMENT_NOT_FOUND (also when the caller's unit may not read it)" })
  detail(@CurrentNode() node: AuthenticatedNode, @Param('id') id: string): Promise<LibraryDocumentDetailDto> {
    return this.reads.detail(node, id);
  }

  @Get(':id/versions/:version/file')
  @NodeAuth()
  @ApiOperation({
    summary: 'Download the file of a version',
    description: 'Streamed from the database. Repr-Digest (RFC 9530, sha-256) and Cicu-Control-Number (sha256:<hex>) name the digest the bytes must have; the node checks it.',
  })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiParam({ name: 'version', schema: { type: 'integer', minimum: 1 } })
  @ApiProduces('application/octet-stream')
  @ApiOkResponse({ description: 'The bytes', content: { 'application/octet-stream': { schema: { type: 'string', format: 'binary' } } } })
  @ApiNotFoundResponse({ type: LibraryErrorDto, description: 'DOCUMENT_NOT_FOUND, VERSION_NOT_FOUND' })
  async download(@CurrentNode() node: AuthenticatedNode, @Param('id') id: string, @Param('version') version: string, @Res({ passthrough: true }) res: Response): Promise<StreamableFile> {
    const file = await this.reads.file(node, id, version);
    res.attachment(file.fileName).set(fileHeaders(file));
    return new StreamableFile(Readable.from(file.chunks));
  }
}
