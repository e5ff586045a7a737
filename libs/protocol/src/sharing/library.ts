import { Type, type Static } from '@sinclair/typebox';
import { AREAS } from '../codes';
import { LIMITS } from '../limits';
import { Discriminated, FileName, Obj, Sha256Digest, StringEnum, Text, UnitId, wellFormedTextPattern } from '../primitives';
import { LOWERCASE_UUID_PATTERN } from '../uuid';
import { Overrides } from './sharing-action';

/** What a library document is about. */
export const LIBRARY_CATEGORIES = ['tool', 'trend', 'risk-indicator', 'modus-operandi', 'best-practice', 'training', 'legal', 'procedure'] as const;
export type LibraryCategory = (typeof LIBRARY_CATEGORIES)[number];

/** The document's language: the 24 official languages of the EU (ISO 639-1). */
export const LIBRARY_LANGUAGES = ['bg', 'cs', 'da', 'de', 'el', 'en', 'es', 'et', 'fi', 'fr', 'ga', 'hr', 'hu', 'it', 'lt', 'lv', 'mt', 'nl', 'pl', 'pt', 'ro', 'sk', 'sl', 'sv'] as const;
export type LibraryLanguage = (typeof LIBRARY_LANGUAGES)[number];

export const LIBRARY_LIMITS = {
  title: LIMITS.shortText,
  summary: 4_000,
  tags: 20,
  tag: 40,
  visibleUnits: 50,
} as const;

/** Who may read a document: every active member, or the listed units (the author's unit always). */
export const LibraryVisibility = Discriminated('scope', [
  Obj({ scope: Type.Literal('members') }),
  Obj({ scope: Type.Literal('units'), units: Type.Array(UnitId, { minItems: 1, maxItems: LIBRARY_LIMITS.visibleUnits, uniqueItems: true }) }),
]);
export type LibraryVisibility = Static<typeof LibraryVisibility>;

/** The metadata an officer gives a new document. */
export const LibraryDocumentInput = Obj({
  title: Text(LIBRARY_LIMITS.title, { pattern: '\\S' }),
  summary: Text(LIBRARY_LIMITS.summary, { pattern: '\\S' }),
  category: StringEnum(LIBRARY_CATEGORIES),
  areas: Type.Array(StringEnum(AREAS), { minItems: 1, maxItems: AREAS.length, uniqueItems: true }),
  language: StringEnum(LIBRARY_LANGUAGES),
  tags: Type.Array(Type.String({ minLength: 1, maxLength: LIBRARY_LIMITS.tag, pattern: '^[\\p{L}\\p{N}][\\p{L}\\p{N} ._+#-]*$' }), { maxItems: LIBRARY_LIMITS.tags, uniqueItems: true }),
  visibility: LibraryVisibility,
});
export type LibraryDocumentInput = Static<typeof LibraryDocumentInput>;

/** The uploaded file as the officer's node saw it: its name, size in bytes and control number. */
export const LibraryFileDescriptor = Obj({
  name: FileName(),
  size: Type.Integer({ minimum: 1, maximum: LIMITS.attachmentSize }),
  controlNumber: Sha256Digest,
});
export type LibraryFileDescriptor = Static<typeof LibraryFileDescriptor>;

/** Content of a `library.document.create` action (its canonical JSON is what the action's digest covers). */
export const LibraryDocumentContent = Obj({
  document: LibraryDocumentInput,
  file: LibraryFileDescriptor,
  overrides: Overrides,
});
export type LibraryDocumentContent = Static<typeof LibraryDocumentContent>;

/** Content of a `library.version.create` action: a new file for an existing document. */
export const LibraryVersionContent = Obj({
  documentId: Type.String({ pattern: LOWERCASE_UUID_PATTERN, maxLength: 36 }),
  file: LibraryFileDescriptor,
  overrides: Overrides,
});
export type LibraryVersionContent = Static<typeof LibraryVersionContent>;

/** Largest page of search results, and deepest offset, a node may ask for. */
export const LIBRARY_SEARCH_LIMITS = { pageSize: 100, defaultPageSize: 20, maxOffset: 10_000, query: 500 } as const;

const DateOrTime = Type.String({ pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}(T[0-9]{2}:[0-9]{2}:[0-9]{2}(\\.[0-9]{1,6})?Z)?$', maxLength: 30 });
const Digits = (max: number) => Type.String({ pattern: `^[1-9][0-9]{0,${String(max).length - 1}}$`, maxLength: String(max).length });

/**
 * The query string of a library search (GET /v1/library/documents on the hub and on a node),
 * all members strings as they arrive in a URL. `q` is full text in any language (websearch
 * syntax: words, "phrases", OR, -excluded); `from`/`to` bound the date of the current version.
 */
export const LibrarySearchQuery = Obj({
  q: Type.Optional(Type.String({ minLength: 1, maxLength: LIBRARY_SEARCH_LIMITS.query, pattern: wellFormedTextPattern() })),
  category: Type.Optional(StringEnum(LIBRARY_CATEGORIES)),
  area: Type.Optional(StringEnum(AREAS)),
  unit: Type.Optional(UnitId),
  language: Type.Optional(StringEnum(LIBRARY_LANGUAGES)),
  from: Type.Optional(DateOrTime),
  to: Type.Optional(DateOrTime),
  page: Type.Optional(Digits(1000)),
  pageSize: Type.Optional(Digits(LIBRARY_SEARCH_LIMITS.pageSize)),
});
export type LibrarySearchQuery = Static<typeof LibrarySearchQuery>;
