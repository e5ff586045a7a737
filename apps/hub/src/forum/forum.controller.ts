import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBody,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiQuery,
  ApiServiceUnavailableResponse,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import {
  FORUM_CATEGORIES,
  ForumEditContent,
  ForumNotificationsReadContent,
  ForumReplyContent,
  ForumSubscriptionContent,
  ForumThreadContent,
  validateForumEditContent,
  validateForumNotificationsReadContent,
  validateForumReplyContent,
  validateForumSubscriptionContent,
  validateForumThreadContent,
} from '@cicu/protocol';
import { type AuthenticatedNode } from '../auth/authenticated-node';
import { CurrentNode, NodeAuth } from '../auth/node-auth.decorators';
import { OfficerActionReader } from '../sharing/officer-action';
import {
  ForumErrorDto,
  MarkedReadDto,
  NotificationListDto,
  officerActionBody,
  PostDto,
  RevisionDto,
  SubscriptionDto,
  ThreadDto,
  ThreadListDto,
} from './dto/forum.dto';
import { ForumError } from './forum.errors';
import { forumId, ForumQuery } from './forum-query';
import { DEFAULT_POSTS_PAGE, ForumService } from './forum.service';
import { type ForumReader, type PostView, type RevisionView, type ThreadView } from './forum-views';
import { type NotificationPage, NotificationsService, type SubscriptionView } from './notifications/notifications.service';

const invalid = (message: string, issues: ConstructorParameters<typeof ForumError>[2]) => new ForumError('VALIDATION', message, issues);
const OFFICER_QUERY = { name: 'officer', required: true, description: 'The id of the officer (of the calling node) the read is for.', schema: { type: 'string', format: 'uuid' } } as const;
const PAGE_QUERIES = (max: number, fallback: number) => [
  { name: 'limit', required: false, schema: { type: 'integer', minimum: 1, maximum: max, default: fallback } },
  { name: 'offset', required: false, schema: { type: 'integer', minimum: 0, default: 0 } },
] as const;

/** Reads of a member officer: the calling node's unit and the officer it names. */
function memberReader(node: AuthenticatedNode, query: ForumQuery): ForumReader {
  return { kind: 'member', unitId: node.unitId, officerId: query.officer() };
}

/**
 * The forum, for nodes acting for their officers (docs/adr-forum.md). Every route is
 * node-authenticated; writes carry the officer's action signed by the node, reads name the
 * officer by id (`officer`): the node answers for its own officers, the hub scopes everything
 * to the node's unit. A suspended unit's node is refused at authentication (SENDER_SUSPENDED).
 */
@ApiTags('forum')
@NodeAuth()
@Controller('v1/forum')
@ApiBadRequestResponse({ type: ForumErrorDto, description: 'VALIDATION: issues name each wrong member or parameter.' })
@ApiServiceUnavailableResponse({ type: ForumErrorDto, description: 'SHARING_UNAVAILABLE: the replay cache does not answer.' })
export class ForumController {
  constructor(
    private readonly forum: ForumService,
    private readonly notifications: NotificationsService,
    private readonly actions: OfficerActionReader,
  ) {}

  @Get('threads')
  @ApiOperation({ summary: 'Threads, most recently active first', description: 'Optionally of one category; threads whose opening post is hidden are left out.' })
  @ApiQuery(OFFICER_QUERY)
  @ApiQuery({ name: 'category', required: false, enum: FORUM_CATEGORIES })
  @ApiQuery(PAGE_QUERIES(100, 20)[0])
  @ApiQuery(PAGE_QUERIES(100, 20)[1])
  @ApiOkResponse({ type: ThreadListDto })
  listThreads(@CurrentNode() node: AuthenticatedNode, @Query() raw: Record<string, unknown>): Promise<ThreadListDto> {
    const query = new ForumQuery(raw);
    const [reader, category, page] = [memberReader(node, query), query.category(), query.page({ limit: 20, offset: 0 }, 100)];
    query.done();
    return this.forum.listThreads(reader, { ...(category !== undefined && { category }) }, page);
  }

