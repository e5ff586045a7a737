import { BearerAuth } from '@cicu/web/api';
import createClient from 'openapi-fetch';
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

/** The node's access token ends the session when it expires: no refresh token. */
export const auth = new BearerAuth({ credentialPaths: ['/v1/auth/login'] });

/** Same origin: the node serves this app and its API. */
export const api = createClient<paths>({ baseUrl: window.location.origin });
api.use(auth.middleware);
export const $api = createQueryHooks(api);
