import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { AREAS, LIBRARY_CATEGORIES, LIBRARY_LANGUAGES, PERSONAL_DATA_KINDS } from '@cicu/protocol';

/**
 * The library's views, as the hub serves them to nodes and a node serves them to its officers
 * (one shape on both APIs: a node passes the hub's views on). OpenAPI only; the values are
 * built by the hub's library.views.ts.
 */

export class LibraryVisibilityDto {
  @ApiProperty({ enum: ['members', 'units'], description: 'members: every active member unit; units: the listed units and the author unit' }) scope!: string;
  @ApiPropertyOptional({ type: [String], example: ['FR-CYBERDOUANE', 'DE-ZIRE'] }) units?: string[];
}

export class LibraryFileDto {
  @ApiProperty({ description: 'The version this file is' }) version!: number;
  @ApiProperty({ example: 'darkweb-marketplaces.pdf' }) name!: string;
  @ApiProperty({ example: 'application/pdf', description: 'From the bytes, not the name' }) mediaType!: string;
  @ApiProperty({ description: 'Bytes' }) size!: number;
  @ApiProperty({ pattern: '^sha256:[0-9a-f]{64}$', description: 'SHA-256 control number of the bytes; downloads are checked against it' }) controlNumber!: string;
}

export class LibraryDocumentDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() title!: string;
  @ApiProperty() summary!: string;
  @ApiProperty({ enum: LIBRARY_CATEGORIES }) category!: string;
  @ApiProperty({ enum: AREAS, isArray: true }) areas!: string[];
  @ApiProperty({ enum: LIBRARY_LANGUAGES }) language!: string;
  @ApiProperty({ type: [String] }) tags!: string[];
  @ApiProperty({ example: 'FR-CYBERDOUANE' }) authorUnit!: string;
  @ApiProperty({ description: "The author officer's display name, as their node stated it" }) authorName!: string;
  @ApiProperty({ type: LibraryVisibilityDto }) visibility!: LibraryVisibilityDto;
  @ApiProperty() currentVersion!: number;
  @ApiProperty({ type: LibraryFileDto, description: 'The current version' }) file!: LibraryFileDto;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time', description: 'When the current version was uploaded' }) updatedAt!: string;
}

export class LibraryVersionDto {
  @ApiProperty() version!: number;
  @ApiProperty() fileName!: string;
  @ApiProperty() mediaType!: string;
  @ApiProperty() size!: number;
  @ApiProperty({ pattern: '^sha256:[0-9a-f]{64}$' }) controlNumber!: string;
  @ApiProperty({ description: 'Characters of text extracted for search and the guard' }) textChars!: number;
  @ApiProperty({ description: 'The unit that uploaded it' }) unit!: string;
  @ApiProperty({ format: 'uuid', description: 'The officer, by their id on their node' }) officerId!: string;
  @ApiProperty() officerName!: string;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ description: 'Index of its audit-log entry' }) auditIndex!: number;
  @ApiProperty({ description: "The officer's action as their node signed it: compact JWS, typ cicu-sharing-action+jws" }) action!: string;
  @ApiProperty({ description: "The RFC 8785 canonical JSON the action's digest covers (metadata, file name, size, control number, overrides)" }) content!: string;
}

export class LibraryDocumentDetailDto extends LibraryDocumentDto {
  @ApiProperty({ type: [LibraryVersionDto], description: 'Oldest first; every one stays downloadable' }) versions!: LibraryVersionDto[];
}

export class HighlightDto {
  @ApiProperty({ description: 'UTF-16 offset into snippet.text' }) start!: number;
  @ApiProperty() end!: number;
}

export class SnippetDto {
  @ApiProperty({ description: 'Plain text (no markup) around the matches' }) text!: string;
  @ApiProperty({ type: [HighlightDto] }) highlights!: HighlightDto[];
}

export class LibrarySearchHitDto extends LibraryDocumentDto {
  @ApiProperty({
    type: Number,
    nullable: true,
    description:
      'With q: ts_rank of the document (title, tags, summary and text). Results are ordered by it within the 100 best by title, tags and summary; past those, by the rank of title, tags and summary alone',
  })
  rank!: number | null;
  @ApiProperty({ type: SnippetDto, nullable: true, description: 'With a query: the matched words in context' }) snippet!: SnippetDto | null;
}

export class LibrarySearchPageDto {
  @ApiProperty({ type: [LibrarySearchHitDto] }) items!: LibrarySearchHitDto[];
  @ApiProperty({
    description:
      "Matches over all pages, among the documents the caller's unit may read (never one it may not). Exact up to a bound (10,000 with q; 1,000 without, " +
      'or the end of the page asked for when deeper); past it, the bound, and totalIsLowerBound is true',
  })
  total!: number;
  @ApiProperty({ description: 'True when the count stopped at its bound: more than total documents match' }) totalIsLowerBound!: boolean;
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
}

export class SharingFindingDto {
  @ApiProperty({ example: 'file', description: 'title, summary, tags/<i>, fileName, file (the extracted text), overrides/<i> (a justification)' }) location!: string;
  @ApiProperty({ enum: PERSONAL_DATA_KINDS }) kind!: string;
  @ApiProperty({ description: 'UTF-16 offsets into the text at location' }) start!: number;
  @ApiProperty() end!: number;
  @ApiProperty({ example: 'j***@***.fr', description: 'The masked shape; never the value' }) excerpt!: string;
}

export class LibraryErrorDto {
  @ApiProperty({ example: 'PERSONAL_DATA_SUSPECTED' }) code!: string;
  @ApiProperty() message!: string;
  @ApiPropertyOptional({ type: 'array', items: { type: 'object' }, description: 'With VALIDATION: [{path, code, message}] (values never echoed)' }) issues?: unknown[];
  @ApiPropertyOptional({ type: [SharingFindingDto], description: 'With PERSONAL_DATA_SUSPECTED' }) findings?: SharingFindingDto[];
}
