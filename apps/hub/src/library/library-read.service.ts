import { Injectable } from '@nestjs/common';
import { type EntityManager } from 'typeorm';
import { LIBRARY_SEARCH_LIMITS, validateLibrarySearchQuery, isLowercaseUuid } from '@cicu/protocol';
import { type AuthenticatedNode } from '../auth/authenticated-node';
import { LibraryError } from './library.errors';
import { LibraryRepository } from './library.repository';
import { documentView, type LibraryDocumentView, type LibrarySearchHit, type LibraryVersionView, searchHit, versionView } from './library.views';

export interface LibrarySearchPage {
  items: LibrarySearchHit[];
  /** How many documents the caller's unit may read match, over all pages; past the count's bound, that bound. */
  total: number;
  /** True when the count stopped at its bound: more than `total` documents match. */
  totalIsLowerBound: boolean;
  page: number;
  pageSize: number;
}

export interface LibraryFile {
  fileName: string;
  mediaType: string;
  size: number;
  controlNumber: string;
  chunks: AsyncIterable<Buffer>;
}

/**
 * What nodes read of the library. Every read is for the caller's unit, and a document it may
 * not read does not exist for it (DOCUMENT_NOT_FOUND, never "forbidden"): its visibility is
 * part of every query, in SQL, so it also holds for counts.
 */
@Injectable()
export class LibraryReadService {
  constructor(private readonly repository: LibraryRepository) {}

  /** `within` a transaction: the document as that transaction left it (an upload's answer). */
  async documentFor(node: AuthenticatedNode, id: string, within?: EntityManager): Promise<LibraryDocumentView> {
    const row = isLowercaseUuid(id) ? await this.repository.findReadable(node.unitId, id, within) : undefined;
    if (row === undefined) throw new LibraryError('DOCUMENT_NOT_FOUND', `no document ${id}`);
    return documentView(row);
  }

  async detail(node: AuthenticatedNode, id: string): Promise<LibraryDocumentView & { versions: LibraryVersionView[] }> {
    const document = await this.documentFor(node, id);
    return { ...document, versions: (await this.repository.versions(id)).map(versionView) };
  }

  async file(node: AuthenticatedNode, id: string, version: string): Promise<LibraryFile> {
    await this.documentFor(node, id);
    const n = /^[1-9][0-9]{0,8}$/.test(version) ? Number(version) : undefined;
    const row = n === undefined ? undefined : await this.repository.version(id, n);
    if (row === undefined) throw new LibraryError('VERSION_NOT_FOUND', `document ${id} has no version ${version}`);
    return { fileName: row.file_name, mediaType: row.media_type, size: Number(row.size), controlNumber: row.control_number, chunks: this.repository.fileChunks(id, row.version) };
  }

  async search(node: AuthenticatedNode, query: unknown): Promise<LibrarySearchPage> {
    const checked = validateLibrarySearchQuery(query);
    if (!checked.ok) throw new LibraryError('VALIDATION', 'the search parameters fail validation', checked.errors);
    const { q, category, area, unit, language } = checked.value;
    const page = Number(checked.value.page ?? 1);
    const pageSize = Number(checked.value.pageSize ?? LIBRARY_SEARCH_LIMITS.defaultPageSize);
    if (pageSize > LIBRARY_SEARCH_LIMITS.pageSize) throw new LibraryError('VALIDATION', 'pageSize is too large', [{ path: '/pageSize', code: 'maximum', message: `must be <= ${LIBRARY_SEARCH_LIMITS.pageSize}` }]);
    const offset = (page - 1) * pageSize;
    if (offset > LIBRARY_SEARCH_LIMITS.maxOffset) throw new LibraryError('VALIDATION', 'page is too deep', [{ path: '/page', code: 'maximum', message: `page × pageSize must stay within ${LIBRARY_SEARCH_LIMITS.maxOffset} results` }]);
    const from = dateOf(checked.value.from, 'from', false);
    const to = dateOf(checked.value.to, 'to', true);
    const filters = {
      readerUnit: node.unitId,
      ...(q !== undefined && q.trim() !== '' && { q }),
      ...(category !== undefined && { category }),
      ...(area !== undefined && { area }),
      ...(unit !== undefined && { unit }),
      ...(language !== undefined && { language }),
      ...(from !== undefined && { from }),
      ...(to !== undefined && { to }),
    };
    const { rows, total, totalIsLowerBound } = await this.repository.search({ ...filters, limit: pageSize, offset });
    return { items: rows.map(searchHit), total, totalIsLowerBound, page, pageSize };
  }
}

/** A date bound: a day means its start (from) or its end (to); a time is taken as given. */
function dateOf(value: string | undefined, name: string, endOfDay: boolean): Date | undefined {
  if (value === undefined) return undefined;
  const iso = value.length === 10 ? `${value}T${endOfDay ? '23:59:59.999' : '00:00:00.000'}Z` : value;
  const date = new Date(iso);
  if (Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== iso.slice(0, 10)) {
    throw new LibraryError('VALIDATION', `${name} is not a date`, [{ path: `/${name}`, code: 'format.date-time', message: 'must be an RFC 3339 date or UTC date-time' }]);
  }
  return date;
}
