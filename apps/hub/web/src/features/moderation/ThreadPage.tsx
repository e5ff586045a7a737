import { Alert, Anchor, Badge, Button, Card, Group, NativeSelect, Stack, Text, Textarea, Title } from '@mantine/core';
import { errorText, issuesByField } from '@cicu/web/errors';
import { formatDate } from '@cicu/web/format';
import { pageCount, PageNav, usePageParam } from '@cicu/web/PageNav';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { $api, api, type Schemas } from '../../api/client';
import { ActionModal, useAction } from '../../components/ActionModal';
import { LockButton } from './ModerationPage';

type Post = Schemas['PostDto'];
const HIDE_REASONS = ['personal-data', 'off-topic', 'duplicate', 'inappropriate', 'other'] as const;

/** Hide a post from the members, with a reason code and an optional note (kept in the audit log), after a confirmation step. */
function HidePost({ post }: { post: Post }) {
  const { t } = useTranslation();
  const [opened, setOpened] = useState(false);
  const [reason, setReason] = useState<(typeof HIDE_REASONS)[number]>('personal-data');
  const [note, setNote] = useState('');
  const action = useAction();
  const fields = issuesByField(action.error, ['/reason', '/note']);
  const hide = async () => {
    if (await action.run(() => api.POST('/v1/admin/forum/posts/{id}/hide', { params: { path: { id: post.id } }, body: { reason, ...(note.trim() !== '' && { note }) } }))) setOpened(false);
  };
  return (
    <>
      <Button size="compact-sm" variant="default" color="red" onClick={() => setOpened(true)} aria-label={t('moderation.hidePost', { seq: post.seq })}>
        {t('moderation.hide')}
      </Button>
      <ActionModal opened={opened} title={t('moderation.hidePost', { seq: post.seq })} confirmLabel={t('moderation.hide')} error={action.error} busy={action.busy} danger onConfirm={() => void hide()} onClose={() => setOpened(false)}>
        <Text>{t('moderation.hideText')}</Text>
        <NativeSelect label={t('moderation.reason')} value={reason} onChange={(e) => setReason(e.currentTarget.value as (typeof HIDE_REASONS)[number])} data={HIDE_REASONS.map((r) => ({ value: r, label: t(`moderation.reasons.${r}`) }))} error={fields['/reason']} />
        <Textarea label={t('moderation.note')} description={t('moderation.noteHint')} value={note} onChange={(e) => setNote(e.currentTarget.value)} error={fields['/note']} />
      </ActionModal>
    </>
  );
}

function RestorePost({ post }: { post: Post }) {
  const { t } = useTranslation();
  const action = useAction();
  return (
    <Stack gap={2}>
      <Button size="compact-sm" loading={action.busy} onClick={() => void action.run(() => api.POST('/v1/admin/forum/posts/{id}/restore', { params: { path: { id: post.id } } }))} aria-label={t('moderation.restorePost', { seq: post.seq })}>
        {t('moderation.restore')}
      </Button>
      {action.error !== undefined && (
        <Text c="red.9" size="sm" role="alert">
          {errorText(t, action.error)}
        </Text>
      )}
    </Stack>
  );
}

/** Posts per page of a thread. */
const POSTS_PAGE_SIZE = 50;

/** A forum thread as coordinators see it: every post, the hidden ones marked with who hid them and why. */
export function ThreadPage() {
  const { t, i18n } = useTranslation();
  const { id = '' } = useParams();
  const [page, toPage] = usePageParam('page');
  const thread = $api.useQuery('get', '/v1/admin/forum/threads/{id}', { params: { path: { id }, query: { offset: (page - 1) * POSTS_PAGE_SIZE, limit: POSTS_PAGE_SIZE } } });
  const th = thread.data;
  const date = (iso: string) => formatDate(iso, i18n.language);
  return (
    <Stack maw={1100}>
      <Anchor component={Link} to="/moderation">
        {t('moderation.back')}
      </Anchor>
      {thread.error && <Alert color="red">{errorText(t, thread.error)}</Alert>}
      {th !== undefined && (
        <>
          <Group>
            <Title order={2}>{th.title}</Title>
            {th.locked && (
              <Badge variant="light" color="orange" c="dark.9">
                {t('moderation.locked')}
              </Badge>
            )}
            <LockButton threadId={th.id} locked={th.locked} title={th.title} />
          </Group>
          {th.items.map((post) => (
            <Card key={post.id} withBorder data-testid={`post-${post.seq}`} data-hidden={post.hidden !== undefined}>
              <Group justify="space-between" align="flex-start">
                <Text size="sm" fw={700}>
                  {t('moderation.postBy', { seq: post.seq, name: post.author.displayName, unit: post.author.unitId, at: date(post.createdAt) })}
                </Text>
                {post.hidden === undefined ? <HidePost post={post} /> : <RestorePost post={post} />}
              </Group>
              {post.hidden !== undefined && (
                <Alert color="orange" mt="xs" data-testid="post-hidden">
                  {t('moderation.hiddenBy', { by: post.hidden.by, at: date(post.hidden.at), reason: t(`moderation.reasons.${post.hidden.reason}`) })}
                  {post.hidden.note !== null && ` ${post.hidden.note}`}
                </Alert>
              )}
              {/* The Markdown as written, as text: what the coordinator moderates, and nothing of it is run. */}
              <Text mt="xs" style={{ whiteSpace: 'pre-wrap' }} data-testid="post-body">
                {post.body}
              </Text>
            </Card>
          ))}
          <PageNav page={page} pages={pageCount(th.total, POSTS_PAGE_SIZE)} onPage={toPage} label={t('moderation.postPages')} />
        </>
      )}
    </Stack>
  );
}
