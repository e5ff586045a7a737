import { Inject, Injectable } from '@nestjs/common';
import createClient, { type Client, type Middleware } from 'openapi-fetch';
import { CLIENT_ASSERTION_TYP } from '@cicu/crypto';
import { KeyringService } from '@cicu/shared';
import type { components, paths } from '../../../../openapi/hub';
import { NODE_CONFIG, type NodeConfig } from '../config/node-config';
import { HubClientError } from './hub-client.errors';
import { DIRECTORY_VERSION_HEADER, HeldDirectoryVersion } from './held-directory-version';

/** One message waiting in this node's mailbox at the hub. */
export type MailboxItem = components['schemas']['MailboxItemDto'];

const ASSERTION_TTL_SECONDS = 30;
const REQUEST_TIMEOUT_MS = 10_000;

/** What the hub did with a submitted message: its signed receipt, or its refusal (a 4xx with a code). */
export type SubmitResult =
  | { status: 'accepted'; receipt: string }
  | { status: 'refused'; httpStatus: number; code: string; message: string; refusal: string | undefined };

/** The hub's delivery status of a message this node sent or received. */
export type HubMessageStatus = components['schemas']['MessageStatusDto'];

/** The hub's answer to an enrolment: the node id it assigned, pending approval. */
export type EnrolledNode = components['schemas']['EnrolledNodeDto'];

/** The hub's answer to a key rotation: the keys added and those retiring, with when. */
export type RotatedKeys = components['schemas']['RotatedKeysDto'];

/** A signed tree head as the hub serves it (trust only its jws, once verified). */
export type HubTreeHead = components['schemas']['TreeHeadDto'];

/** The library's views as the hub serves them (a node passes them on to its officers). */
export type HubLibraryDocument = components['schemas']['LibraryDocumentDto'];
export type HubLibraryDocumentDetail = components['schemas']['LibraryDocumentDetailDto'];
export type HubLibrarySearchPage = components['schemas']['LibrarySearchPageDto'];
export type HubLibraryRefusal = components['schemas']['LibraryErrorDto'];

/** A library call's outcome: the hub's answer, or its refusal (a 4xx with a code) to pass on to the officer. */
export type HubLibraryResult<T> = { ok: true; value: T } | { ok: false; status: number; refusal: HubLibraryRefusal };

/** A downloaded library file: its bytes and the control number the hub states for them (Cicu-Control-Number). */
export interface HubLibraryFile {
  bytes: Uint8Array;
  controlNumber: string | undefined;
  mediaType: string;
}

/** A 4xx answer with a code, as the hub refuses a message; undefined for anything else. */
function refusalOf(status: number, error: unknown): SubmitResult | undefined {
  const body = error as { code?: unknown; message?: unknown; refusal?: unknown } | undefined;
  if (status < 400 || status >= 500 || typeof body?.code !== 'string') return undefined;
  return { status: 'refused', httpStatus: status, code: body.code, message: typeof body.message === 'string' ? body.message : '', refusal: typeof body.refusal === 'string' ? body.refusal : undefined };
}

export type DirectoryFetch = { status: 'not-modified' } | { status: 'ok'; jws: string; etag: string | undefined };

/**
 * The only way this node calls the hub: an openapi-fetch client typed by openapi/hub.d.ts.
 * Every request carries a fresh client assertion (private_key_jwt, RFC 7523 style) once the
 * node has its NODE_ID; public routes (JWKS, directory) ignore it. Transport failures and
 * unexpected statuses become HubClientErrors; nothing here logs a token or a body.
 */
@Injectable()
export class HubClient {
  private client: Client<paths> | undefined;

  constructor(
    @Inject(NODE_CONFIG) private readonly config: NodeConfig,
    private readonly keyring: KeyringService,
    private readonly directoryVersion: HeldDirectoryVersion,
  ) {}

  get configured(): boolean {
    return this.config.HUB_URL !== undefined;
  }

  /** The hub's public keys (unauthenticated; the caller decides whether to trust them). */
  async jwks(): Promise<unknown> {
    const { data, response } = await this.call(() => this.api().GET('/.well-known/jwks.json'));
    if (response.status !== 200 || data === undefined) throw this.unexpected('GET /.well-known/jwks.json', response);
    return data;
  }

  /** The signed directory snapshot, or not-modified when `etag` is still current. */
  async directory(etag: string | undefined): Promise<DirectoryFetch> {
    const { data, response } = await this.call(() =>
      this.api().GET('/v1/directory', { ...(etag !== undefined && { headers: { 'If-None-Match': etag } }), parseAs: 'text' }),
    );
    if (response.status === 304) return { status: 'not-modified' };
    if (response.status !== 200 || typeof data !== 'string') throw this.unexpected('GET /v1/directory', response);
    return { status: 'ok', jws: data.trim(), etag: response.headers.get('etag') ?? undefined };
  }

