import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiBody, ApiConflictResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiParam, ApiQuery, ApiTags } from '@nestjs/swagger';
import { Type } from '@sinclair/typebox';
import { FORUM_CATEGORIES } from '@cicu/protocol';
import { schemaChecker } from '@cicu/shared';
import { type AuthenticatedAdmin } from '../../accounts/authenticated-admin';
import { AdminRoles, CurrentAdmin } from '../../auth/access.decorators';
import { ForumErrorDto, OverrideListDto, PostDto, RevisionDto, ThreadDto, ThreadListDto, ThreadSummaryDto } from '../dto/forum.dto';
import { ForumError } from '../forum.errors';
import { forumId, ForumQuery } from '../forum-query';
import { DEFAULT_POSTS_PAGE, ForumService } from '../forum.service';
import { type ForumReader, type PostView, type RevisionView, type ThreadSummaryView, type ThreadView } from '../forum-views';
import { GuardOverrides } from '../guard-overrides';
import { HIDE_REASONS } from './hide-reasons';
import { ModerationService } from './moderation.service';

const HideRequest = Type.Object(
  {
    reason: Type.Unsafe<(typeof HIDE_REASONS)[number]>({ type: 'string', enum: [...HIDE_REASONS] }),
    note: Type.Optional(Type.String({ minLength: 1, maxLength: 2000 })),
  },
  { additionalProperties: false },
);
const checkHide = schemaChecker(HideRequest);

const coordinatorOf = (admin: AuthenticatedAdmin): ForumReader => ({ kind: 'coordinator', accountId: admin.id });

/**
 * Moderation of the forum by coordinators (docs/adr-forum.md): they see everything, hidden posts
 * and threads included, with the moderation details, and lock, unlock, hide and restore.
 * Officers cannot reach these routes (their node's assertion is refused here).
 */
@ApiTags('admin: forum')
@AdminRoles('coordinator')
@Controller('v1/admin/forum')
@ApiBadRequestResponse({ type: ForumErrorDto, description: 'VALIDATION.' })
export class ModerationController {
  constructor(
    private readonly forum: ForumService,
    private readonly moderation: ModerationService,
    private readonly overrides: GuardOverrides,
  ) {}

  @Get('threads')
  @ApiOperation({ summary: 'Every thread, hidden ones included' })
  @ApiQuery({ name: 'category', required: false, enum: FORUM_CATEGORIES })
  @ApiQuery({ name: 'limit', required: false, schema: { type: 'integer', minimum: 1, maximum: 100, default: 20 } })
  @ApiQuery({ name: 'offset', required: false, schema: { type: 'integer', minimum: 0, default: 0 } })
  @ApiOkResponse({ type: ThreadListDto })
  threads(@CurrentAdmin() admin: AuthenticatedAdmin, @Query() raw: Record<string, unknown>): Promise<ThreadListDto> {
    const query = new ForumQuery(raw);
    const [category, page] = [query.category(), query.page({ limit: 20, offset: 0 }, 100)];
    query.done();
    return this.forum.listThreads(coordinatorOf(admin), { ...(category !== undefined && { category }) }, page);
  }

  @Get('threads/:id')
  @ApiOperation({ summary: 'A thread with all its posts, hidden ones with who hid them, why and when' })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiQuery({ name: 'limit', required: false, schema: { type: 'integer', minimum: 1, maximum: 200, default: DEFAULT_POSTS_PAGE.limit } })
  @ApiQuery({ name: 'offset', required: false, schema: { type: 'integer', minimum: 0, default: 0 } })
  @ApiOkResponse({ type: ThreadDto })
  @ApiNotFoundResponse({ type: ForumErrorDto, description: 'THREAD_NOT_FOUND.' })
  thread(@CurrentAdmin() admin: AuthenticatedAdmin, @Param('id') id: string, @Query() raw: Record<string, unknown>): Promise<ThreadView> {
    const query = new ForumQuery(raw);
    const page = query.page(DEFAULT_POSTS_PAGE, 200);
    query.done();
    return this.forum.thread(coordinatorOf(admin), forumId(id, 'id'), page);
  }

