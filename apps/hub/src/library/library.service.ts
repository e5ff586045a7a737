import { Injectable } from '@nestjs/common';
import { v7 } from 'uuid';
import { canonicalJson, controlNumber, parseJsonObject } from '@cicu/crypto';
import {
  type LibraryDocumentContent,
  type LibraryVersionContent,
  type ValidationIssue,
  validateLibraryDocumentContent,
  validateLibraryVersionContent,
  type ValidationResult,
} from '@cicu/protocol';
import { type AuditActor, type AuditEvent } from '../audit/audit-event';
import { AuditService } from '../audit/audit.service';
import { type AuthenticatedNode } from '../auth/authenticated-node';
import { DirectoryService } from '../directory/directory.service';
import { insertGuardOverrides } from '../sharing/guard-override-rows';
import { type GuardedText, type OverriddenFinding, PersonalDataGuard } from '../sharing/personal-data-guard';
import { SharingActionService, type VerifiedAction } from '../sharing/sharing-action.service';
import { extractFile } from './extraction/extract-text';
import { LibraryError } from './library.errors';
import { LibraryRepository } from './library.repository';
import { LibraryReadService } from './library-read.service';
import { type LibraryDocumentView } from './library.views';
import { SEARCH_CONFIGS } from './search-config';

/** What a node uploads: the signed action, the content it covers (JSON text) and the file. */
export interface LibraryUpload {
  action?: unknown;
  content?: unknown;
  file?: { buffer: Buffer } | undefined;
}

const utf8 = (text: string) => new TextEncoder().encode(text);

/**
 * Uploads to the library (docs/adr-library.md): a new document, or a new version of one. Each
 * runs the same steps and stops at the first refusal, storing nothing: the content parses and
 * validates; the officer's signed action covers exactly it; the file is the one it describes;
 * the file's type comes from its bytes and its text is extracted; the personal-data guard
 * finds nothing the author did not override. Then one transaction stores the document or
 * version, its bytes, the overrides and their audit events.
 */
@Injectable()
export class LibraryService {
  constructor(
    private readonly repository: LibraryRepository,
    private readonly reads: LibraryReadService,
    private readonly actions: SharingActionService,
    private readonly guard: PersonalDataGuard,
    private readonly directory: DirectoryService,
    private readonly audit: AuditService,
  ) {}

  async createDocument(node: AuthenticatedNode, upload: LibraryUpload, now: Date = new Date()): Promise<LibraryDocumentView> {
    const { content, canonical, digest, bytes } = parseUpload(upload, validateLibraryDocumentContent);
    const action = await this.actions.verify(node, upload.action, { action: 'library.document.create', digest }, now);
    checkFile(bytes, content);
    await this.checkVisibility(content);
    const { document } = content;
    const texts: GuardedText[] = [
      { location: 'title', text: document.title },
      { location: 'summary', text: document.summary },
      ...document.tags.map((tag, i) => ({ location: `tags/${i}`, text: tag })),
    ];
    const { extracted, overridden } = await this.extractAndGuard(bytes, content, texts, node);
    const id = v7();
    return this.repository.transaction(async (tx) => {
      await this.repository.insertDocument(tx, {
        id,
        authorUnit: node.unitId,
        authorOfficerId: action.claims.officer.id,
        authorName: action.claims.officer.displayName,
        title: document.title,
        summary: document.summary,
        category: document.category,
        areas: document.areas,
        language: document.language,
        searchConfig: SEARCH_CONFIGS[document.language],
        tags: document.tags,
        visibility: document.visibility.scope,
        visibleUnits: document.visibility.scope === 'units' ? document.visibility.units : [],
        now,
      });
      await this.storeVersion(tx, { node, action, documentId: id, version: 1, content, canonical, digest, bytes, extracted, overridden, now }, 'library.document-created');
      return this.reads.documentFor(node, id, tx);
    });
  }

  async addVersion(node: AuthenticatedNode, documentId: string, upload: LibraryUpload, now: Date = new Date()): Promise<LibraryDocumentView> {
    const { content, canonical, digest, bytes } = parseUpload(upload, validateLibraryVersionContent);
    if (content.documentId !== documentId) throw new LibraryError('VALIDATION', 'the content names another document', [{ path: '/documentId', code: 'mismatch', message: 'must be the id in the URL' }]);
    const action = await this.actions.verify(node, upload.action, { action: 'library.version.create', digest }, now);
    checkFile(bytes, content);
    // Read (not locked) first: the expensive extraction runs outside the transaction.
    const current = await this.reads.documentFor(node, documentId);
    if (current.authorUnit !== node.unitId) throw new LibraryError('NOT_AUTHOR_UNIT', `only ${current.authorUnit} adds versions of this document`);
    const { extracted, overridden } = await this.extractAndGuard(bytes, content, [], node);
    return this.repository.transaction(async (tx) => {
      const locked = await this.repository.lockDocument(tx, documentId);
      if (locked === undefined) throw new LibraryError('DOCUMENT_NOT_FOUND', `no document ${documentId}`);
      const version = locked.current_version + 1;
      await this.storeVersion(tx, { node, action, documentId, version, content, canonical, digest, bytes, extracted, overridden, now }, 'library.version-added');
      // Read in the upload's transaction, while the document row is locked: read after the
      // COMMIT, it could already show a later upload's version.
      return this.reads.documentFor(node, documentId, tx);
    });
  }

