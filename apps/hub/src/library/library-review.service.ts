import { Injectable } from '@nestjs/common';
import { Type } from '@sinclair/typebox';
import { LIBRARY_SEARCH_LIMITS, UNIT_ID_PATTERN } from '@cicu/protocol';
import { schemaChecker } from '@cicu/shared';
import { LibraryError } from './library.errors';
import { guardOverrideFields } from '../sharing/guard-override-rows';
import { LibraryRepository, type OverrideRow } from './library.repository';

/** One accepted override of the personal-data guard, as coordinators review it. */
export interface OverrideView {
  id: string;
  documentId: string;
  documentTitle: string;
  version: number;
  location: string;
  kind: string;
  start: number;
  end: number;
  excerpt: string;
  justification: string;
  unit: string;
  officerId: string;
  officerName: string;
  createdAt: string;
  auditIndex: number;
}

const ReviewQuery = Type.Object(
  {
    unit: Type.Optional(Type.String({ pattern: UNIT_ID_PATTERN, maxLength: 35 })),
    page: Type.Optional(Type.String({ pattern: '^[1-9][0-9]{0,3}$' })),
    pageSize: Type.Optional(Type.String({ pattern: '^[1-9][0-9]{0,2}$' })),
  },
  { additionalProperties: false },
);
const checkQuery = schemaChecker(ReviewQuery);

const viewOf = (o: OverrideRow): OverrideView => ({
  ...guardOverrideFields(o),
  documentId: o.document_id,
  documentTitle: o.title,
  version: o.version,
  unit: o.unit_id,
});

/** The coordinators' review of what authors declared not personal (docs/adr-library.md). */
@Injectable()
export class LibraryReviewService {
  constructor(private readonly repository: LibraryRepository) {}

  async overrides(query: unknown): Promise<{ items: OverrideView[]; total: number; page: number; pageSize: number }> {
    const checked = checkQuery(query ?? {});
    if (!checked.ok) throw new LibraryError('VALIDATION', 'the query parameters fail validation', checked.issues);
    const page = Number(checked.value.page ?? 1);
    const pageSize = Math.min(LIBRARY_SEARCH_LIMITS.pageSize, Number(checked.value.pageSize ?? LIBRARY_SEARCH_LIMITS.defaultPageSize));
    const offset = (page - 1) * pageSize;
    const rows = await this.repository.overrides({ unit: checked.value.unit, limit: pageSize, offset });
    const total = rows.length > 0 ? Number(rows[0]!.total) : offset === 0 ? 0 : await this.repository.countOverrides(checked.value.unit);
    return { items: rows.map(viewOf), total, page, pageSize };
  }
}
