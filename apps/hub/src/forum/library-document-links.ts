import { Injectable } from '@nestjs/common';
import { type DocumentLinks } from './document-links';

/**
 * Until the library's documents are merged in (branch issue6-library), no document exists:
 * every link is refused with DOCUMENT_NOT_FOUND and none is shown.
 */
@Injectable()
export class LibraryDocumentLinks implements DocumentLinks {
  async readable(): Promise<Map<string, string>> {
    return new Map();
  }
}
