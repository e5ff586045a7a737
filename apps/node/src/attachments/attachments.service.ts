import { Inject, Injectable, Logger } from '@nestjs/common';
import { type EntityManager } from 'typeorm';
import { controlNumber, encryptJwe, type PublicJwk } from '@cicu/crypto';
import { Attachment, type SealedAttachment } from '@cicu/protocol';
import { NODE_CONFIG, type NodeConfig } from '../config/node-config';
import { type OfficerView } from '../officers/officers.service';
import { CaseError } from '../cases/cases.errors';
import { AttachmentsRepository } from './attachments.repository';

/** What multer gives for the `file` part (memory storage). */
export interface UploadedAttachmentPart {
  originalname: string;
  mimetype: string;
  buffer: Buffer;
}

/** One file sealed to the recipient: the compact JWE the hub gets, and what the envelope lists of it. */
export interface SealedCopy {
  jwe: string;
  listed: SealedAttachment;
}

/** A file to hand an officer: its bytes and what the payload says of it. */
export interface AttachmentDownload {
  attachment: Attachment;
  bytes: Buffer;
}

const FILE_NAME = new RegExp(Attachment.properties.fileName.pattern as string);
const MEDIA_TYPE = new RegExp(Attachment.properties.mediaType.pattern as string);

/**
 * The node's attachments (docs/adr-cases.md): an officer uploads a file here first and gets
 * the metadata the payload carries; a request or answer may only name files this node holds
 * (ATTACHMENT_NOT_UPLOADED); at sealing each file is encrypted to the recipient node like the
 * payload and kept until the submit job has uploaded it to the hub; a received file is kept
 * once its control number checks (InboxService).
 */
@Injectable()
export class AttachmentsService {
  private readonly logger = new Logger(AttachmentsService.name);

  constructor(
    private readonly repository: AttachmentsRepository,
    @Inject(NODE_CONFIG) private readonly config: NodeConfig,
  ) {}

  /** Stores an officer's upload; answers the `{fileName, mediaType, size, controlNumber}` to put in a draft or an answer. */
  async upload(file: UploadedAttachmentPart | undefined, officer: OfficerView): Promise<Attachment> {
    if (file === undefined) throw invalid('/file', 'required', 'a file part named "file" is required');
    // The media type as the protocol writes it: lowercase, without parameters.
    const mediaType = file.mimetype.split(';', 1)[0]!.trim().toLowerCase();
    if (!MEDIA_TYPE.test(mediaType) || mediaType.length > 255) throw invalid('/file/mediaType', 'pattern', 'must be a media type type/subtype');
    if (!FILE_NAME.test(file.originalname) || file.originalname.length > 255) throw invalid('/file/fileName', 'pattern', 'must be 1 to 255 characters without / \\ or control characters');
    if (file.buffer.byteLength > this.config.ATTACHMENT_MAX_BYTES) throw new CaseError('FILE_TOO_LARGE', `an attachment is at most ${this.config.ATTACHMENT_MAX_BYTES} bytes`);
    const number = controlNumber(file.buffer);
    await this.repository.storeFile(number, file.buffer);
    // The control number is no personal data; the file name may be, so it is not logged.
    this.logger.log({ officer: officer.id, controlNumber: number, size: file.buffer.byteLength }, 'attachment uploaded');
    return { fileName: file.originalname, mediaType, size: file.buffer.byteLength, controlNumber: number };
  }

  /** Every file named must be held here with that size: a draft cannot promise bytes nobody uploaded. */
  async requireUploaded(attachments: readonly Attachment[]): Promise<void> {
    const sizes = await this.repository.sizesOf(attachments.map((a) => a.controlNumber));
    const missing = attachments.findIndex((a) => sizes.get(a.controlNumber) !== a.size);
    if (missing >= 0) {
      throw new CaseError('ATTACHMENT_NOT_UPLOADED', `attachment ${missing} names a file not uploaded to this node (control number and size)`, {
        issues: [{ path: `/attachments/${missing}`, code: 'mismatch', message: 'must be a file uploaded with POST /v1/attachments (same control number and size)' }],
      });
    }
  }

  /**
   * Encrypts each file to the recipient's key (the payload's); answers each compact JWE with
   * what the envelope lists of it (`{digest, size}`), in order. Stores nothing: the caller keeps
   * the copies with storeSealed, in the transaction that stores the message, and only if it does
   * (an approval refused WRONG_STATUS must not replace the winner's copies).
   */
  async seal(attachments: readonly Attachment[], key: PublicJwk & { kid?: string }): Promise<SealedCopy[]> {
    const sealed: SealedCopy[] = [];
    for (const [n, attachment] of attachments.entries()) {
      const bytes = await this.repository.bytesOf(attachment.controlNumber);
      if (bytes === undefined) throw new CaseError('ATTACHMENT_NOT_UPLOADED', `attachment ${n} is no longer held by this node`);
      const jwe = await encryptJwe(bytes, key, { kid: key.kid });
      sealed.push({ jwe, listed: { digest: controlNumber(new TextEncoder().encode(jwe)), size: jwe.length } });
    }
    return sealed;
  }

  /** Keeps `jwes` as the message's sealed copies for the submit job, in place of any earlier ones; through `tx`, the caller's transaction. */
  storeSealed(tx: EntityManager, messageId: string, jwes: readonly string[]): Promise<void> {
    return this.repository.replaceSealed(tx, messageId, jwes);
  }

  /** The sealed copies of a message still to upload to the hub, in order. */
  sealedOf(messageId: string): Promise<{ n: number; jwe: string }[]> {
    return this.repository.sealedOf(messageId);
  }

  /** The hub took the message (and so its attachments): the sealed copies are of no more use here. */
  async submitted(messageId: string): Promise<void> {
    await this.repository.deleteSealed(messageId);
  }

  /** Whether this node holds the bytes of `file` (its control number, with its size). */
  async holds(file: Attachment): Promise<boolean> {
    return (await this.repository.sizesOf([file.controlNumber])).get(file.controlNumber) === file.size;
  }

  /** Keeps a received file whose control number the caller checked. */
  async storeReceived(number: string, bytes: Uint8Array): Promise<void> {
    await this.repository.storeFile(number, bytes);
  }

  /** Entry `index` of `attachments` with its bytes; NOT_FOUND when there is no such entry or file. */
  async download(attachments: readonly Attachment[], index: string): Promise<AttachmentDownload> {
    const attachment = /^\d{1,3}$/.test(index) ? attachments[Number(index)] : undefined;
    const bytes = attachment === undefined ? undefined : await this.repository.bytesOf(attachment.controlNumber);
    if (attachment === undefined || bytes === undefined) throw new CaseError('NOT_FOUND', 'no such attachment');
    return { attachment, bytes };
  }
}

function invalid(path: string, code: string, message: string): CaseError {
  return new CaseError('VALIDATION', 'the upload does not validate', { issues: [{ path, code, message }] });
}
