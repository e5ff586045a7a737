import { type ForumTx } from './forum.repository';

/**
 * How the forum learns which library documents a reader may see (docs/adr-forum.md): a post
 * links to documents by id; a link is accepted only to a document its author's unit may read,
 * and shown only to readers who may read it (nothing is said of the others, not even that
 * they exist). The library owns the rule; this is the forum's view of it.
 */
export const DOCUMENT_LINKS = Symbol('DOCUMENT_LINKS');

export interface DocumentLinks {
  /** Titles of those of `ids` that exist and `reader` (a unit id, or every document for coordinators) may read. */
  readable(tx: ForumTx, reader: string | 'all', ids: readonly string[]): Promise<Map<string, string>>;
}
