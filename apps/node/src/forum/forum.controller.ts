import { Body, Controller, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ApiBadGatewayResponse, ApiBadRequestResponse, ApiBody, ApiOkResponse, ApiOperation, ApiParam, ApiQuery, ApiTags } from '@nestjs/swagger';
import { Type, type TSchema } from '@sinclair/typebox';
import {
  FORUM_CATEGORIES,
  ForumEditContent,
  ForumNotificationsReadContent,
  ForumReplyContent,
  ForumSubscriptionContent,
  ForumThreadContent,
  UnitProfileContent,
} from '@cicu/protocol';
import { CurrentOfficer, Roles } from '../auth/access.decorators';
import { type OfficerView } from '../officers/officers.service';
import {
  type HubDirectoryEntry,
  type HubMarkedRead,
  type HubNotificationList,
  type HubPost,
  type HubRevision,
  type HubSubscription,
  type HubThread,
  type HubThreadList,
  NodeForumService,
} from './forum.service';

/** A protocol schema as an OpenAPI body (plain JSON: TypeBox's symbol keys dropped). */
const body = (schema: TSchema, description: string) => ({ description, schema: JSON.parse(JSON.stringify(schema)) as Record<string, unknown> });
const hubView = (name: string) => ({ description: `The hub's ${name} (openapi/hub.json), as the hub answered it.` });
const REFUSALS = 'The hub\'s refusals are passed on with their code and status ({code, message, issues?, findings?}): see the hub\'s forum routes.';

/**
 * The forum and the unit directory for this node's officers (docs/adr-forum.md): this node signs
 * each write on the officer's behalf and calls the hub, which holds the forum. Non-personal
 * content only: the hub refuses what its personal-data guard finds (422 PERSONAL_DATA_SUSPECTED
 * with the findings, nothing stored); resubmit with `overrides` for findings that are not personal.
 */
@ApiTags('forum')
@Controller('v1')
@ApiBadRequestResponse({ description: 'VALIDATION (issues; nothing was sent to the hub), or the hub\'s VALIDATION.' })
@ApiBadGatewayResponse({ description: 'HUB_UNAVAILABLE (503 NOT_ENROLLED: no hub configured).' })
export class NodeForumController {
  constructor(private readonly forum: NodeForumService) {}

  @Get('forum/threads')
  @Roles('officer', 'supervisor')
  @ApiOperation({ summary: 'Threads, most recently active first', description: REFUSALS })
  @ApiQuery({ name: 'category', required: false, enum: FORUM_CATEGORIES })
  @ApiQuery({ name: 'limit', required: false, schema: { type: 'integer', minimum: 1, maximum: 100 } })
  @ApiQuery({ name: 'offset', required: false, schema: { type: 'integer', minimum: 0 } })
  @ApiOkResponse(hubView('ThreadListDto'))
  threads(@CurrentOfficer() officer: OfficerView, @Query() query: Record<string, unknown>): Promise<HubThreadList> {
    return this.forum.threads(officer, query);
  }

  @Post('forum/threads')
  @Roles('officer')
  @ApiOperation({ summary: 'Open a thread with its first post (you follow it)', description: `documents: library document ids your unit may read; overrides: see above. ${REFUSALS}` })
  @ApiBody(body(ForumThreadContent, '{category, title, body (Markdown), documents?, overrides?}'))
  @ApiOkResponse(hubView('ThreadDto'))
  createThread(@CurrentOfficer() officer: OfficerView, @Body() content: unknown): Promise<HubThread> {
    return this.forum.createThread(officer, content);
  }

  @Get('forum/threads/:id')
  @Roles('officer', 'supervisor')
  @ApiOperation({ summary: 'A thread and one page of its posts (sanitised HTML with each post\'s Markdown)', description: REFUSALS })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiQuery({ name: 'limit', required: false, schema: { type: 'integer', minimum: 1, maximum: 200 } })
  @ApiQuery({ name: 'offset', required: false, schema: { type: 'integer', minimum: 0 } })
  @ApiOkResponse(hubView('ThreadDto'))
  thread(@CurrentOfficer() officer: OfficerView, @Param('id') id: string, @Query() query: Record<string, unknown>): Promise<HubThread> {
    return this.forum.thread(officer, id, query);
  }

  @Post('forum/posts')
  @Roles('officer')
  @ApiOperation({ summary: 'Reply in a thread, optionally quoting a post of it (you follow the thread)', description: REFUSALS })
  @ApiBody(body(ForumReplyContent, '{threadId, body, quote?: {postId, excerpt}, documents?, overrides?}'))
  @ApiOkResponse(hubView('PostDto'))
  reply(@CurrentOfficer() officer: OfficerView, @Body() content: unknown): Promise<HubPost> {
    return this.forum.reply(officer, content);
  }

