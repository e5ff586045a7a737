import createClient, { type Middleware } from 'openapi-fetch';
import createQueryHooks from 'openapi-react-query';
import type { components, paths } from '../../../../../openapi/node';

/** The node's API, typed from the committed OpenAPI document (openapi/node.d.ts). */
export type Schemas = components['schemas'];
export type OutgoingRequest = Schemas['OutgoingRequestDto'];
export type IncomingRequest = Schemas['IncomingRequestDto'];
export type Partner = Schemas['PartnerDto'];
export type Agreement = Schemas['AgreementCoverDto'];
export type ValidationIssue = Schemas['ValidationIssueDto'];
export type Officer = Schemas['CurrentOfficerDto'];

/** Every refusal of the node is `{code, message, issues?, part?}`. */
export interface ApiError {
  code: string;
  message: string;
  issues?: ValidationIssue[];
  part?: string;
}

export function isApiError(value: unknown): value is ApiError {
  return typeof value === 'object' && value !== null && typeof (value as ApiError).code === 'string';
}

/** Where the app keeps the access token: this tab's session storage (gone with the tab). */
const TOKEN_KEY = 'cicu.accessToken';
export const tokenStore = {
  get: (): string | null => sessionStorage.getItem(TOKEN_KEY),
  set: (token: string): void => sessionStorage.setItem(TOKEN_KEY, token),
  clear: (): void => sessionStorage.removeItem(TOKEN_KEY),
};

let onUnauthenticated: () => void = () => undefined;
/** Called when the node answers 401 (expired, revoked or missing token): the session ends. */
export function whenUnauthenticated(handler: () => void): void {
  onUnauthenticated = handler;
}

const auth: Middleware = {
  onRequest({ request }) {
    const token = tokenStore.get();
    if (token !== null) request.headers.set('Authorization', `Bearer ${token}`);
    return request;
  },
  onResponse({ response, request }) {
    if (response.status === 401 && !request.url.endsWith('/v1/auth/login')) {
      tokenStore.clear();
      onUnauthenticated();
    }
    return response;
  },
};

/** Same origin: the node serves this app and its API. */
export const api = createClient<paths>({ baseUrl: window.location.origin });
api.use(auth);
export const $api = createQueryHooks(api);
