import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { type TSchema } from '@sinclair/typebox';
import { COMPACT_JWS_PATTERN, FORUM_CATEGORIES, PERSONAL_DATA_KINDS } from '@cicu/protocol';
import { SHARING_ERROR_CODES } from '../../sharing/sharing.errors';
import { UNIT_DIRECTORY_ERROR_CODES } from '../../unit-directory/unit-directory.errors';
import { FORUM_ERROR_CODES } from '../forum.errors';
import { HIDE_REASONS } from '../moderation/hide-reasons';


/**
 * The OpenAPI schema of an officer-action body: `action`, the node's compact JWS
 * (typ cicu-sharing-action+jws) over the digest of `content`, and `content`, whose schema is the
 * protocol's own (libs/protocol/src/sharing), so the document states exactly what is validated.
 */
export function officerActionBody(content: TSchema, description: string): { schema: Record<string, unknown>; description: string } {
  return {
    description,
    schema: {
      type: 'object',
      additionalProperties: false,
      required: ['action', 'content'],
      properties: {
        action: {
          type: 'string',
          pattern: COMPACT_JWS_PATTERN,
          description:
            'Compact JWS (typ cicu-sharing-action+jws) signed by the calling node with its directory signing key over ' +
            '{v: 1, kind: "sharing-action", action, officer: {id, displayName}, unit, digest: sha256 of the RFC 8785 canonical JSON of content, iat, jti}.',
        },
        // A plain JSON copy: TypeBox's symbol-keyed members are not JSON.
        content: JSON.parse(JSON.stringify(content)) as Record<string, unknown>,
      },
    },
  };
}

export class ForumAuthorDto {
  @ApiProperty({ example: 'FR-CYBERDOUANE' }) unitId!: string;
  @ApiProperty({ description: "The officer's display name, as their node signed it." }) displayName!: string;
}

export class ThreadSummaryDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: FORUM_CATEGORIES }) category!: string;
  @ApiProperty() title!: string;
  @ApiProperty({ type: ForumAuthorDto }) author!: ForumAuthorDto;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time' }) lastPostAt!: string;
  @ApiProperty({ description: 'Posts the reader sees.' }) posts!: number;
  @ApiProperty({ description: 'Locked by a coordinator: no reply, no edit.' }) locked!: boolean;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) lockedAt!: string | null;
  @ApiPropertyOptional({ description: 'Coordinators only: the opening post, and so the thread, is hidden from members.' }) hidden?: boolean;
}

export class ThreadListDto {
  @ApiProperty({ type: [ThreadSummaryDto], description: 'Most recently active first.' }) items!: ThreadSummaryDto[];
  @ApiProperty() total!: number;
  @ApiProperty() limit!: number;
  @ApiProperty() offset!: number;
}

export class QuoteDto {
  @ApiProperty({ format: 'uuid' }) postId!: string;
  @ApiPropertyOptional({ description: "The quoted post's Markdown as it was when quoted (plain text: show it escaped)." }) excerpt?: string;
  @ApiPropertyOptional({ description: 'The quoted post has since been hidden: its excerpt is not shown.' }) hidden?: boolean;
}

export class DocumentLinkDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() title!: string;
}

export class PostHiddenDto {
  @ApiProperty({ format: 'date-time' }) at!: string;
  @ApiProperty({ description: 'The coordinator account that hid it.' }) by!: string;
  @ApiProperty({ enum: HIDE_REASONS }) reason!: string;
  @ApiProperty({ type: String, nullable: true }) note!: string | null;
}

export class PostDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) threadId!: string;
  @ApiProperty({ description: 'Position in the thread, 1 = the opening post (hidden posts leave gaps).' }) seq!: number;
  @ApiProperty({ type: ForumAuthorDto }) author!: ForumAuthorDto;
  @ApiProperty({ description: 'The Markdown as written; a quote excerpt is taken from it.' }) body!: string;
  @ApiProperty({ description: 'Sanitised HTML of body: no script, event handler, image or non-http(s) link; links rel="noopener noreferrer nofollow".' })
  html!: string;
  @ApiProperty({ type: QuoteDto, nullable: true }) quote!: QuoteDto | null;
  @ApiProperty({ type: [DocumentLinkDto], description: 'Linked library documents the reader may read; others are left out.' }) documents!: DocumentLinkDto[];
  @ApiProperty() revision!: number;
  @ApiProperty({ description: 'Edited since it was posted (its author and the coordinators can read the revisions).' }) edited!: boolean;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) editedAt!: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiPropertyOptional({ description: 'Members: the reading officer wrote it.' }) own?: boolean;
  @ApiPropertyOptional({ type: PostHiddenDto, description: 'Coordinators only, on a hidden post.' }) hidden?: PostHiddenDto;
}

