import { Inject, Injectable } from '@nestjs/common';
import {
  isLowercaseUuid,
  type SharingActionName,
  type ValidationIssue,
  type ValidationResult,
  validateForumEditContent,
  validateForumNotificationsReadContent,
  validateForumReplyContent,
  validateForumSubscriptionContent,
  validateForumThreadContent,
  validateUnitProfileContent,
} from '@cicu/protocol';
import type { components } from '../../../../openapi/hub';
import { NODE_CONFIG, type NodeConfig } from '../config/node-config';
import { type OfficerView } from '../officers/officers.service';
import { HubRelay, sharingValidation, validOrRefused } from '../sharing/hub-relay';
import { SharingActionSigner } from '../sharing/sharing-action.signer';

type Schemas = components['schemas'];
export type HubThreadList = Schemas['ThreadListDto'];
export type HubThread = Schemas['ThreadDto'];
export type HubPost = Schemas['PostDto'];
export type HubRevision = Schemas['RevisionDto'];
export type HubSubscription = Schemas['SubscriptionDto'];
export type HubNotificationList = Schemas['NotificationListDto'];
export type HubMarkedRead = Schemas['MarkedReadDto'];
export type HubDirectoryEntry = Schemas['DirectoryEntryDto'];

/**
 * Query parameters passed on to the hub as they are (it validates them, and refuses those a
 * route does not define); any other, or one given twice, is refused here: dropped, a misspelt
 * `limit` or two categories would list everything without a word.
 */
const PASSED_ON = ['category', 'limit', 'offset', 'unread'] as const;

/**
 * The forum and the unit directory for this node's officers (docs/adr-forum.md). Writes are
 * validated here, signed by this node on the officer's behalf (SharingActionSigner, the
 * library's mechanism) and sent to the hub with the content they cover; reads name the officer
 * (`officer` = their id) so that the hub can mark their own posts and give their notifications.
 * The hub decides; its refusals are passed on with their codes.
 */
@Injectable()
export class NodeForumService {
  constructor(
    private readonly relay: HubRelay,
    private readonly signer: SharingActionSigner,
    @Inject(NODE_CONFIG) private readonly config: NodeConfig,
  ) {}

  threads(officer: OfficerView, query: Record<string, unknown>): Promise<HubThreadList> {
    return this.read(officer, '/v1/forum/threads', query);
  }

  thread(officer: OfficerView, id: string, query: Record<string, unknown>): Promise<HubThread> {
    return this.read(officer, `/v1/forum/threads/${idOf(id)}`, query);
  }

  post(officer: OfficerView, id: string): Promise<HubPost> {
    return this.read(officer, `/v1/forum/posts/${idOf(id)}`, {});
  }

  revisions(officer: OfficerView, id: string): Promise<HubRevision[]> {
    return this.read(officer, `/v1/forum/posts/${idOf(id)}/revisions`, {});
  }

  subscriptions(officer: OfficerView): Promise<HubSubscription[]> {
    return this.read(officer, '/v1/forum/subscriptions', {});
  }

  notifications(officer: OfficerView, query: Record<string, unknown>): Promise<HubNotificationList> {
    return this.read(officer, '/v1/forum/notifications', query);
  }

  createThread(officer: OfficerView, body: unknown): Promise<HubThread> {
    return this.act(officer, 'forum.thread.create', validateForumThreadContent, withDefaults(body), 'POST', '/v1/forum/threads', 201);
  }

  reply(officer: OfficerView, body: unknown): Promise<HubPost> {
    return this.act(officer, 'forum.post.create', validateForumReplyContent, withDefaults(body), 'POST', '/v1/forum/posts', 201);
  }

  /** A new revision of the officer's post: `body` is {baseRevision, body, documents?, overrides?}. */
  edit(officer: OfficerView, id: string, body: unknown): Promise<HubPost> {
    const postId = idOf(id);
    return this.act(officer, 'forum.post.edit', validateForumEditContent, { ...withDefaults(body), postId }, 'POST', `/v1/forum/posts/${postId}/revisions`, 201);
  }

  setSubscription(officer: OfficerView, body: unknown): Promise<HubSubscription[]> {
    return this.act(officer, 'forum.subscription.set', validateForumSubscriptionContent, body, 'POST', '/v1/forum/subscriptions', 200);
  }

  markRead(officer: OfficerView, body: unknown): Promise<HubMarkedRead> {
    return this.act(officer, 'forum.notifications.read', validateForumNotificationsReadContent, body, 'POST', '/v1/forum/notifications/read', 200);
  }

  unitDirectory(): Promise<HubDirectoryEntry[]> {
    return this.relay.call('GET', '/v1/unit-directory', {}, 200);
  }

  /** Replaces this unit's own profile (the hub refuses any other unit's). */
  updateOwnProfile(officer: OfficerView, body: unknown): Promise<HubDirectoryEntry> {
    return this.act(officer, 'unit-directory.update', validateUnitProfileContent, body, 'PUT', `/v1/unit-directory/${this.config.UNIT_ID}`, 200);
  }

  private read<T>(officer: OfficerView, path: string, query: Record<string, unknown>): Promise<T> {
    const entries = Object.entries(query ?? {});
    const issues = entries.flatMap(([name, value]): ValidationIssue[] => {
      if (!(PASSED_ON as readonly string[]).includes(name)) return [{ path: '', code: 'additionalProperties', message: 'must not have parameters other than those the route defines' }];
      return typeof value === 'string' ? [] : [{ path: `/${name}`, code: 'type', message: 'must be given once' }];
    });
    if (issues.length > 0) throw sharingValidation('the query parameters fail validation', issues.slice(0, 20));
    return this.relay.call<T>('GET', path, { query: { ...Object.fromEntries(entries as [string, string][]), officer: officer.id } }, 200);
  }

  private async act<C, T>(officer: OfficerView, action: SharingActionName, validate: (value: unknown) => ValidationResult<C>, body: unknown, method: 'POST' | 'PUT', path: string, expected: number): Promise<T> {
    const content = validOrRefused(validate, body);
    const signed = await this.signer.sign(officer, action, content);
    return this.relay.call<T>(method, path, { body: { action: signed.jws, content } }, expected);
  }
}

/** A path id, checked before it goes into a hub URL. */
function idOf(id: string): string {
  if (!isLowercaseUuid(id)) throw sharingValidation('the id must be a lowercase UUID', [{ path: '/id', code: 'pattern', message: 'must be a lowercase UUID' }]);
  return id;
}

/** An officer may leave out the lists that are usually empty: links to documents and overrides. */
function withDefaults(body: unknown): Record<string, unknown> {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return body as Record<string, unknown>;
  return { documents: [], overrides: [], ...(body as Record<string, unknown>) };
}
