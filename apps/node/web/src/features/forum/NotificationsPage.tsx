import { Alert, Anchor, Badge, Button, Group, Stack, Table, Text, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { errorText } from '@cicu/web/errors';
import { formatDate } from '@cicu/web/format';
import { Refusal } from '../sharing/Refusal';
import { authorText } from './ForumPage';
import { useNotifications } from './forum-api';
import { markRead } from './forum-writes';

/** New posts in the threads and categories the officer follows, newest first; marked read one by one or all. */
export function NotificationsPage() {
  const { t, i18n } = useTranslation();
  const queries = useQueryClient();
  const notifications = useNotifications(10_000);
  const [error, setError] = useState<unknown>(undefined);
  const read = async (ids: string[]) => {
    if (ids.length === 0) return;
    setError((await markRead(ids)).error);
    await queries.invalidateQueries({ queryKey: ['get', '/v1/forum/notifications'] });
  };
  const items = notifications.data?.items ?? [];
  const unread = items.filter((n) => n.readAt === null).map((n) => n.id);
  return (
    <Stack maw={1000}>
      <Group justify="space-between">
        <Title order={2}>{t('notifications.title')}</Title>
        <Button variant="default" disabled={unread.length === 0} onClick={() => void read(unread)}>
          {t('notifications.markAllRead')}
        </Button>
      </Group>
      {notifications.error !== null && <Alert color="red">{errorText(t, notifications.error)}</Alert>}
      {notifications.data !== undefined && (
        <Text role="status" data-testid="unread-count">
          {t('notifications.unread', { count: notifications.data.unread })}
        </Text>
      )}
      <Refusal error={error} />
      {notifications.data?.items.length === 0 && <Text>{t('notifications.empty')}</Text>}
      {items.length > 0 && (
        <Table striped>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('notifications.post')}</Table.Th>
              <Table.Th>{t('notifications.reason')}</Table.Th>
              <Table.Th>{t('notifications.when')}</Table.Th>
              <Table.Th>{t('notifications.state')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.map((n) => (
              <Table.Tr key={n.id} data-testid="notification" data-read={n.readAt !== null}>
                <Table.Td>
                  <Anchor component={Link} to={`/forum/threads/${n.threadId}`} onClick={() => void read(n.readAt === null ? [n.id] : [])}>
                    {n.threadTitle}
                  </Anchor>
                  <Text size="sm">{t('forum.postBy', { seq: n.seq, author: authorText(n.author) })}</Text>
                </Table.Td>
                <Table.Td>{n.reason === 'thread' ? t('notifications.byThread') : t('notifications.byCategory', { category: t(`forumCategories.${n.category}`) })}</Table.Td>
                <Table.Td>{formatDate(n.createdAt, i18n.language)}</Table.Td>
                <Table.Td>
                  {n.readAt === null ? (
                    <Group gap="xs">
                      <Badge variant="light" c="dark.9">
                        {t('notifications.new')}
                      </Badge>
                      <Button size="xs" variant="default" onClick={() => void read([n.id])} aria-label={t('notifications.markReadOf', { title: n.threadTitle, seq: n.seq })}>
                        {t('notifications.markRead')}
                      </Button>
                    </Group>
                  ) : (
                    t('notifications.read')
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}