  private async extractAndGuard(bytes: Buffer, content: LibraryDocumentContent | LibraryVersionContent, texts: GuardedText[], node: AuthenticatedNode) {
    const extracted = await extractFile(bytes, content.file.name);
    const overridden = this.guard.check([...texts, { location: 'fileName', text: content.file.name }, { location: 'file', text: extracted.text }], content.overrides, node.unitId);
    return { extracted, overridden };
  }

  private async checkVisibility(content: LibraryDocumentContent): Promise<void> {
    const { visibility } = content.document;
    if (visibility.scope !== 'units') return;
    const directory = await this.directory.view();
    const issues: ValidationIssue[] = visibility.units.flatMap((unit, i) =>
      directory.unit(unit) === undefined ? [{ path: `/document/visibility/units/${i}`, code: 'mismatch', message: 'is not a unit of the directory' }] : [],
    );
    if (issues.length > 0) throw new LibraryError('VALIDATION', 'the visibility names units the directory does not know', issues);
  }

  private async storeVersion(
    tx: Parameters<Parameters<LibraryRepository['transaction']>[0]>[0],
    v: {
      node: AuthenticatedNode;
      action: VerifiedAction;
      documentId: string;
      version: number;
      content: LibraryDocumentContent | LibraryVersionContent;
      canonical: string;
      digest: string;
      bytes: Buffer;
      extracted: { mediaType: string; text: string };
      overridden: OverriddenFinding[];
      now: Date;
    },
    type: 'library.document-created' | 'library.version-added',
  ): Promise<void> {
    const actor: AuditActor = { kind: 'node', nodeId: v.node.nodeId, unitId: v.node.unitId };
    const officer = v.action.claims.officer;
    const events: AuditEvent[] = [
      {
        type,
        actor,
        officerId: officer.id,
        documentId: v.documentId,
        version: v.version,
        controlNumber: v.content.file.controlNumber,
        contentDigest: v.digest,
        actionDigest: v.action.jwsDigest,
        overrides: v.overridden.length,
      },
    ];
    if (v.overridden.length > 0) {
      events.push({
        type: 'library.guard-overridden',
        actor,
        officerId: officer.id,
        documentId: v.documentId,
        version: v.version,
        findings: v.overridden.map(({ location, kind, start, end }) => ({ location, kind, start, end })),
        justificationDigests: v.overridden.map((o) => controlNumber(utf8(o.justification))),
        contentDigest: v.digest,
      });
    }
    const [uploaded, overrides] = await this.audit.recordMany(tx, events, v.now);
    await this.repository.insertVersion(tx, {
      documentId: v.documentId,
      version: v.version,
      fileName: v.content.file.name,
      mediaType: v.extracted.mediaType,
      bytes: v.bytes,
      controlNumber: v.content.file.controlNumber,
      text: v.extracted.text,
      unitId: v.node.unitId,
      nodeId: v.node.nodeId,
      officerId: officer.id,
      officerName: officer.displayName,
      content: v.canonical,
      contentDigest: v.digest,
      actionJws: v.action.jws,
      actionDigest: v.action.jwsDigest,
      auditIndex: uploaded!.index,
      now: v.now,
    });
    // Only an upload with overridden findings recorded the second (override) event.
    if (overrides === undefined) return;
    await insertGuardOverrides(tx, { table: 'library_override', columns: ['document_id', 'version'], values: [v.documentId, v.version] }, v.overridden, {
      unitId: v.node.unitId,
      officerId: officer.id,
      officerName: officer.displayName,
      auditIndex: overrides.index,
      now: v.now,
    });
  }
}

/** The upload's content, validated, with its canonical JSON and digest, and the file's bytes. */
function parseUpload<T>(upload: LibraryUpload, validate: (value: unknown) => ValidationResult<T>): { content: T; canonical: string; digest: string; bytes: Buffer } {
  const bytes = upload.file?.buffer;
  if (bytes === undefined || bytes.length === 0) throw new LibraryError('VALIDATION', 'the file is missing', [{ path: '/file', code: 'required', message: 'is required' }]);
  if (typeof upload.content !== 'string') throw new LibraryError('VALIDATION', 'the content is missing', [{ path: '/content', code: 'required', message: 'is required' }]);
  let parsed: unknown;
  try {
    parsed = parseJsonObject(utf8(upload.content));
  } catch {
    throw new LibraryError('VALIDATION', 'the content is not a JSON object', [{ path: '/content', code: 'type', message: 'must be a JSON object' }]);
  }
  const checked = validate(parsed);
  if (!checked.ok) throw new LibraryError('VALIDATION', 'the content fails validation', checked.errors);
  const canonical = canonicalJson(checked.value);
  return { content: checked.value, canonical, digest: controlNumber(utf8(canonical)), bytes };
}

function checkFile(bytes: Buffer, content: { file: { size: number; controlNumber: string } }): void {
  if (bytes.length !== content.file.size) throw new LibraryError('FILE_MISMATCH', `the file has ${bytes.length} bytes, the content says ${content.file.size}`);
  if (controlNumber(bytes) !== content.file.controlNumber) throw new LibraryError('FILE_MISMATCH', "the file's SHA-256 is not the content's control number");
}

