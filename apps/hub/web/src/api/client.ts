import { BearerAuth } from '@cicu/web/api';
import createClient from 'openapi-fetch';
import createQueryHooks from 'openapi-react-query';
import type { components, paths } from '../../../../../openapi/hub';

/** The hub's API, typed from the committed OpenAPI document (openapi/hub.d.ts). */
export type Schemas = components['schemas'];
export type Admin = Schemas['AdminAccountDto'];
export type Unit = Schemas['UnitDto'];
export type TreeHead = Schemas['TreeHeadDto'];

/** Same origin: the hub serves this app and its API. */
const origin = window.location.origin;

/** Login and refresh go out without the session's middleware (they are what makes a session). */
export const credentials = createClient<paths>({ baseUrl: origin });

/**
 * The hub's access tokens live ADMIN_ACCESS_TOKEN_TTL_SECONDS (5 minutes by default): the
 * session renews them with the single-use refresh token shortly before they expire.
 */
export const auth = new BearerAuth({
  credentialPaths: ['/v1/admin/auth/login', '/v1/admin/auth/refresh'],
  refresh: async (refreshToken) => (await credentials.POST('/v1/admin/auth/refresh', { body: { refreshToken } })).data,
});

export const api = createClient<paths>({ baseUrl: origin });
api.use(auth.middleware);
export const $api = createQueryHooks(api);
