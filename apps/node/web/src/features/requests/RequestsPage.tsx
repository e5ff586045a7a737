import { Alert, Anchor, Select, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { $api } from '../../api/client';
import { errorText } from '@cicu/web/errors';
import { formatDate } from '@cicu/web/format';
import { StatusBadge } from './StatusBadge';

const STATUSES = ['drafted', 'awaiting_approval', 'approved', 'submitting', 'submitted', 'delivered', 'answered', 'partially_answered', 'refused', 'more_information_needed', 'rejected_by_hub'] as const;

export function RequestsPage() {
  const { t, i18n } = useTranslation();
  const [search, setSearch] = useSearchParams();
  const status = search.get('status') ?? undefined;
  const query = { ...(status !== undefined && { status: status as (typeof STATUSES)[number] }), mine: 'true' as const };
  const requests = $api.useQuery('get', '/v1/requests', { params: { query } }, { refetchInterval: 10_000 });
  return (
    <Stack>
      <Title order={2}>{t('requests.title')}</Title>
      <Select
        id="requests-status"
        label={t('requests.filter')}
        maw={300}
        clearable
        data={STATUSES.map((s) => ({ value: s, label: t(`status.${s}`) }))}
        value={status ?? null}
        onChange={(value) => setSearch(value === null ? {} : { status: value })}
      />
      {requests.error && <Alert color="red">{errorText(t, requests.error)}</Alert>}
      {requests.data?.length === 0 && <Text>{t('requests.empty')}</Text>}
      {(requests.data?.length ?? 0) > 0 && (
        <Table striped highlightOnHover>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('requests.reference')}</Table.Th>
              <Table.Th>{t('requests.partner')}</Table.Th>
              <Table.Th>{t('requests.type')}</Table.Th>
              <Table.Th>{t('requests.status')}</Table.Th>
              <Table.Th>{t('requests.due')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {requests.data?.map((r) => (
              <Table.Tr key={r.id}>
                <Table.Td>
                  <Anchor component={Link} to={`/requests/${r.id}`}>
                    {r.caseReference}
                  </Anchor>
                </Table.Td>
                <Table.Td>{r.partnerUnit}</Table.Td>
                <Table.Td>{t(`requestTypes.${r.requestType}`)}</Table.Td>
                <Table.Td>
                  <StatusBadge status={r.status} overdue={r.overdue} />
                </Table.Td>
                <Table.Td>{formatDate(r.dueAt, i18n.language)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}
