import { Injectable, Logger } from '@nestjs/common';
import { controlNumber, isCryptoError, parseJsonObject, type PublicJwk, verifyJws } from '@cicu/crypto';
import {
  LIBRARY_SEARCH_LIMITS,
  isLowercaseUuid,
  SHARING_ACTION_TYP,
  validateLibraryDocumentContent,
  validateLibrarySearchQuery,
  validateLibraryVersionContent,
  validateSharingAction,
} from '@cicu/protocol';
import { NodeDirectoryService } from '../directory/node-directory.service';
import { type HubLibraryDocument, type HubLibraryDocumentDetail, type HubLibrarySearchPage, HubClient } from '../hub-client/hub-client';
import { type OfficerView } from '../officers/officers.service';
import { HubRelay, SharingNodeError, sharingValidation, validOrRefused } from '../sharing/hub-relay';
import { SharingActionSigner } from '../sharing/sharing-action.signer';

/** A file as multer hands it over (memory storage). */
export interface UploadedFilePart {
  buffer: Buffer;
  originalname: string;
}

/** What an officer downloads, checked: the bytes, and how far their integrity was verified. */
export interface VerifiedFile {
  bytes: Uint8Array;
  fileName: string;
  mediaType: string;
  controlNumber: string;
  /** `control-number`: the bytes have the version's SHA-256; `signed-action` too: that control number is the one the author's node signed. */
  verified: ('control-number' | 'signed-action')[];
}

const utf8 = (text: string) => new TextEncoder().encode(text);

/**
 * The library for this node's officers (docs/adr-library.md): their uploads are validated
 * here, signed by this node on their behalf (SharingActionSigner) and sent to the hub, which
 * decides; the hub's refusals are passed on with their codes. Downloads are checked against
 * the control number before the officer gets a byte.
 */
@Injectable()
export class LibraryService {
  private readonly logger = new Logger(LibraryService.name);

  constructor(
    private readonly hub: HubClient,
    private readonly relay: HubRelay,
    private readonly signer: SharingActionSigner,
    private readonly directory: NodeDirectoryService,
  ) {}

  async publish(officer: OfficerView, fields: Record<string, unknown>, file: UploadedFilePart | undefined): Promise<HubLibraryDocument> {
    const bytes = requireFile(file);
    const content = validOrRefused(validateLibraryDocumentContent, {
      document: jsonField(fields, 'document'),
      file: { name: file!.originalname, size: bytes.length, controlNumber: controlNumber(bytes) },
      overrides: jsonField(fields, 'overrides', []),
    });
    const signed = await this.signer.sign(officer, 'library.document.create', content);
    return this.relay.relay(() => this.hub.libraryPublish(uploadForm(signed, bytes, content.file.name)));
  }

  async addVersion(officer: OfficerView, documentId: string, fields: Record<string, unknown>, file: UploadedFilePart | undefined): Promise<HubLibraryDocument> {
    const bytes = requireFile(file);
    const content = validOrRefused(validateLibraryVersionContent, {
      documentId,
      file: { name: file!.originalname, size: bytes.length, controlNumber: controlNumber(bytes) },
      overrides: jsonField(fields, 'overrides', []),
    });
    const signed = await this.signer.sign(officer, 'library.version.create', content);
    return this.relay.relay(() => this.hub.libraryAddVersion(documentId, uploadForm(signed, bytes, content.file.name)));
  }

  async search(query: Record<string, unknown>): Promise<HubLibrarySearchPage> {
    const valid = validOrRefused(validateLibrarySearchQuery, query ?? {});
    if (Number(valid.pageSize ?? 1) > LIBRARY_SEARCH_LIMITS.pageSize) throw sharingValidation('pageSize is too large', [{ path: '/pageSize', code: 'maximum', message: `must be <= ${LIBRARY_SEARCH_LIMITS.pageSize}` }]);
    return this.relay.relay(() => this.hub.librarySearch(valid as Record<string, string>));
  }

  async detail(documentId: string): Promise<HubLibraryDocumentDetail> {
    // Checked before it becomes a path on the hub: '.' or '..' would name another of its routes.
    if (!isLowercaseUuid(documentId)) throw new SharingNodeError('DOCUMENT_NOT_FOUND', 'no such document: its id is a lowercase UUID', 404);
    return this.relay.relay(() => this.hub.libraryDocument(documentId));
  }

