/**
 * `audit verify --hub`: reads the whole log from a running hub through its documented API, as an
 * auditor, into the same shape as an export file, so that one verifier checks both. Nothing the
 * hub serves is trusted here: the leaves and heads are only collected; verifyAuditExport checks
 * them against the keys the auditor trusts.
 */
import createClient, { type Client } from 'openapi-fetch';
import { type JsonWebKeySet, type PublicJwk } from '@cicu/crypto';
import { unverifiedJwsSegment } from '@cicu/shared';
import type { paths } from '../../../../../openapi/hub';
import { AUDIT_EXPORT_FORMAT, type AuditExport } from './audit-export';

/** The hub's largest page of leaves (LEAVES_MAX_COUNT): fewest round trips. */
const PAGE = 1000;
/** Log in again this long before the access token expires (a download of millions of leaves outlives one). */
const RENEW_BEFORE_MS = 30_000;
const REQUEST_TIMEOUT_MS = 30_000;

export interface AuditorCredentials {
  username: string;
  password: string;
}

export interface HubAuditDownload {
  export: AuditExport;
  /** The size of the hub's latest signed tree head, as it served it. */
  latestTreeSize: number;
}

/** Why the download could not be made (not a verdict on the log: nothing was verified). */
export class HubAuditDownloadError extends Error {
  constructor(
    readonly code: 'HUB_UNREACHABLE' | 'LOGIN_REFUSED' | 'PASSWORD_CHANGE_REQUIRED' | 'LOG_EMPTY' | 'HUB_REFUSED',
    message: string,
  ) {
    super(message);
  }
}

/**
 * Downloads leaves [0, n) where n is the largest of the hub's latest signed tree size and the
 * sizes of `knownTreeHeads` (heads the auditor kept, e.g. from receipts or a node's monitor),
 * stopping early when the hub has no more: a hub that shrank its log then fails verification
 * on those heads instead of being asked for less.
 */
export async function downloadAuditLog(hubUrl: string, credentials: AuditorCredentials, knownTreeHeads: readonly string[] = []): Promise<HubAuditDownload> {
  const api = createClient<paths>({
    baseUrl: hubUrl.replace(/\/+$/, ''),
    fetch: (request: Request) => fetch(request, { signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) }),
  });
  const session = new AuditorSession(api, credentials);
  const headers = async () => ({ Authorization: `Bearer ${await session.token()}` });

  const keys = await reach(() => api.GET('/.well-known/jwks.json'));
  if (keys.data === undefined) throw refused('/.well-known/jwks.json', keys.response);
  const latest = await reach(async () => api.GET('/v1/audit/tree-heads/latest', { headers: await headers() }));
  if (latest.response.status === 404) throw new HubAuditDownloadError('LOG_EMPTY', 'the hub has signed no tree head yet: there is nothing to verify');
  if (latest.data === undefined) throw refused('/v1/audit/tree-heads/latest', latest.response);

  const wanted = Math.max(latest.data.treeSize, ...knownTreeHeads.map(statedTreeSize));
  const leaves: string[] = [];
  for (let next: number | undefined = 0; next !== undefined && next < wanted; ) {
    const from: number = next;
    const page = await reach(async () => api.GET('/v1/audit/leaves', { params: { query: { from, count: Math.min(PAGE, wanted - from) } }, headers: await headers() }));
    if (page.data === undefined) throw refused('/v1/audit/leaves', page.response);
    // As stored: a deleted entry is simply missing, and the verifier names where.
    for (const leaf of page.data.leaves) if (leaf.index < wanted) leaves.push(leaf.canonical);
    next = page.data.next as number | undefined;
  }
  return {
    latestTreeSize: latest.data.treeSize,
    export: {
      format: AUDIT_EXPORT_FORMAT,
      period: { from: new Date(0).toISOString(), to: latest.data.timestamp },
      start: 0,
      frontier: [],
      leafCount: leaves.length,
      treeHeads: [...new Set([latest.data.jws, ...knownTreeHeads])],
      hubKeys: keys.data as JsonWebKeySet<PublicJwk>,
      leaves,
    },
  };
}

/** An auditor's login, renewed (by logging in again) before its access token expires. */
class AuditorSession {
  private current?: { accessToken: string; renewAt: number };

  constructor(
    private readonly api: Client<paths>,
    private readonly credentials: AuditorCredentials,
  ) {}

  async token(): Promise<string> {
    if (this.current !== undefined && Date.now() < this.current.renewAt) return this.current.accessToken;
    const { data, response } = await reach(() => this.api.POST('/v1/admin/auth/login', { body: this.credentials }));
    if (response.status === 401 || response.status === 423) throw new HubAuditDownloadError('LOGIN_REFUSED', `the hub refused the login of ${this.credentials.username} (${response.status})`);
    if (data === undefined) throw refused('/v1/admin/auth/login', response);
    if (data.passwordChangeRequired) throw new HubAuditDownloadError('PASSWORD_CHANGE_REQUIRED', `${this.credentials.username} still has a one-time password: change it in the hub's web app first`);
    this.current = { accessToken: data.accessToken, renewAt: Date.now() + data.expiresIn * 1000 - RENEW_BEFORE_MS };
    return data.accessToken;
  }
}

/** The tree size a compact JWS tree head states, unverified: only used to know how far to read. */
function statedTreeSize(jws: string): number {
  const treeSize = unverifiedJwsSegment(jws, 1)?.treeSize;
  // An unreadable head asks for nothing more; the verifier reports it as invalid.
  return typeof treeSize === 'number' && Number.isSafeInteger(treeSize) && treeSize > 0 ? treeSize : 0;
}

async function reach<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (cause) {
    throw new HubAuditDownloadError('HUB_UNREACHABLE', `the hub does not answer (${cause instanceof Error ? cause.message : 'error'})`);
  }
}

function refused(path: string, response: Response): HubAuditDownloadError {
  return new HubAuditDownloadError('HUB_REFUSED', `the hub answered ${response.status} to ${path}`);
}