  @Get('posts/:id/revisions')
  @ApiOperation({ summary: "A post's revisions, oldest first" })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiOkResponse({ type: [RevisionDto] })
  @ApiNotFoundResponse({ type: ForumErrorDto, description: 'POST_NOT_FOUND.' })
  revisions(@CurrentAdmin() admin: AuthenticatedAdmin, @Param('id') id: string): Promise<RevisionView[]> {
    return this.forum.revisions(coordinatorOf(admin), forumId(id, 'id'));
  }

  @Get('overrides')
  @ApiOperation({ summary: 'Personal-data guard findings the authors overrode, for review', description: 'Newest first, each with its justification and audit entry.' })
  @ApiQuery({ name: 'limit', required: false, schema: { type: 'integer', minimum: 1, maximum: 100, default: 50 } })
  @ApiQuery({ name: 'offset', required: false, schema: { type: 'integer', minimum: 0, default: 0 } })
  @ApiOkResponse({ type: OverrideListDto })
  overrideList(@Query() raw: Record<string, unknown>): Promise<OverrideListDto> {
    const query = new ForumQuery(raw);
    const page = query.page({ limit: 50, offset: 0 }, 100);
    query.done();
    return this.overrides.list(page);
  }

  @Post('threads/:id/lock')
  @HttpCode(200)
  @ApiOperation({ summary: 'Lock a thread: no reply, no edit (THREAD_LOCKED); audited' })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiOkResponse({ type: ThreadSummaryDto })
  @ApiNotFoundResponse({ type: ForumErrorDto, description: 'THREAD_NOT_FOUND.' })
  @ApiConflictResponse({ type: ForumErrorDto, description: 'THREAD_ALREADY_LOCKED.' })
  lock(@CurrentAdmin() admin: AuthenticatedAdmin, @Param('id') id: string): Promise<ThreadSummaryView> {
    return this.moderation.lock({ accountId: admin.id }, forumId(id, 'id'));
  }

  @Post('threads/:id/unlock')
  @HttpCode(200)
  @ApiOperation({ summary: 'Unlock a thread; audited' })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiOkResponse({ type: ThreadSummaryDto })
  @ApiNotFoundResponse({ type: ForumErrorDto, description: 'THREAD_NOT_FOUND.' })
  @ApiConflictResponse({ type: ForumErrorDto, description: 'THREAD_NOT_LOCKED.' })
  unlock(@CurrentAdmin() admin: AuthenticatedAdmin, @Param('id') id: string): Promise<ThreadSummaryView> {
    return this.moderation.unlock({ accountId: admin.id }, forumId(id, 'id'));
  }

  @Post('posts/:id/hide')
  @HttpCode(200)
  @ApiOperation({ summary: 'Hide a post with a reason: members no longer see it (the opening post hides its thread); audited (the note by its digest)' })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiBody({ schema: { type: 'object', additionalProperties: false, required: ['reason'], properties: { reason: { type: 'string', enum: [...HIDE_REASONS] }, note: { type: 'string', minLength: 1, maxLength: 2000 } } } })
  @ApiOkResponse({ type: PostDto })
  @ApiNotFoundResponse({ type: ForumErrorDto, description: 'POST_NOT_FOUND.' })
  @ApiConflictResponse({ type: ForumErrorDto, description: 'POST_ALREADY_HIDDEN.' })
  hide(@CurrentAdmin() admin: AuthenticatedAdmin, @Param('id') id: string, @Body() body: unknown): Promise<PostView> {
    const checked = checkHide(body);
    if (!checked.ok) throw new ForumError('VALIDATION', 'the body fails validation', checked.issues);
    return this.moderation.hide({ accountId: admin.id }, forumId(id, 'id'), checked.value.reason, checked.value.note);
  }

  @Post('posts/:id/restore')
  @HttpCode(200)
  @ApiOperation({ summary: 'Restore a hidden post; audited' })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiOkResponse({ type: PostDto })
  @ApiNotFoundResponse({ type: ForumErrorDto, description: 'POST_NOT_FOUND.' })
  @ApiConflictResponse({ type: ForumErrorDto, description: 'POST_NOT_HIDDEN.' })
  restore(@CurrentAdmin() admin: AuthenticatedAdmin, @Param('id') id: string): Promise<PostView> {
    return this.moderation.restore({ accountId: admin.id }, forumId(id, 'id'));
  }
}
