import { applyDecorators } from '@nestjs/common';
import { ApiQuery } from '@nestjs/swagger';
import { AREAS, LIBRARY_CATEGORIES, LIBRARY_LANGUAGES, LIBRARY_SEARCH_LIMITS } from '@cicu/protocol';

/** The query parameters of a library search (LibrarySearchQuery), as both APIs document them. */
export function LibrarySearchQueryDocs(): MethodDecorator {
  return applyDecorators(
    ApiQuery({ name: 'q', required: false, description: 'Words, "a phrase", OR, -excluded (websearch syntax), in any language' }),
    ApiQuery({ name: 'category', required: false, enum: LIBRARY_CATEGORIES }),
    ApiQuery({ name: 'area', required: false, enum: AREAS }),
    ApiQuery({ name: 'unit', required: false, description: 'Author unit' }),
    ApiQuery({ name: 'language', required: false, enum: LIBRARY_LANGUAGES }),
    ApiQuery({ name: 'from', required: false, description: 'Current version uploaded on or after (date or UTC date-time)' }),
    ApiQuery({ name: 'to', required: false, description: 'Current version uploaded on or before (date or UTC date-time)' }),
    ApiQuery({ name: 'page', required: false, schema: { type: 'integer', minimum: 1, default: 1 } }),
    ApiQuery({ name: 'pageSize', required: false, schema: { type: 'integer', minimum: 1, maximum: LIBRARY_SEARCH_LIMITS.pageSize, default: LIBRARY_SEARCH_LIMITS.defaultPageSize } }),
  );
}