  @Post('threads')
  @ApiOperation({
    summary: 'Open a thread with its first post (action forum.thread.create)',
    description:
      'Title and body are read by the personal-data guard: a finding refuses the post with PERSONAL_DATA_SUSPECTED and the findings, and nothing is stored; ' +
      'resubmit with an override per finding (location, kind, start, end, justification) to post it anyway (audited, listed for coordinators). ' +
      'The author is subscribed to the thread.',
  })
  @ApiBody(officerActionBody(ForumThreadContent, 'The signed action and the thread'))
  @ApiCreatedResponse({ type: ThreadDto })
  @ApiForbiddenResponse({ type: ForumErrorDto, description: 'ACTION_INVALID, ACTION_MISMATCH (or NODE_NOT_ACTIVE, SENDER_SUSPENDED).' })
  @ApiConflictResponse({ type: ForumErrorDto, description: 'ACTION_REPLAY.' })
  @ApiUnprocessableEntityResponse({ type: ForumErrorDto, description: 'PERSONAL_DATA_SUSPECTED (findings), OVERRIDE_NOT_MATCHED, ACTION_EXPIRED, DOCUMENT_NOT_FOUND.' })
  async createThread(@CurrentNode() node: AuthenticatedNode, @Body() body: unknown): Promise<ThreadView> {
    return this.forum.createThread(await this.actions.read(node, body, 'forum.thread.create', validateForumThreadContent, invalid));
  }

  @Get('threads/:id')
  @ApiOperation({ summary: 'A thread and one page of its posts', description: 'Hidden posts are left out; a post that quotes a hidden one shows no excerpt.' })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiQuery(OFFICER_QUERY)
  @ApiQuery(PAGE_QUERIES(200, DEFAULT_POSTS_PAGE.limit)[0])
  @ApiQuery(PAGE_QUERIES(200, DEFAULT_POSTS_PAGE.limit)[1])
  @ApiOkResponse({ type: ThreadDto })
  @ApiNotFoundResponse({ type: ForumErrorDto, description: 'THREAD_NOT_FOUND.' })
  thread(@CurrentNode() node: AuthenticatedNode, @Param('id') id: string, @Query() raw: Record<string, unknown>): Promise<ThreadView> {
    const query = new ForumQuery(raw);
    const [reader, page] = [memberReader(node, query), query.page(DEFAULT_POSTS_PAGE, 200)];
    query.done();
    return this.forum.thread(reader, forumId(id, 'id'), page);
  }

  @Post('posts')
  @ApiOperation({
    summary: 'Reply in a thread (action forum.post.create)',
    description: 'Optionally quoting an earlier post of the thread: its id and an excerpt of its Markdown as it stands (kept as quoted). Guarded like a thread; the author is subscribed to the thread.',
  })
  @ApiBody(officerActionBody(ForumReplyContent, 'The signed action and the reply'))
  @ApiCreatedResponse({ type: PostDto })
  @ApiForbiddenResponse({ type: ForumErrorDto, description: 'ACTION_INVALID, ACTION_MISMATCH.' })
  @ApiNotFoundResponse({ type: ForumErrorDto, description: 'THREAD_NOT_FOUND.' })
  @ApiConflictResponse({ type: ForumErrorDto, description: 'THREAD_LOCKED, ACTION_REPLAY.' })
  @ApiUnprocessableEntityResponse({ type: ForumErrorDto, description: 'PERSONAL_DATA_SUSPECTED, OVERRIDE_NOT_MATCHED, QUOTE_INVALID, DOCUMENT_NOT_FOUND, ACTION_EXPIRED.' })
  async reply(@CurrentNode() node: AuthenticatedNode, @Body() body: unknown): Promise<PostView> {
    return this.forum.reply(await this.actions.read(node, body, 'forum.post.create', validateForumReplyContent, invalid));
  }

  @Get('posts/:id')
  @ApiOperation({ summary: 'One post' })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiQuery(OFFICER_QUERY)
  @ApiOkResponse({ type: PostDto })
  @ApiNotFoundResponse({ type: ForumErrorDto, description: 'POST_NOT_FOUND (also a hidden one).' })
  post(@CurrentNode() node: AuthenticatedNode, @Param('id') id: string, @Query() raw: Record<string, unknown>): Promise<PostView> {
    const query = new ForumQuery(raw);
    const reader = memberReader(node, query);
    query.done();
    return this.forum.post(reader, forumId(id, 'id'));
  }

  @Post('posts/:id/revisions')
  @ApiOperation({
    summary: 'Edit a post: a new revision (action forum.post.edit), by its author only',
    description: 'content.postId must be the path id; content.baseRevision the revision edited (else EDIT_CONFLICT). Every revision is kept. Guarded like a post.',
  })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiBody(officerActionBody(ForumEditContent, 'The signed action and the new text'))
  @ApiCreatedResponse({ type: PostDto })
  @ApiForbiddenResponse({ type: ForumErrorDto, description: 'NOT_AUTHOR, ACTION_INVALID, ACTION_MISMATCH.' })
  @ApiNotFoundResponse({ type: ForumErrorDto, description: 'POST_NOT_FOUND.' })
  @ApiConflictResponse({ type: ForumErrorDto, description: 'EDIT_CONFLICT, THREAD_LOCKED, ACTION_REPLAY.' })
  @ApiUnprocessableEntityResponse({ type: ForumErrorDto, description: 'PERSONAL_DATA_SUSPECTED, OVERRIDE_NOT_MATCHED, DOCUMENT_NOT_FOUND, ACTION_EXPIRED.' })
  async edit(@CurrentNode() node: AuthenticatedNode, @Param('id') id: string, @Body() body: unknown): Promise<PostView> {
    const action = await this.actions.read(node, body, 'forum.post.edit', validateForumEditContent, invalid);
    if (action.content.postId !== forumId(id, 'id')) throw invalid('content.postId is not the post of the path', [{ path: '/content/postId', code: 'const', message: 'must be the id in the path' }]);
    return this.forum.edit(action);
  }