  /**
   * The file of a version, once its bytes are proven to be the ones uploaded: their SHA-256 must
   * be the version's control number (as the hub states it in the header and in the document),
   * and that control number must be the one the author's node signed, when its key is still in
   * the directory. A mismatch is refused (502 CONTROL_NUMBER_MISMATCH): the hub served other bytes.
   */
  async download(documentId: string, version: string): Promise<VerifiedFile> {
    const n = /^[1-9][0-9]{0,8}$/.test(version) ? Number(version) : undefined;
    const detail = await this.detail(documentId);
    const entry = detail.versions.find((v) => v.version === n);
    if (n === undefined || entry === undefined) throw new SharingNodeError('VERSION_NOT_FOUND', `document ${documentId} has no version ${version}`, 404);
    const file = await this.relay.relay(() => this.hub.libraryFile(documentId, n));
    const actual = controlNumber(file.bytes);
    if (file.controlNumber !== entry.controlNumber || actual !== entry.controlNumber) {
      this.logger.warn({ documentId, version: n, stated: entry.controlNumber, actual }, 'library download refused: the bytes are not those of the control number');
      throw new SharingNodeError('CONTROL_NUMBER_MISMATCH', 'the hub served a file whose SHA-256 is not its control number; nothing was delivered', 502);
    }
    const signed = await this.signedControlNumber(entry);
    if (signed !== undefined && signed !== actual) {
      this.logger.warn({ documentId, version: n }, "library download refused: the control number is not the one the author's node signed");
      throw new SharingNodeError('CONTROL_NUMBER_MISMATCH', "the file is not the one the author's node signed; nothing was delivered", 502);
    }
    return { bytes: file.bytes, fileName: entry.fileName, mediaType: file.mediaType, controlNumber: actual, verified: signed === undefined ? ['control-number'] : ['control-number', 'signed-action'] };
  }

  /**
   * The control number the author's node signed for this version, or undefined when its key is
   * no longer a current key of the directory (it cannot be checked then). A signed action that
   * fails to verify, or content that is not what it signed, is refused.
   */
  private async signedControlNumber(entry: HubLibraryDocumentDetail['versions'][number]): Promise<string | undefined> {
    const unverifiable = () => new SharingNodeError('CONTROL_NUMBER_MISMATCH', "the version's signed action does not verify; nothing was delivered", 502);
    let keyKnown = true;
    let payload: Uint8Array;
    try {
      ({ payload } = await verifyJws(
        entry.action,
        (kid): PublicJwk | undefined => {
          const found = this.directory.lookupKey(kid, 'sig');
          const key = 'key' in found ? found.key : undefined;
          keyKnown = key !== undefined && key.unitId === entry.unit;
          return keyKnown ? key!.jwk : undefined;
        },
        { typ: SHARING_ACTION_TYP },
      ));
    } catch (error) {
      if (isCryptoError(error) && !keyKnown) return undefined;
      throw unverifiable();
    }
    const claims = validateSharingAction(parseJsonObject(payload));
    if (!claims.ok || claims.value.unit !== entry.unit || claims.value.digest !== controlNumber(utf8(entry.content))) throw unverifiable();
    const content = parseJsonObject(utf8(entry.content)) as { file?: { controlNumber?: unknown } };
    return typeof content.file?.controlNumber === 'string' ? content.file.controlNumber : undefined;
  }

}

function requireFile(file: UploadedFilePart | undefined): Buffer {
  if (file === undefined || file.buffer.length === 0) throw sharingValidation('the file is missing', [{ path: '/file', code: 'required', message: 'is required' }]);
  return file.buffer;
}

/** A multipart field holding JSON; absent → `fallback` (or a VALIDATION error when there is none). */
function jsonField(fields: Record<string, unknown>, name: string, fallback?: unknown): unknown {
  const raw = fields?.[name];
  if (raw === undefined || raw === '') {
    if (fallback !== undefined) return fallback;
    throw sharingValidation(`the field ${name} is missing`, [{ path: `/${name}`, code: 'required', message: 'is required' }]);
  }
  try {
    if (typeof raw !== 'string') throw new TypeError('not text');
    return JSON.parse(raw) as unknown;
  } catch {
    throw sharingValidation(`the field ${name} is not JSON`, [{ path: `/${name}`, code: 'type', message: 'must be JSON text' }]);
  }
}

function uploadForm(signed: { jws: string; content: string }, bytes: Buffer, fileName: string): FormData {
  const form = new FormData();
  form.set('action', signed.jws);
  form.set('content', signed.content);
  form.set('file', new Blob([bytes]), fileName);
  return form;
}

