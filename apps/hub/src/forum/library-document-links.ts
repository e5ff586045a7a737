import { Injectable } from '@nestjs/common';
import { LibraryRepository } from '../library/library.repository';
import { type DocumentLinks } from './document-links';
import { type ForumTx } from './forum.repository';

/** The forum's links checked and shown with the library's own visibility rule (docs/adr-library.md). */
@Injectable()
export class LibraryDocumentLinks implements DocumentLinks {
  constructor(private readonly library: LibraryRepository) {}

  readable(tx: ForumTx, reader: string | 'all', ids: readonly string[]): Promise<Map<string, string>> {
    return this.library.readableTitles(tx, reader, ids);
  }
}
