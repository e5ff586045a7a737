import { Alert, Anchor, Card, Group, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { $api } from '../../api/client';
import { errorText } from '@cicu/web/errors';
import { useSession } from '../../auth/session';

function Count({ label, value, to, testId }: { label: string; value: number; to: string; testId: string }) {
  return (
    <Card withBorder padding="md" component={Link} to={to} data-testid={testId}>
      <Text size="sm">{label}</Text>
      <Text fz={32} fw={700} aria-label={`${label}: ${value}`}>
        {value}
      </Text>
    </Card>
  );
}

export function DashboardPage() {
  const { t } = useTranslation();
  const { hasRole } = useSession();
  const dashboard = $api.useQuery('get', '/v1/dashboard', {}, { refetchInterval: 15_000 });
  if (dashboard.error) return <Alert color="red">{errorText(t, dashboard.error)}</Alert>;
  const d = dashboard.data;
  if (d === undefined) return null;
  const statuses = Object.entries(d.myRequests.byStatus);
  return (
    <Stack>
      <Title order={2}>{t('dashboard.title')}</Title>
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }}>
        <Count label={t('dashboard.incomingNew')} value={d.incoming.new} to="/inbox" testId="count-incoming-new" />
        <Count label={t('dashboard.assignedToMe')} value={d.incoming.assignedToMe} to="/inbox?mine=true" testId="count-assigned" />
        <Count label={t('dashboard.incomingOverdue')} value={d.incoming.overdue} to="/inbox" testId="count-incoming-overdue" />
        <Count label={t('dashboard.myOverdue')} value={d.myRequests.overdue} to="/requests" testId="count-my-overdue" />
        {hasRole('supervisor') && <Count label={t('dashboard.awaitingMyApproval')} value={d.awaitingMyApproval} to="/approvals" testId="count-approvals" />}
      </SimpleGrid>
      <Title order={3}>{t('dashboard.myByStatus')}</Title>
      {statuses.length === 0 ? (
        <Text>{t('dashboard.none')}</Text>
      ) : (
        <Table maw={480} striped>
          <Table.Tbody>
            {statuses.map(([status, n]) => (
              <Table.Tr key={status}>
                <Table.Td>
                  <Anchor component={Link} to={`/requests?status=${status}`}>
                    {t(`status.${status}`)}
                  </Anchor>
                </Table.Td>
                <Table.Td>
                  <Group justify="flex-end">{n}</Group>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}
