import { Alert, Anchor, Checkbox, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { $api } from '../../api/client';
import { errorText } from '@cicu/web/errors';
import { formatDate } from '@cicu/web/format';
import { StatusBadge } from '../requests/StatusBadge';

export function InboxPage() {
  const { t, i18n } = useTranslation();
  const [search, setSearch] = useSearchParams();
  const mine = search.get('mine') === 'true';
  const incoming = $api.useQuery('get', '/v1/incoming', { params: { query: mine ? { mine: 'true' } : {} } }, { refetchInterval: 10_000 });
  return (
    <Stack>
      <Title order={2}>{t('inbox.title')}</Title>
      <Checkbox id="inbox-mine" label={t('inbox.onlyMine')} checked={mine} onChange={(e) => setSearch(e.currentTarget.checked ? { mine: 'true' } : {})} />
      {incoming.error && <Alert color="red">{errorText(t, incoming.error)}</Alert>}
      {incoming.data?.length === 0 && <Text>{t('inbox.empty')}</Text>}
      {(incoming.data?.length ?? 0) > 0 && (
        <Table striped highlightOnHover>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('requests.type')}</Table.Th>
              <Table.Th>{t('inbox.from')}</Table.Th>
              <Table.Th>{t('inbox.received')}</Table.Th>
              <Table.Th>{t('requests.due')}</Table.Th>
              <Table.Th>{t('inbox.assignedTo')}</Table.Th>
              <Table.Th>{t('requests.status')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {incoming.data?.map((r) => (
              <Table.Tr key={r.id}>
                <Table.Td>
                  <Anchor component={Link} to={`/inbox/${r.id}`}>
                    {t(`requestTypes.${r.requestType}`)}
                  </Anchor>
                </Table.Td>
                <Table.Td>{r.fromUnit}</Table.Td>
                <Table.Td>{formatDate(r.receivedAt, i18n.language)}</Table.Td>
                <Table.Td>{formatDate(r.dueAt, i18n.language)}</Table.Td>
                <Table.Td>{r.assignedToName ?? t('inbox.nobody')}</Table.Td>
                <Table.Td>
                  <StatusBadge status={r.status} overdue={r.overdue} />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}
