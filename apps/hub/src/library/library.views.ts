import { type LibraryVisibility } from '@cicu/protocol';
import { HIGHLIGHT_END, HIGHLIGHT_START, type DocumentRow, type SearchRow, type VersionRow } from './library.repository';

/** A document as nodes see it: its metadata and its current file. */
export interface LibraryDocumentView {
  id: string;
  title: string;
  summary: string;
  category: string;
  areas: string[];
  language: string;
  tags: string[];
  authorUnit: string;
  authorName: string;
  visibility: LibraryVisibility;
  currentVersion: number;
  file: { version: number; name: string; mediaType: string; size: number; controlNumber: string };
  createdAt: string;
  updatedAt: string;
}

/** One version, with the proof of who uploaded it: the signed action and the content its digest covers. */
export interface LibraryVersionView {
  version: number;
  fileName: string;
  mediaType: string;
  size: number;
  controlNumber: string;
  textChars: number;
  unit: string;
  officerId: string;
  officerName: string;
  createdAt: string;
  auditIndex: number;
  /** The compact JWS (typ cicu-sharing-action+jws) the author's node signed. */
  action: string;
  /** The RFC 8785 canonical JSON whose `sha256:` is the action's digest. */
  content: string;
}

/** A search hit: the document, its rank, and a snippet with the matched words' offsets. */
export interface LibrarySearchHit extends LibraryDocumentView {
  rank: number | null;
  snippet: { text: string; highlights: { start: number; end: number }[] } | null;
}

export function documentView(row: DocumentRow): LibraryDocumentView {
  return {
    id: row.id,
    title: row.title,
    summary: row.summary,
    category: row.category,
    areas: row.areas,
    language: row.language,
    tags: row.tags,
    authorUnit: row.author_unit,
    authorName: row.author_name,
    visibility: row.visibility === 'members' ? { scope: 'members' } : { scope: 'units', units: row.visible_units },
    currentVersion: row.current_version,
    file: { version: row.current_version, name: row.file_name, mediaType: row.media_type, size: Number(row.size), controlNumber: row.control_number },
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

export function versionView(row: VersionRow): LibraryVersionView {
  return {
    version: row.version,
    fileName: row.file_name,
    mediaType: row.media_type,
    size: Number(row.size),
    controlNumber: row.control_number,
    textChars: row.text_chars,
    unit: row.unit_id,
    officerId: row.officer_id,
    officerName: row.officer_name,
    createdAt: row.created_at.toISOString(),
    auditIndex: Number(row.audit_index),
    action: row.action_jws,
    content: row.content,
  };
}

export function searchHit(row: SearchRow): LibrarySearchHit {
  return { ...documentView(row), rank: row.rank, snippet: row.snippet === null ? null : parseHeadline(row.snippet) };
}

/** ts_headline's output with private-use delimiters, as text plus the UTF-16 ranges of the highlighted words (never markup). */
export function parseHeadline(headline: string): { text: string; highlights: { start: number; end: number }[] } {
  let text = '';
  const highlights: { start: number; end: number }[] = [];
  let open: number | undefined;
  for (const char of headline) {
    if (char === HIGHLIGHT_START) open = text.length;
    else if (char === HIGHLIGHT_END) {
      if (open !== undefined && text.length > open) highlights.push({ start: open, end: text.length });
      open = undefined;
    } else text += char;
  }
  return { text, highlights };
}
