import { BearerAuth } from '@cicu/web/api';
import createClient from 'openapi-fetch';
import createQueryHooks from 'openapi-react-query';
import type { components as HubComponents } from '../../../../../openapi/hub';
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

export type LibraryDocument = Schemas['LibraryDocumentDto'];
export type LibraryDocumentDetail = Schemas['LibraryDocumentDetailDto'];
export type LibrarySearchHit = Schemas['LibrarySearchHitDto'];
export type LibrarySearchPage = Schemas['LibrarySearchPageDto'];
export type Snippet = Schemas['SnippetDto'];
export type SharingFinding = Schemas['SharingFindingDto'];

/**
 * The forum's views. The node passes the hub's answers on as they are and documents them as
 * "the hub's ThreadDto" and so on, without a schema of its own, so they are typed here from
 * the hub's committed document (openapi/hub.d.ts), as the node's forum service types them.
 */
type HubSchemas = HubComponents['schemas'];
export type ForumCategory = HubSchemas['ThreadSummaryDto']['category'];
export type ForumAuthor = HubSchemas['ForumAuthorDto'];
export type ThreadList = HubSchemas['ThreadListDto'];
export type Thread = HubSchemas['ThreadDto'];
export type Post = HubSchemas['PostDto'];
export type Subscription = HubSchemas['SubscriptionDto'];
export type NotificationList = HubSchemas['NotificationListDto'];