  @Get('posts/:id/revisions')
  @ApiOperation({ summary: "A post's revisions, oldest first: for its author only (others see edited: true)" })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiQuery(OFFICER_QUERY)
  @ApiOkResponse({ type: [RevisionDto] })
  @ApiForbiddenResponse({ type: ForumErrorDto, description: 'NOT_AUTHOR.' })
  @ApiNotFoundResponse({ type: ForumErrorDto, description: 'POST_NOT_FOUND.' })
  revisions(@CurrentNode() node: AuthenticatedNode, @Param('id') id: string, @Query() raw: Record<string, unknown>): Promise<RevisionView[]> {
    const query = new ForumQuery(raw);
    const reader = memberReader(node, query);
    query.done();
    return this.forum.revisions(reader, forumId(id, 'id'));
  }

  @Get('subscriptions')
  @ApiOperation({ summary: "The officer's subscriptions" })
  @ApiQuery(OFFICER_QUERY)
  @ApiOkResponse({ type: [SubscriptionDto] })
  subscriptions(@CurrentNode() node: AuthenticatedNode, @Query() raw: Record<string, unknown>): Promise<SubscriptionView[]> {
    const query = new ForumQuery(raw);
    const officerId = query.officer();
    query.done();
    return this.notifications.subscriptions({ unitId: node.unitId, officerId });
  }

  @Post('subscriptions')
  @HttpCode(200)
  @ApiOperation({ summary: 'Subscribe to, or unsubscribe from, a thread or a category (action forum.subscription.set)', description: 'Idempotent; answers the subscriptions.' })
  @ApiBody(officerActionBody(ForumSubscriptionContent, 'The signed action and the subscription'))
  @ApiOkResponse({ type: [SubscriptionDto] })
  @ApiNotFoundResponse({ type: ForumErrorDto, description: 'THREAD_NOT_FOUND.' })
  async subscribe(@CurrentNode() node: AuthenticatedNode, @Body() body: unknown): Promise<SubscriptionView[]> {
    return this.notifications.setSubscription(await this.actions.read(node, body, 'forum.subscription.set', validateForumSubscriptionContent, invalid));
  }

  @Get('notifications')
  @ApiOperation({ summary: "The officer's notifications, newest first", description: 'One per new post in a subscribed thread or category (not for their own posts).' })
  @ApiQuery(OFFICER_QUERY)
  @ApiQuery({ name: 'unread', required: false, schema: { type: 'boolean', default: false } })
  @ApiQuery(PAGE_QUERIES(100, 20)[0])
  @ApiQuery(PAGE_QUERIES(100, 20)[1])
  @ApiOkResponse({ type: NotificationListDto })
  notificationList(@CurrentNode() node: AuthenticatedNode, @Query() raw: Record<string, unknown>): Promise<NotificationPage> {
    const query = new ForumQuery(raw);
    const [officerId, unread, page] = [query.officer(), query.flag('unread'), query.page({ limit: 20, offset: 0 }, 100)];
    query.done();
    return this.notifications.notifications({ unitId: node.unitId, officerId }, unread, page);
  }

  @Post('notifications/read')
  @HttpCode(200)
  @ApiOperation({ summary: 'Mark notifications read (action forum.notifications.read)', description: 'All or none: an id that is not one of the officer\'s notifications refuses them all.' })
  @ApiBody(officerActionBody(ForumNotificationsReadContent, 'The signed action and the notification ids'))
  @ApiOkResponse({ type: MarkedReadDto })
  @ApiNotFoundResponse({ type: ForumErrorDto, description: 'NOTIFICATION_NOT_FOUND.' })
  async markRead(@CurrentNode() node: AuthenticatedNode, @Body() body: unknown): Promise<MarkedReadDto> {
    return this.notifications.markRead(await this.actions.read(node, body, 'forum.notifications.read', validateForumNotificationsReadContent, invalid));
  }
}