  /**
   * Enrols this node with a one-time token and a proof of possession of its keys (POST
   * /v1/enrollments). A refusal with a code is a HubClientError HUB_REFUSED naming it.
   */
  async enroll(token: string, proof: string): Promise<EnrolledNode> {
    const { data, error, response } = await this.call(() => this.api().POST('/v1/enrollments', { body: { token, proof } }));
    if (response.status === 201 && data !== undefined) return data;
    throw this.refusedOrUnexpected('POST /v1/enrollments', response, error);
  }

  /** Registers this node's next keys (POST /v1/nodes/me/keys, authenticated with the current key). */
  async rotateKeys(proof: string): Promise<RotatedKeys> {
    const { data, error, response } = await this.call(() => this.api().POST('/v1/nodes/me/keys', { body: { proof } }));
    if (response.status === 200 && data !== undefined) return data;
    throw this.refusedOrUnexpected('POST /v1/nodes/me/keys', response, error);
  }

  /** What the hub holds for this node and has not seen acknowledged. */
  async mailbox(): Promise<MailboxItem[]> {
    const { data, response } = await this.call(() => this.api().GET('/v1/mailbox'));
    if (response.status !== 200 || data === undefined || !Array.isArray(data.items)) throw this.unexpected('GET /v1/mailbox', response);
    return data.items;
  }

  /** Hands the hub this node's signed delivery receipt of a message pulled from the mailbox. */
  async postReceipt(messageId: string, receipt: string): Promise<void> {
    const { response } = await this.call(() =>
      this.api().POST('/v1/messages/{id}/receipt', {
        params: { path: { id: messageId } },
        body: receipt,
        bodySerializer: (body: string) => body,
        headers: { 'Content-Type': 'application/jose' },
        parseAs: 'text',
      }),
    );
    if (response.status !== 204 && response.status !== 200) throw this.unexpected('POST /v1/messages/{id}/receipt', response);
  }

  /**
   * Submits a signed request or answer (POST /v1/messages). A 202 gives the hub receipt, a 4xx
   * with a code the refusal; 5xx, other answers and transport failures throw (retry later).
   */
  async submit(jws: string): Promise<SubmitResult> {
    const { data, error, response } = await this.call(() =>
      this.api().POST('/v1/messages', {
        body: jws,
        bodySerializer: (body: string) => body,
        headers: { 'Content-Type': 'application/jose' },
        parseAs: 'text',
      }),
    );
    if (response.status === 202 && typeof data === 'string') return { status: 'accepted', receipt: data.trim() };
    const refusal = refusalOf(response.status, error);
    if (refusal !== undefined) return refusal;
    throw this.unexpected('POST /v1/messages', response);
  }

  /**
   * Submits several signed messages in one call (POST /v1/messages/batch, at most
   * LIMITS.batchMessages and LIMITS.batchLength together): the outcome of each, in order, as
   * `submit` would give it alone. A refusal of the whole call, 5xx and transport failures throw.
   */
  async submitBatch(messages: readonly string[]): Promise<SubmitResult[]> {
    const { data, response } = await this.call(() => this.api().POST('/v1/messages/batch', { body: { messages: [...messages] } }));
    if (response.status !== 200 || data === undefined || !Array.isArray(data.results) || data.results.length !== messages.length) throw this.unexpected('POST /v1/messages/batch', response);
    return data.results.map((item): SubmitResult => {
      if (item.outcome === 'accepted') return { status: 'accepted', receipt: item.receipt };
      return { status: 'refused', httpStatus: item.status, code: item.code, message: item.message, refusal: item.refusal };
    });
  }

  /**
   * Uploads sealed attachment `n` of a message before its submission (PUT
   * /v1/messages/{id}/attachments/{n}). `stored` also when the hub already holds the message
   * (ATTACHMENT_SEALED: an earlier attempt got it there); another 4xx with a code is the hub's
   * refusal; 5xx and transport failures throw (retry later).
   */
  async putAttachment(messageId: string, n: number, jwe: string): Promise<{ status: 'stored' } | { status: 'refused'; httpStatus: number; code: string; message: string }> {
    const { error, response } = await this.call(() =>
      this.api().PUT('/v1/messages/{id}/attachments/{n}', {
        params: { path: { id: messageId, n } },
        body: jwe,
        bodySerializer: (body: string) => body,
        headers: { 'Content-Type': 'application/jose' },
        parseAs: 'text',
      }),
    );
    if (response.status === 204) return { status: 'stored' };
    const body = error as { code?: unknown; message?: unknown } | undefined;
    if (response.status === 409 && body?.code === 'ATTACHMENT_SEALED') return { status: 'stored' };
    if (response.status >= 400 && response.status < 500 && typeof body?.code === 'string') {
      return { status: 'refused', httpStatus: response.status, code: body.code, message: typeof body.message === 'string' ? body.message : '' };
    }
    throw this.unexpected('PUT /v1/messages/{id}/attachments/{n}', response);
  }

