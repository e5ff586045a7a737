import { Alert, Anchor, Badge, Button, Stack, Table, Text, Title } from '@mantine/core';
import { errorText } from '@cicu/web/errors';
import { formatDate } from '@cicu/web/format';
import { pageCount, PageNav, usePageParam } from '@cicu/web/PageNav';
import { type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { $api, api } from '../../api/client';
import { useAction } from '../../components/ActionModal';

/** Rows per page of each of the three lists. */
const PAGE_SIZE = 20;

/** Lock or unlock a thread: no reply and no edit while it is locked. */
export function LockButton({ threadId, locked, title }: { threadId: string; locked: boolean; title: string }) {
  const { t } = useTranslation();
  const action = useAction();
  const toggle = () => action.run(() => api.POST(locked ? '/v1/admin/forum/threads/{id}/unlock' : '/v1/admin/forum/threads/{id}/lock', { params: { path: { id: threadId } } }));
  return (
    <Stack gap={2}>
      <Button size="compact-sm" variant="default" loading={action.busy} onClick={() => void toggle()} aria-label={t(locked ? 'moderation.unlockThread' : 'moderation.lockThread', { title })}>
        {t(locked ? 'moderation.unlock' : 'moderation.lock')}
      </Button>
      {action.error !== undefined && (
        <Text c="red.9" size="sm" role="alert">
          {errorText(t, action.error)}
        </Text>
      )}
    </Stack>
  );
}

/** One guard override as the moderation queue lists it: what it concerns, then the finding and who declared it. */
interface OverrideRow {
  id: string;
  testId: string;
  subject: ReactNode;
  kind: string;
  excerpt: string;
  justification: string;
  officerName: string;
  unit: string;
  createdAt: string;
}

/** The library's or the forum's guard overrides (the same columns but the first), one page of them. */
function OverridesTable({ rows, loaded, subjectHeading, nav }: { rows: OverrideRow[]; loaded: boolean; subjectHeading: string; nav: ReactNode }) {
  const { t, i18n } = useTranslation();
  return (
    <>
      {loaded && rows.length === 0 ? (
        <Text>{t('moderation.noOverrides')}</Text>
      ) : (
        <Table striped>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{subjectHeading}</Table.Th>
              <Table.Th>{t('moderation.finding')}</Table.Th>
              <Table.Th>{t('moderation.justification')}</Table.Th>
              <Table.Th>{t('moderation.by')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((o) => (
              <Table.Tr key={o.id} data-testid={o.testId}>
                <Table.Td>{o.subject}</Table.Td>
                <Table.Td>
                  {t(`moderation.kinds.${o.kind}`)}: <code>{o.excerpt}</code>
                </Table.Td>
                <Table.Td>{o.justification}</Table.Td>
                <Table.Td>
                  {o.officerName} ({o.unit})<Text size="sm">{formatDate(o.createdAt, i18n.language)}</Text>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {nav}
    </>
  );
}

/**
 * What coordinators review: the guard findings an author declared not personal data (library
 * documents and forum posts, with the author's justification), and the forum's threads.
 * The hub keeps these routes to coordinators: auditors read the overrides in the audit log.
 */
export function ModerationPage() {
  const { t, i18n } = useTranslation();
  const [libraryPage, toLibraryPage] = usePageParam('libraryPage');
  const [forumPage, toForumPage] = usePageParam('forumPage');
  const [threadsPage, toThreadsPage] = usePageParam('threadsPage');
  const library = $api.useQuery('get', '/v1/admin/library/overrides', { params: { query: { page: libraryPage, pageSize: PAGE_SIZE } } });
  const forum = $api.useQuery('get', '/v1/admin/forum/overrides', { params: { query: { offset: (forumPage - 1) * PAGE_SIZE, limit: PAGE_SIZE } } });
  const threads = $api.useQuery('get', '/v1/admin/forum/threads', { params: { query: { offset: (threadsPage - 1) * PAGE_SIZE, limit: PAGE_SIZE } } });
  const date = (iso: string) => formatDate(iso, i18n.language);
  const error = library.error ?? forum.error ?? threads.error;
  return (
    <Stack maw={1100}>
      <Title order={2}>{t('moderation.title')}</Title>
      <Text>{t('moderation.intro')}</Text>
      {error && <Alert color="red">{errorText(t, error)}</Alert>}
      <Title order={3}>{t('moderation.libraryOverrides')}</Title>
      <OverridesTable
        rows={(library.data?.items ?? []).map((o) => ({
          ...o,
          testId: `library-override-${o.id}`,
          subject: (
            <>
              {o.documentTitle}
              <Text size="sm">{t('moderation.documentVersion', { version: o.version, location: o.location })}</Text>
            </>
          ),
        }))}
        loaded={library.data !== undefined}
        subjectHeading={t('moderation.document')}
        nav={<PageNav page={libraryPage} pages={pageCount(library.data?.total, PAGE_SIZE)} onPage={toLibraryPage} label={t('moderation.libraryOverridesPages')} />}
      />
      <Title order={3}>{t('moderation.forumOverrides')}</Title>
      <OverridesTable
        rows={(forum.data?.items ?? []).map((o) => ({
          ...o,
          unit: o.unitId,
          testId: `forum-override-${o.id}`,
          subject: (
            <Anchor component={Link} to={`/moderation/threads/${o.threadId}`}>
              {t('moderation.postRevision', { revision: o.revision, location: o.location })}
            </Anchor>
          ),
        }))}
        loaded={forum.data !== undefined}
        subjectHeading={t('moderation.post')}
        nav={<PageNav page={forumPage} pages={pageCount(forum.data?.total, PAGE_SIZE)} onPage={toForumPage} label={t('moderation.forumOverridesPages')} />}
      />
      <Title order={3}>{t('moderation.threads')}</Title>
      <Table striped>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('moderation.thread')}</Table.Th>
            <Table.Th>{t('moderation.author')}</Table.Th>
            <Table.Th>{t('moderation.lastPost')}</Table.Th>
            <Table.Th>{t('members.actions')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {(threads.data?.items ?? []).map((thread) => (
            <Table.Tr key={thread.id} data-testid={`thread-${thread.id}`}>
              <Table.Td>
                <Anchor component={Link} to={`/moderation/threads/${thread.id}`}>
                  {thread.title}
                </Anchor>{' '}
                {thread.locked && (
                  <Badge variant="light" color="orange" c="dark.9">
                    {t('moderation.locked')}
                  </Badge>
                )}{' '}
                {thread.hidden === true && (
                  <Badge variant="light" color="red" c="dark.9">
                    {t('moderation.hidden')}
                  </Badge>
                )}
                <Text size="sm">{t('moderation.posts', { count: thread.posts })}</Text>
              </Table.Td>
              <Table.Td>
                {thread.author.displayName} ({thread.author.unitId})
              </Table.Td>
              <Table.Td>{date(thread.lastPostAt)}</Table.Td>
              <Table.Td>
                <LockButton threadId={thread.id} locked={thread.locked} title={thread.title} />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <PageNav page={threadsPage} pages={pageCount(threads.data?.total, PAGE_SIZE)} onPage={toThreadsPage} label={t('moderation.threadsPages')} />
    </Stack>
  );
}