  @Get('forum/posts/:id')
  @Roles('officer', 'supervisor')
  @ApiOperation({ summary: 'One post', description: REFUSALS })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiOkResponse(hubView('PostDto'))
  post(@CurrentOfficer() officer: OfficerView, @Param('id') id: string): Promise<HubPost> {
    return this.forum.post(officer, id);
  }

  @Post('forum/posts/:id/revisions')
  @Roles('officer')
  @ApiOperation({ summary: 'Edit your post: a new revision (every one is kept)', description: `baseRevision: the revision you edited (EDIT_CONFLICT otherwise). ${REFUSALS}` })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiBody(body(Type.Omit(ForumEditContent, ['postId']), '{baseRevision, body, documents?, overrides?}'))
  @ApiOkResponse(hubView('PostDto'))
  edit(@CurrentOfficer() officer: OfficerView, @Param('id') id: string, @Body() content: unknown): Promise<HubPost> {
    return this.forum.edit(officer, id, content);
  }

  @Get('forum/posts/:id/revisions')
  @Roles('officer', 'supervisor')
  @ApiOperation({ summary: 'The revisions of your post (NOT_AUTHOR for anyone else\'s)', description: REFUSALS })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiOkResponse(hubView('RevisionDto[]'))
  revisions(@CurrentOfficer() officer: OfficerView, @Param('id') id: string): Promise<HubRevision[]> {
    return this.forum.revisions(officer, id);
  }

  @Get('forum/subscriptions')
  @Roles('officer', 'supervisor')
  @ApiOperation({ summary: 'Your subscriptions' })
  @ApiOkResponse(hubView('SubscriptionDto[]'))
  subscriptions(@CurrentOfficer() officer: OfficerView): Promise<HubSubscription[]> {
    return this.forum.subscriptions(officer);
  }

  @Post('forum/subscriptions')
  @HttpCode(200)
  @Roles('officer', 'supervisor')
  @ApiOperation({ summary: 'Subscribe to, or unsubscribe from, a thread or a category', description: REFUSALS })
  @ApiBody(body(ForumSubscriptionContent, '{target: {kind: "thread", threadId} | {kind: "category", category}, subscribed}'))
  @ApiOkResponse(hubView('SubscriptionDto[]'))
  setSubscription(@CurrentOfficer() officer: OfficerView, @Body() content: unknown): Promise<HubSubscription[]> {
    return this.forum.setSubscription(officer, content);
  }

  @Get('forum/notifications')
  @Roles('officer', 'supervisor')
  @ApiOperation({ summary: 'Your notifications, newest first (new posts in what you follow)' })
  @ApiQuery({ name: 'unread', required: false, schema: { type: 'boolean' } })
  @ApiQuery({ name: 'limit', required: false, schema: { type: 'integer', minimum: 1, maximum: 100 } })
  @ApiQuery({ name: 'offset', required: false, schema: { type: 'integer', minimum: 0 } })
  @ApiOkResponse(hubView('NotificationListDto'))
  notifications(@CurrentOfficer() officer: OfficerView, @Query() query: Record<string, unknown>): Promise<HubNotificationList> {
    return this.forum.notifications(officer, query);
  }

  @Post('forum/notifications/read')
  @HttpCode(200)
  @Roles('officer', 'supervisor')
  @ApiOperation({ summary: 'Mark notifications read (all or none)', description: REFUSALS })
  @ApiBody(body(ForumNotificationsReadContent, '{notificationIds}'))
  @ApiOkResponse(hubView('MarkedReadDto'))
  markRead(@CurrentOfficer() officer: OfficerView, @Body() content: unknown): Promise<HubMarkedRead> {
    return this.forum.markRead(officer, content);
  }

  @Get('unit-directory')
  @Roles('officer', 'supervisor')
  @ApiOperation({ summary: 'The unit directory: every active member unit with its areas of competence, languages and functional contact points' })
  @ApiOkResponse(hubView('DirectoryEntryDto[]'))
  unitDirectory(): Promise<HubDirectoryEntry[]> {
    return this.forum.unitDirectory();
  }

  @Put('unit-directory/mine')
  @Roles('supervisor')
  @ApiOperation({
    summary: "Replace this unit's profile in the unit directory (supervisors)",
    description: `baseVersion: the version you edited (0 for the first). Contact points are desks or mailboxes, never a person. ${REFUSALS}`,
  })
  @ApiBody(body(UnitProfileContent, '{baseVersion, description, competences, languages, contactPoints}'))
  @ApiOkResponse(hubView('DirectoryEntryDto'))
  updateOwnProfile(@CurrentOfficer() officer: OfficerView, @Body() content: unknown): Promise<HubDirectoryEntry> {
    return this.forum.updateOwnProfile(officer, content);
  }
}