  /** Sealed attachment `n` of a message delivered to this node (the compact JWE, unchecked); undefined when the hub has none. */
  async attachment(messageId: string, n: number): Promise<string | undefined> {
    const { data, response } = await this.call(() => this.api().GET('/v1/messages/{id}/attachments/{n}', { params: { path: { id: messageId, n } }, parseAs: 'text' }));
    if (response.status === 404) return undefined;
    if (response.status !== 200 || typeof data !== 'string') throw this.unexpected('GET /v1/messages/{id}/attachments/{n}', response);
    return data.trim();
  }

  /** The hub's delivery status of a message (GET /v1/messages/{id}); undefined when the hub does not know it. */
  async messageStatus(messageId: string): Promise<HubMessageStatus | undefined> {
    const { data, response } = await this.call(() => this.api().GET('/v1/messages/{id}', { params: { path: { id: messageId } } }));
    if (response.status === 404) return undefined;
    if (response.status !== 200 || data === undefined) throw this.unexpected('GET /v1/messages/{id}', response);
    return data;
  }

  /** The hub's latest signed tree head; undefined while it has issued none. */
  async latestTreeHead(): Promise<HubTreeHead | undefined> {
    const { data, response } = await this.call(() => this.api().GET('/v1/audit/tree-heads/latest'));
    if (response.status === 404) return undefined;
    if (response.status !== 200 || data === undefined) throw this.unexpected('GET /v1/audit/tree-heads/latest', response);
    return data;
  }

  /** RFC 9162 consistency proof between two tree sizes, as lowercase hex hashes. */
  async consistencyProof(from: number, to: number): Promise<string[]> {
    const { data, response } = await this.call(() => this.api().GET('/v1/audit/proofs/consistency', { params: { query: { from, to } } }));
    if (response.status !== 200 || data === undefined || !Array.isArray(data.proof)) throw this.unexpected('GET /v1/audit/proofs/consistency', response);
    return data.proof;
  }

  /** RFC 9162 inclusion proof of a leaf in the tree of `treeSize` leaves, as lowercase hex hashes. */
  async inclusionProof(leafIndex: number, treeSize: number): Promise<string[]> {
    const { data, response } = await this.call(() => this.api().GET('/v1/audit/proofs/inclusion', { params: { query: { leafIndex, treeSize } } }));
    if (response.status !== 200 || data === undefined || !Array.isArray(data.proof)) throw this.unexpected('GET /v1/audit/proofs/inclusion', response);
    return data.proof;
  }

  /** The audit-log entry the hub serves at `index` (its canonical JSON), or undefined past the end. */
  async auditLeaf(index: number): Promise<{ index: number; canonical: string } | undefined> {
    const { data, response } = await this.call(() => this.api().GET('/v1/audit/leaves', { params: { query: { from: index, count: 1 } } }));
    if (response.status === 400) return undefined;
    if (response.status !== 200 || data === undefined || !Array.isArray(data.leaves)) throw this.unexpected('GET /v1/audit/leaves', response);
    return data.leaves[0];
  }

  /** Publishes a document for an officer: `form` holds the signed action, the content it covers and the file. */
  async libraryPublish(form: FormData): Promise<HubLibraryResult<HubLibraryDocument>> {
    return this.library('POST /v1/library/documents', 201, () => this.api().POST('/v1/library/documents', { body: form as never, bodySerializer: (body: unknown) => body as FormData }));
  }

  async libraryAddVersion(documentId: string, form: FormData): Promise<HubLibraryResult<HubLibraryDocument>> {
    return this.library('POST /v1/library/documents/{id}/versions', 201, () =>
      this.api().POST('/v1/library/documents/{id}/versions', { params: { path: { id: documentId } }, body: form as never, bodySerializer: (body: unknown) => body as FormData }),
    );
  }

  /** Searches what this node's unit may read; `query` is the officer's, already validated. */
  async librarySearch(query: Record<string, string>): Promise<HubLibraryResult<HubLibrarySearchPage>> {
    return this.library('GET /v1/library/documents', 200, () => this.api().GET('/v1/library/documents', { params: { query } }));
  }

  async libraryDocument(documentId: string): Promise<HubLibraryResult<HubLibraryDocumentDetail>> {
    return this.library('GET /v1/library/documents/{id}', 200, () => this.api().GET('/v1/library/documents/{id}', { params: { path: { id: documentId } } }));
  }

