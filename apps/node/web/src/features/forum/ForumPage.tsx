import { Alert, Anchor, Button, Group, NavLink, Select, Stack, Table, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { type ChangeEvent, type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import type { ForumAuthor, ForumCategory } from '../../api/client';
import { errorText } from '@cicu/web/errors';
import { formatDate } from '@cicu/web/format';
import { useSession } from '../../auth/session';
import { GuardFindings, useGuardStep } from '../sharing/GuardFindings';
import { pageCount, PageNav, usePageParam } from '@cicu/web/PageNav';
import { Refusal } from '../sharing/Refusal';
import { FollowButton } from './FollowButton';
import { FORUM_CATEGORIES, useThreads } from './forum-api';
import { createThread } from './forum-writes';

const PAGE_SIZE = 25;

/** A new thread with its opening post; the guard step as for a library upload. */
function NewThread({ category: initial }: { category: ForumCategory | undefined }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queries = useQueryClient();
  const guard = useGuardStep();
  const [category, setCategory] = useState<string | null>(initial ?? null);
  const [title, setTitle] = useState('');
  const [body, setBody] = useState('');
  const [refusal, setRefusal] = useState<unknown>(undefined);
  const complete = category !== null && title.trim() !== '' && body.trim() !== '';
  // Earlier findings name text that changed: they are dropped.
  const edit = (set: (value: string) => void) => (event: ChangeEvent<HTMLInputElement | HTMLTextAreaElement>) => {
    set(event.currentTarget.value);
    guard.reset();
  };
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!complete) return;
    const { data, error } = await createThread({ category: category as ForumCategory, title, body }, guard.overrides);
    if (data !== undefined) {
      await queries.invalidateQueries({ queryKey: ['get', '/v1/forum/threads'] });
      void navigate(`/forum/threads/${data.id}`);
      return;
    }
    setRefusal(guard.take(error) ? undefined : error);
  };
  return (
    <form onSubmit={(e) => void submit(e)} aria-labelledby="new-thread">
      <Stack gap="sm">
        <Title order={3} size="h4" id="new-thread">
          {t('forum.newThread')}
        </Title>
        <Select id="thread-category" label={t('forum.category')} required data={FORUM_CATEGORIES.map((c) => ({ value: c, label: t(`forumCategories.${c}`) }))} value={category} onChange={setCategory} />
        <TextInput id="thread-title" label={t('forum.threadTitle')} required value={title} onChange={edit(setTitle)} />
        <Textarea id="thread-body" label={t('forum.body')} description={t('forum.markdownHint')} required autosize minRows={5} value={body} onChange={edit(setBody)} />
        <GuardFindings guard={guard} idPrefix="thread" />
        <Refusal error={refusal} />
        <Group>
          <Button type="submit" disabled={!complete || (guard.findings.length > 0 && !guard.ready)}>
            {guard.findings.length > 0 ? t('guard.resubmit') : t('forum.openThread')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** The forum: categories, the threads of one (most recently active first), a new thread. */
export function ForumPage() {
  const { t, i18n } = useTranslation();
  const { hasRole } = useSession();
  const [params] = useSearchParams();
  const category = FORUM_CATEGORIES.find((c) => c === params.get('category'));
  const [page, toPage] = usePageParam('page');
  const threads = useThreads(category, (page - 1) * PAGE_SIZE, PAGE_SIZE);
  const [composing, setComposing] = useState(false);
  const total = threads.data?.total ?? 0;
  return (
    <Stack maw={1100}>
      <Group justify="space-between">
        <Title order={2}>{t('forum.title')}</Title>
        {hasRole('officer') && !composing && <Button onClick={() => setComposing(true)}>{t('forum.newThread')}</Button>}
      </Group>
      <Group align="flex-start" wrap="nowrap" gap="xl">
        <nav aria-label={t('forum.categories')}>
          <Stack gap={0} w={220}>
            <NavLink component={Link} to="/forum" label={t('forum.allCategories')} active={category === undefined} aria-current={category === undefined ? 'page' : undefined} variant="filled" />
            {FORUM_CATEGORIES.map((c) => (
              <NavLink key={c} component={Link} to={`/forum?category=${c}`} label={t(`forumCategories.${c}`)} active={category === c} aria-current={category === c ? 'page' : undefined} variant="filled" />
            ))}
          </Stack>
        </nav>
        <Stack style={{ flex: 1 }}>
          {composing && <NewThread category={category} />}
          <Group justify="space-between">
            <Title order={3} size="h4">
              {category !== undefined ? t(`forumCategories.${category}`) : t('forum.allCategories')}
            </Title>
            {category !== undefined && <FollowButton target={{ kind: 'category', category }} />}
          </Group>
          {threads.error !== null && <Alert color="red">{errorText(t, threads.error)}</Alert>}
          {threads.data?.items.length === 0 && <Text>{t('forum.noThreads')}</Text>}
          {(threads.data?.items.length ?? 0) > 0 && (
            <Table striped highlightOnHover>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('forum.threadTitle')}</Table.Th>
                  <Table.Th>{t('forum.category')}</Table.Th>
                  <Table.Th>{t('forum.startedBy')}</Table.Th>
                  <Table.Th>{t('forum.posts')}</Table.Th>
                  <Table.Th>{t('forum.lastPost')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {threads.data?.items.map((thread) => (
                  <Table.Tr key={thread.id}>
                    <Table.Td>
                      <Anchor component={Link} to={`/forum/threads/${thread.id}`}>
                        {thread.title}
                      </Anchor>
                      {thread.locked && <Text size="xs">{t('forum.locked')}</Text>}
                    </Table.Td>
                    <Table.Td>{t(`forumCategories.${thread.category}`)}</Table.Td>
                    <Table.Td>{authorText(thread.author)}</Table.Td>
                    <Table.Td>{thread.posts}</Table.Td>
                    <Table.Td>{formatDate(thread.lastPostAt, i18n.language)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
          <PageNav page={page} pages={pageCount(total, PAGE_SIZE)} onPage={toPage} label={t('forum.threadPages')} />
        </Stack>
      </Group>
    </Stack>
  );
}

/** "Name (UNIT)" of a forum author. */
export const authorText = (author: ForumAuthor): string => `${author.displayName} (${author.unitId})`;
