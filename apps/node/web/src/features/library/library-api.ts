import { api, type LibraryDocument } from '../../api/client';
import { saveBlob } from '../../api/save-blob';
import type { GuardOverride } from '../sharing/guard';

/** The metadata of a new document, as the protocol's LibraryDocumentInput has it. */
export interface DocumentInput {
  title: string;
  summary: string;
  category: string;
  areas: string[];
  language: string;
  tags: string[];
  visibility: { scope: 'members' } | { scope: 'units'; units: string[] };
}

type Answer = { data?: LibraryDocument; error?: unknown };

/** The multipart body of an upload: `document` and `overrides` as JSON fields, the file's bytes. */
function uploadForm(file: File, overrides: readonly GuardOverride[], document?: DocumentInput): FormData {
  const form = new FormData();
  if (document !== undefined) form.set('document', JSON.stringify(document));
  if (overrides.length > 0) form.set('overrides', JSON.stringify(overrides));
  form.set('file', file, file.name);
  return form;
}

// openapi-fetch sends a FormData body as it is (the browser sets the multipart boundary); the
// typed body names the same fields as strings, so the form stands in for it.
type Multipart = { document: string; file: string };

/** POST /v1/library/documents. */
export function publishDocument(document: DocumentInput, file: File, overrides: readonly GuardOverride[]): Promise<Answer> {
  return api.POST('/v1/library/documents', { body: uploadForm(file, overrides, document) as unknown as Multipart });
}

/** POST /v1/library/documents/{id}/versions. */
export function addVersion(id: string, file: File, overrides: readonly GuardOverride[]): Promise<Answer> {
  return api.POST('/v1/library/documents/{id}/versions', { params: { path: { id } }, body: uploadForm(file, overrides) as unknown as { file: string } });
}

/**
 * Downloads a version: the node checks the bytes against the control number before it answers,
 * and the call needs the access token, so the file comes through fetch and is handed to the
 * browser as a download of the blob.
 */
export async function downloadVersion(id: string, version: number, fileName: string): Promise<unknown> {
  const { data, error } = await api.GET('/v1/library/documents/{id}/versions/{version}/file', { params: { path: { id, version } }, parseAs: 'blob' });
  if (error !== undefined || !(data instanceof Blob)) return error ?? new Error('no file');
  saveBlob(data, fileName);
  return undefined;
}
