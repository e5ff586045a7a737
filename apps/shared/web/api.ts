import { type Middleware } from 'openapi-fetch';

/** A refusal of either app: `{code, message, issues?, ...}` (the hub's and the node's exception filters). */
export interface ApiError {
  code: string;
  message: string;
  issues?: { path: string; message: string }[];
  part?: string;
}

export function isApiError(value: unknown): value is ApiError {
  return typeof value === 'object' && value !== null && typeof (value as ApiError).code === 'string';
}

/** What a login or a refresh gives: the access token, and on the hub a single-use refresh token. */
export interface Tokens {
  accessToken: string;
  /** Seconds the access token lives (the hub's expiresIn); unknown for the node's. */
  expiresIn?: number;
  refreshToken?: string;
}

interface StoredTokens {
  accessToken: string;
  /** Epoch milliseconds; absent when the app did not say. */
  expiresAt?: number;
  refreshToken?: string;
}

/**
 * Where the app keeps its tokens: this tab's session storage (gone with the tab; another origin,
 * so the hub's and a node's never meet). The page's strict CSP is what keeps a foreign script
 * from reading them (docs/adr-web-ui.md).
 */
const STORAGE_KEY = 'cicu.session';
export const tokenStore = {
  get(): StoredTokens | null {
    try {
      const stored = JSON.parse(sessionStorage.getItem(STORAGE_KEY) ?? 'null') as StoredTokens | null;
      return typeof stored?.accessToken === 'string' ? stored : null;
    } catch {
      return null;
    }
  },
  set(tokens: Tokens, now: number = Date.now()): void {
    const stored: StoredTokens = { accessToken: tokens.accessToken, ...(tokens.expiresIn !== undefined && { expiresAt: now + tokens.expiresIn * 1000 }), ...(tokens.refreshToken !== undefined && { refreshToken: tokens.refreshToken }) };
    sessionStorage.setItem(STORAGE_KEY, JSON.stringify(stored));
  },
  clear(): void {
    sessionStorage.removeItem(STORAGE_KEY);
  },
};

/** Refresh this long before the access token's end, so that no call goes out with a dying token. */
const REFRESH_MARGIN_MS = 30_000;

export interface BearerAuthOptions {
  /** Paths whose 401 is an answer to show (a wrong password), not the end of the session. */
  credentialPaths: readonly string[];
  /** Exchanges a refresh token for new tokens (the hub); undefined: the session ends with its token (the node). */
  refresh?: (refreshToken: string) => Promise<Tokens | undefined>;
}

/**
 * The session's side of every API call: sends the access token, renews it shortly before it
 * expires when the app can (one refresh at a time: the hub spends a refresh token once and
 * ends the session if it is shown twice), and ends the session on a 401.
 */
export class BearerAuth {
  private onUnauthenticated: () => void = () => undefined;
  private refreshing: Promise<void> | undefined;

  constructor(private readonly options: BearerAuthOptions) {}

  /** Called when the API answers 401 (expired, revoked or missing token): the session ends. */
  whenUnauthenticated(handler: () => void): void {
    this.onUnauthenticated = handler;
  }

  readonly middleware: Middleware = {
    onRequest: async ({ request }) => {
      if (this.isCredentialCall(request.url)) return request;
      await this.renewIfDue();
      const token = tokenStore.get()?.accessToken;
      if (token !== undefined) request.headers.set('Authorization', `Bearer ${token}`);
      return request;
    },
    onResponse: ({ response, request }) => {
      if (response.status === 401 && !this.isCredentialCall(request.url)) this.end();
      return response;
    },
  };

  private isCredentialCall(url: string): boolean {
    const path = new URL(url).pathname;
    return this.options.credentialPaths.includes(path);
  }

  private renewIfDue(now: number = Date.now()): Promise<void> {
    const stored = tokenStore.get();
    const { refresh } = this.options;
    if (refresh === undefined || stored?.refreshToken === undefined || stored.expiresAt === undefined || stored.expiresAt - now > REFRESH_MARGIN_MS) return Promise.resolve();
    this.refreshing ??= refresh(stored.refreshToken)
      .then((tokens) => (tokens === undefined ? this.end() : tokenStore.set(tokens)))
      .finally(() => {
        this.refreshing = undefined;
      });
    return this.refreshing;
  }

  private end(): void {
    tokenStore.clear();
    this.onUnauthenticated();
  }
}