export class ThreadDto extends ThreadSummaryDto {
  @ApiProperty({ type: [PostDto], description: 'One page of posts, in order.' }) items!: PostDto[];
  @ApiProperty() total!: number;
  @ApiProperty() limit!: number;
  @ApiProperty() offset!: number;
}

export class RevisionDto {
  @ApiProperty() revision!: number;
  @ApiProperty() body!: string;
  @ApiProperty() html!: string;
  @ApiProperty({ type: [String] }) documents!: string[];
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ description: 'sha256 of the canonical content the signed action covers.' }) contentDigest!: string;
  @ApiProperty({ description: 'sha256 of the signed action (compact JWS).' }) actionDigest!: string;
}

export class SubscriptionDto {
  @ApiProperty({ enum: ['thread', 'category'] }) kind!: string;
  @ApiPropertyOptional({ format: 'uuid' }) threadId?: string;
  @ApiPropertyOptional({ enum: FORUM_CATEGORIES }) category?: string;
  @ApiProperty({ format: 'date-time' }) since!: string;
}

export class NotificationDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) postId!: string;
  @ApiProperty({ format: 'uuid' }) threadId!: string;
  @ApiProperty() threadTitle!: string;
  @ApiProperty({ enum: FORUM_CATEGORIES }) category!: string;
  @ApiProperty() seq!: number;
  @ApiProperty({ type: ForumAuthorDto }) author!: ForumAuthorDto;
  @ApiProperty({ enum: ['thread', 'category'], description: 'Which subscription brought it.' }) reason!: string;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) readAt!: string | null;
}

export class NotificationListDto {
  @ApiProperty({ type: [NotificationDto], description: 'Newest first; none of hidden posts or threads.' }) items!: NotificationDto[];
  @ApiProperty() total!: number;
  @ApiProperty() unread!: number;
  @ApiProperty() limit!: number;
  @ApiProperty() offset!: number;
}

export class MarkedReadDto {
  @ApiProperty() marked!: number;
  @ApiProperty({ description: 'Unread notifications left.' }) unread!: number;
}

export class ForumFindingDto {
  @ApiProperty({ example: 'body', description: 'title, body, quoteExcerpt, overrides/0 (a justification)…' }) location!: string;
  @ApiProperty({ enum: PERSONAL_DATA_KINDS }) kind!: string;
  @ApiProperty({ description: 'UTF-16 offset of the value in the text at location.' }) start!: number;
  @ApiProperty() end!: number;
  @ApiProperty({ example: 'j***@***.fr', description: 'Masked: never the value.' }) excerpt!: string;
}

/** A refusal of the forum or the unit directory (their own codes, and the officer-action and guard codes they share with the library). */
export class ForumErrorDto {
  @ApiProperty({ enum: [...new Set([...FORUM_ERROR_CODES, ...UNIT_DIRECTORY_ERROR_CODES, ...SHARING_ERROR_CODES])], example: 'PERSONAL_DATA_SUSPECTED' }) code!: string;
  @ApiProperty() message!: string;
  @ApiPropertyOptional({ description: 'With VALIDATION, ACTION_INVALID, OVERRIDE_NOT_MATCHED: [{path, code, message}], never the values.', type: 'array', items: { type: 'object' } })
  issues?: unknown[];
  @ApiPropertyOptional({ type: [ForumFindingDto], description: 'With PERSONAL_DATA_SUSPECTED: what the guard found (nothing was stored).' }) findings?: ForumFindingDto[];
}

export class OverrideDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) postId!: string;
  @ApiProperty({ format: 'uuid' }) threadId!: string;
  @ApiProperty() revision!: number;
  @ApiProperty() location!: string;
  @ApiProperty({ enum: PERSONAL_DATA_KINDS }) kind!: string;
  @ApiProperty() start!: number;
  @ApiProperty() end!: number;
  @ApiProperty({ description: 'Masked.' }) excerpt!: string;
  @ApiProperty({ description: "The author's reason why it is not personal data." }) justification!: string;
  @ApiProperty() unitId!: string;
  @ApiProperty({ format: 'uuid' }) officerId!: string;
  @ApiProperty() officerName!: string;
  @ApiProperty({ description: 'The audit-log entry of the override.' }) auditIndex!: number;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
}

export class OverrideListDto {
  @ApiProperty({ type: [OverrideDto], description: 'Newest first.' }) items!: OverrideDto[];
  @ApiProperty() total!: number;
  @ApiProperty() limit!: number;
  @ApiProperty() offset!: number;
}