  /** The bytes of one version's file, whole (at most the library's size limit), and the digest the hub states for them. */
  async libraryFile(documentId: string, version: number): Promise<HubLibraryResult<HubLibraryFile>> {
    let headers: Headers | undefined;
    const result = await this.library<ArrayBuffer>('GET /v1/library/documents/{id}/versions/{version}/file', 200, async () => {
      const sent = await this.api().GET('/v1/library/documents/{id}/versions/{version}/file', { params: { path: { id: documentId, version } }, parseAs: 'arrayBuffer' });
      headers = sent.response.headers;
      return sent;
    });
    if (!result.ok) return result;
    return { ok: true, value: { bytes: new Uint8Array(result.value), controlNumber: headers?.get('cicu-control-number') ?? undefined, mediaType: headers?.get('content-type') ?? 'application/octet-stream' } };
  }

  /**
   * A JSON call of the forum or the unit directory for an officer (`path` concrete, its ids
   * checked by the caller): the expected status gives the data, a 4xx with a code is the hub's
   * refusal to pass on; anything else throws.
   */
  async sharingCall<T>(method: 'GET' | 'POST' | 'PUT', path: string, init: { query?: Record<string, string>; body?: unknown }, expected: number): Promise<HubLibraryResult<T>> {
    type Send = (path: string, init: object) => Promise<{ data?: unknown; error?: unknown; response: Response }>;
    const send = (this.api() as unknown as Record<typeof method, Send>)[method];
    return this.library(`${method} ${path}`, expected, () => send(path, { ...(init.query !== undefined && { params: { query: init.query } }), ...(init.body !== undefined && { body: init.body }) }));
  }

  /** One library call: the expected status gives the data, a 4xx with a code is the hub's refusal; anything else (5xx, transport) throws. */
  private async library<T>(what: string, expected: number, send: () => Promise<{ data?: unknown; error?: unknown; response: Response }>): Promise<HubLibraryResult<T>> {
    const { data, error, response } = await this.call(send);
    if (response.status === expected && data !== undefined) return { ok: true, value: data as T };
    const body = error as { code?: unknown; message?: unknown } | undefined;
    if (response.status >= 400 && response.status < 500 && typeof body?.code === 'string') {
      return { ok: false, status: response.status, refusal: { ...(body as HubLibraryRefusal), message: typeof body.message === 'string' ? body.message : '' } };
    }
    throw this.unexpected(what, response);
  }

  private api(): Client<paths> {
    if (this.client) return this.client;
    const baseUrl = this.config.HUB_URL;
    if (baseUrl === undefined) throw new HubClientError('HUB_NOT_CONFIGURED', 'HUB_URL is not set: this node does not talk to a hub');
    const client = createClient<paths>({
      baseUrl: baseUrl.replace(/\/+$/, ''),
      fetch: (request: Request) => fetch(request, { signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) }),
    });
    client.use(this.assertionMiddleware());
    this.client = client;
    return client;
  }

  private assertionMiddleware(): Middleware {
    const { NODE_ID, HUB_AUDIENCE } = this.config;
    return {
      onRequest: async ({ request }) => {
        // Before enrolment the node has no id: it may still read the public routes.
        if (NODE_ID === undefined) return request;
        const assertion = await this.keyring.createAssertion({ iss: NODE_ID, aud: HUB_AUDIENCE, typ: CLIENT_ASSERTION_TYP, ttlSeconds: ASSERTION_TTL_SECONDS });
        request.headers.set('Authorization', `Bearer ${assertion}`);
        const held = this.directoryVersion.get();
        if (held !== undefined) request.headers.set(DIRECTORY_VERSION_HEADER, String(held));
        return request;
      },
    };
  }

  private async call<T>(send: () => Promise<T>): Promise<T> {
    try {
      return await send();
    } catch (cause) {
      if (cause instanceof HubClientError) throw cause;
      throw new HubClientError('HUB_UNREACHABLE', `the hub does not answer (${cause instanceof Error ? cause.name : 'error'})`, { cause });
    }
  }

  private unexpected(what: string, response: Response): HubClientError {
    return new HubClientError('HUB_BAD_RESPONSE', `${what} answered ${response.status}`);
  }

  /** A 4xx with the hub's `{ code, message }` is its refusal; anything else is unexpected. */
  private refusedOrUnexpected(what: string, response: Response, body: unknown): HubClientError {
    const { code, message } = (body ?? {}) as { code?: unknown; message?: unknown };
    if (response.status >= 400 && response.status < 500 && typeof code === 'string') {
      const detail = typeof message === 'string' ? `: ${message}` : '';
      return new HubClientError('HUB_REFUSED', `the hub refused (${response.status} ${code}${detail})`, { refusal: { httpStatus: response.status, code } });
    }
    return this.unexpected(what, response);
  }
}
