import { api, type Schemas } from '../../api/client';
import { saveBlob } from '../../api/save-blob';

export type AttachmentMeta = Schemas['AttachmentDto'];

/** Where a listed file can be downloaded: one of our requests, the answer to it, or a received request; `offset` is the file's place in the list of that item (an answer's findings follow its own files). */
export interface AttachmentSource {
  kind: 'request' | 'answer' | 'incoming';
  id: string;
  offset?: number;
}

/** POST /v1/attachments: the node keeps the bytes and answers the metadata to put in a draft or an answer. */
export async function uploadAttachment(file: File): Promise<{ data?: AttachmentMeta; error?: unknown }> {
  const form = new FormData();
  form.set('file', file, file.name);
  // openapi-fetch sends a FormData body as it is (the browser sets the multipart boundary).
  return api.POST('/v1/attachments', { body: form as unknown as { file: string } });
}

/**
 * Downloads file `n` of `source`. The call needs the access token, so the file comes through
 * fetch and is handed to the browser as a download of the blob, under the payload's name.
 */
export async function downloadAttachment(source: AttachmentSource, n: number, fileName: string): Promise<unknown> {
  const path = { params: { path: { id: source.id, n: String(n) } }, parseAs: 'blob' } as const;
  const { data, error } =
    source.kind === 'request'
      ? await api.GET('/v1/requests/{id}/attachments/{n}', path)
      : source.kind === 'answer'
        ? await api.GET('/v1/requests/{id}/answer/attachments/{n}', path)
        : await api.GET('/v1/incoming/{id}/attachments/{n}', path);
  if (error !== undefined || !(data instanceof Blob)) return error ?? new Error('no file');
  saveBlob(data, fileName);
  return undefined;
}
