import { Alert, Button, Card, Code, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { errorText } from '@cicu/web/errors';
import { formatDate } from '@cicu/web/format';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { $api, api } from '../../api/client';
import { useSession } from '../../auth/session';
import { UnitStatusBadge } from '../members/UnitStatusBadge';

function Figure({ label, value, testId }: { label: string; value: number; testId: string }) {
  return (
    <Card withBorder padding="md" data-testid={testId}>
      <Text size="sm">{label}</Text>
      <Text fz={28} fw={700}>
        {value}
      </Text>
    </Card>
  );
}

/** Retry of one undeliverable message (coordinators): a new round of delivery attempts. */
function RetryButton({ id, onDone }: { id: string; onDone: (result: { notice: string } | { error: unknown }) => void }) {
  const { t } = useTranslation();
  const queries = useQueryClient();
  const [busy, setBusy] = useState(false);
  const retry = async () => {
    setBusy(true);
    const { error } = await api.POST('/v1/admin/deliveries/{messageId}/retry', { params: { path: { messageId: id } } });
    setBusy(false);
    await queries.invalidateQueries();
    onDone(error === undefined ? { notice: t('deliveries.retried', { id }) } : { error });
  };
  return (
    <Button size="compact-sm" variant="default" loading={busy} onClick={() => void retry()} aria-label={t('deliveries.retryMessage', { id })}>
      {t('deliveries.retry')}
    </Button>
  );
}

export function DeliveriesPage() {
  const { t, i18n } = useTranslation();
  const { isCoordinator } = useSession();
  const [outcome, setOutcome] = useState<{ notice: string } | { error: unknown } | undefined>(undefined);
  const overview = $api.useQuery('get', '/v1/admin/deliveries', {}, { refetchInterval: 10_000 });
  const undeliverable = $api.useQuery('get', '/v1/admin/deliveries/undeliverable', {}, { refetchInterval: 10_000 });
  const date = (iso: string | null) => (iso === null ? '—' : formatDate(iso, i18n.language));
  if (overview.error) return <Alert color="red">{errorText(t, overview.error)}</Alert>;
  const o = overview.data;
  return (
    <Stack maw={1100}>
      <Title order={2}>{t('deliveries.title')}</Title>
      <Text>{t('deliveries.intro')}</Text>
      {o !== undefined && (
        <>
          <Title order={3}>{t('deliveries.queue')}</Title>
          <SimpleGrid cols={{ base: 2, sm: 4 }}>
            <Figure label={t('deliveries.waiting')} value={o.queue.waiting} testId="queue-waiting" />
            <Figure label={t('deliveries.active')} value={o.queue.active} testId="queue-active" />
            <Figure label={t('deliveries.delayed')} value={o.queue.delayed} testId="queue-delayed" />
            <Figure label={t('deliveries.failed')} value={o.queue.failed} testId="queue-failed" />
          </SimpleGrid>
          <Title order={3}>{t('deliveries.perUnit')}</Title>
          <Table striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('members.unit')}</Table.Th>
                <Table.Th>{t('members.status')}</Table.Th>
                <Table.Th>{t('deliveries.nodes')}</Table.Th>
                <Table.Th>{t('deliveries.accepted')}</Table.Th>
                <Table.Th>{t('deliveries.delivered')}</Table.Th>
                <Table.Th>{t('deliveries.undeliverable')}</Table.Th>
                <Table.Th>{t('deliveries.oldestPending')}</Table.Th>
                <Table.Th>{t('deliveries.lastSent')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {o.units.map((unit) => (
                <Table.Tr key={unit.unitId} data-testid={`deliveries-${unit.unitId}`}>
                  <Table.Td>{unit.unitId}</Table.Td>
                  <Table.Td>
                    <UnitStatusBadge status={unit.unitStatus} />
                  </Table.Td>
                  <Table.Td>{unit.nodes.length === 0 ? t('deliveries.noNode') : unit.nodes.map((n) => t(`nodeStatus.${n.status}`)).join(', ')}</Table.Td>
                  <Table.Td>{unit.accepted}</Table.Td>
                  <Table.Td>{unit.delivered}</Table.Td>
                  <Table.Td data-testid="undeliverable-count">{unit.undeliverable}</Table.Td>
                  <Table.Td>{date(unit.oldestPendingAt)}</Table.Td>
                  <Table.Td>{date(unit.lastSentAt)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          <Text size="sm">{t('deliveries.notRecorded')}</Text>
        </>
      )}
      <Title order={3}>{t('deliveries.undeliverableTitle')}</Title>
      <div aria-live="polite">
        {outcome !== undefined &&
          ('notice' in outcome ? (
            <Alert color="green">{outcome.notice}</Alert>
          ) : (
            <Alert color="red" role="alert">
              {errorText(t, outcome.error)}
            </Alert>
          ))}
      </div>
      {(undeliverable.data ?? []).length === 0 ? (
        <Text>{t('deliveries.noneUndeliverable')}</Text>
      ) : (
        <Table striped>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('deliveries.message')}</Table.Th>
              <Table.Th>{t('deliveries.route')}</Table.Th>
              <Table.Th>{t('deliveries.type')}</Table.Th>
              <Table.Th>{t('deliveries.received')}</Table.Th>
              <Table.Th>{t('deliveries.attempts')}</Table.Th>
              {isCoordinator && <Table.Th>{t('members.actions')}</Table.Th>}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {(undeliverable.data ?? []).map((m) => (
              <Table.Tr key={m.id} data-testid={`undeliverable-${m.id}`}>
                <Table.Td>
                  <Code>{m.id}</Code>
                </Table.Td>
                <Table.Td>
                  {m.fromUnit} → {m.toUnit}
                </Table.Td>
                <Table.Td>{m.requestType === null ? t(`deliveries.kinds.${m.kind}`, { defaultValue: m.kind }) : t(`requestTypes.${m.requestType}`)}</Table.Td>
                <Table.Td>{date(m.receivedAt)}</Table.Td>
                <Table.Td>{m.deliveryAttempts}</Table.Td>
                {isCoordinator && (
                  <Table.Td>
                    <RetryButton id={m.id} onDone={setOutcome} />
                  </Table.Td>
                )}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}
