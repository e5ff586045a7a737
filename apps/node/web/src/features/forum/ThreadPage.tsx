import { Alert, Anchor, Blockquote, Button, Card, CloseButton, Group, Stack, Text, Textarea, Title, Typography } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { Post } from '../../api/client';
import { errorText } from '@cicu/web/errors';
import { formatDate } from '@cicu/web/format';
import { useSession } from '../../auth/session';
import { GuardFindings, useGuardStep } from '../sharing/GuardFindings';
import { pageCount, PageNav, usePageParam } from '@cicu/web/PageNav';
import { Refusal } from '../sharing/Refusal';
import { FollowButton } from './FollowButton';
import { POSTS_PAGE_SIZE, useThread } from './forum-api';
import { reply } from './forum-writes';
import { authorText } from './ForumPage';
import { quoteExcerpt } from './quote';

type Quote = { postId: string; excerpt: string; seq: number };

/**
 * One post. `html` is the hub's sanitised rendering of the Markdown (markdown-it without raw
 * HTML, then sanitize-html with a closed list of tags and attributes: docs/adr-forum.md), the
 * one piece of HTML the app inserts; everything else of a post, the quote's excerpt included,
 * is text.
 */
function PostCard({ post, onQuote }: { post: Post; onQuote?: (quote: Quote) => void }) {
  const { t, i18n } = useTranslation();
  return (
    <Card withBorder component="article" aria-labelledby={`post-${post.id}`} data-testid={`post-${post.seq}`}>
      <Stack gap="xs">
        <Group justify="space-between">
          <Text fw={600} id={`post-${post.id}`}>
            {t('forum.postBy', { seq: post.seq, author: authorText(post.author) })}
          </Text>
          <Text size="sm" c="dimmed">
            {formatDate(post.createdAt, i18n.language)}
            {post.edited && ` · ${t('forum.edited')}`}
          </Text>
        </Group>
        {post.quote !== null && (
          <Blockquote p="xs" data-testid="quote">
            {post.quote.hidden === true ? t('forum.quoteHidden') : <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>{post.quote.excerpt}</Text>}
          </Blockquote>
        )}
        <Typography>
          <div data-testid="post-html" dangerouslySetInnerHTML={{ __html: post.html }} />
        </Typography>
        {post.documents.length > 0 && (
          <Text size="sm">
            {t('forum.documents')}{' '}
            {post.documents.map((d, i) => (
              <span key={d.id}>
                {i > 0 && ', '}
                <Anchor component={Link} to={`/library/${d.id}`}>
                  {d.title}
                </Anchor>
              </span>
            ))}
          </Text>
        )}
        {onQuote !== undefined && (
          <Group>
            <Button size="xs" variant="default" onClick={() => onQuote({ postId: post.id, excerpt: quoteExcerpt(post.body), seq: post.seq })} aria-label={t('forum.quotePost', { seq: post.seq })}>
              {t('forum.quote')}
            </Button>
          </Group>
        )}
      </Stack>
    </Card>
  );
}

function ReplyForm({ threadId, quote, clearQuote, onReplied }: { threadId: string; quote: Quote | undefined; clearQuote: () => void; onReplied: () => void }) {
  const { t } = useTranslation();
  const queries = useQueryClient();
  const guard = useGuardStep();
  const [body, setBody] = useState('');
  const [refusal, setRefusal] = useState<unknown>(undefined);
  const [sent, setSent] = useState(false);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (body.trim() === '') return;
    const { data, error } = await reply({ threadId, body, ...(quote !== undefined && { quote: { postId: quote.postId, excerpt: quote.excerpt } }) }, guard.overrides);
    setSent(data !== undefined);
    if (data !== undefined) {
      setBody('');
      clearQuote();
      guard.reset();
      setRefusal(undefined);
      onReplied();
      await queries.invalidateQueries({ queryKey: ['get', '/v1/forum/threads/{id}'] });
      await queries.invalidateQueries({ queryKey: ['get', '/v1/forum/subscriptions'] });
      return;
    }
    setRefusal(guard.take(error) ? undefined : error);
  };
  return (
    <Card withBorder component="section" aria-labelledby="reply-title">
      <form onSubmit={(e) => void submit(e)}>
        <Stack gap="sm">
          <Title order={3} size="h4" id="reply-title">
            {t('forum.reply')}
          </Title>
          {quote !== undefined && (
            <Group wrap="nowrap" align="flex-start" data-testid="reply-quote">
              <Blockquote p="xs" style={{ flex: 1 }}>
                <Text size="sm">{t('forum.quoting', { seq: quote.seq })}</Text>
                <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                  {quote.excerpt}
                </Text>
              </Blockquote>
              <CloseButton aria-label={t('forum.removeQuote')} onClick={clearQuote} />
            </Group>
          )}
          <Textarea id="reply-body" label={t('forum.body')} description={t('forum.markdownHint')} required autosize minRows={4} value={body} onChange={(e) => {
              setBody(e.currentTarget.value);
              guard.reset();
              setSent(false);
            }} />
          <GuardFindings guard={guard} idPrefix="reply" />
          <Refusal error={refusal} />
          {sent && (
            <Alert color="green" role="status">
              {t('forum.replied')}
            </Alert>
          )}
          <Group>
            <Button type="submit" disabled={body.trim() === '' || (guard.findings.length > 0 && !guard.ready)}>
              {guard.findings.length > 0 ? t('guard.resubmit') : t('forum.sendReply')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}

/** A thread and its posts, the reply form (with a quote) and the subscription. */
export function ThreadPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const { hasRole } = useSession();
  const [page, goTo] = usePageParam('page');
  const thread = useThread(id, (page - 1) * POSTS_PAGE_SIZE);
  const [quote, setQuote] = useState<Quote | undefined>(undefined);
  if (thread.error !== null) return <Alert color="red">{errorText(t, thread.error)}</Alert>;
  const th = thread.data;
  if (th === undefined) return null;
  const canReply = hasRole('officer') && !th.locked;
  const pages = pageCount(th.total, POSTS_PAGE_SIZE);
  return (
    <Stack maw={1000}>
      <Anchor component={Link} to={`/forum?category=${th.category}`}>
        {t('forum.backTo', { category: t(`forumCategories.${th.category}`) })}
      </Anchor>
      <Group justify="space-between">
        <Title order={2}>{th.title}</Title>
        <FollowButton target={{ kind: 'thread', threadId: th.id }} />
      </Group>
      {th.locked && <Alert color="gray">{t('forum.lockedNote')}</Alert>}
      {th.items.map((post) => (
        <PostCard key={post.id} post={post} {...(canReply && { onQuote: setQuote })} />
      ))}
      <PageNav page={page} pages={pages} onPage={goTo} label={t('forum.postPages')} />
      {/* A reply is the thread's last post: the officer is taken to the page that shows it. */}
      {canReply && <ReplyForm threadId={th.id} quote={quote} clearQuote={() => setQuote(undefined)} onReplied={() => goTo(pageCount(th.total + 1, POSTS_PAGE_SIZE))} />}
    </Stack>
  );
}
