import { Alert, Badge, Button, Card, Code, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { errorText } from '@cicu/web/errors';
import { formatDate } from '@cicu/web/format';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { $api, api } from '../../api/client';
import { useSession } from '../../auth/session';
import { UnitStatusBadge } from '../members/UnitStatusBadge';

/** The directory version a node reported, against the hub's: behind means it has not taken the latest changes yet. */
function DirectoryVersion({ held, current }: { held: number | null; current: number }) {
  const { t } = useTranslation();
  if (held === null) return <Text size="sm">{t('deliveries.versionUnknown')}</Text>;
  const behind = held < current;
  return (
    <Badge color={behind ? 'red.9' : 'green.9'} variant="filled" data-behind={behind}>
      {t(behind ? 'deliveries.versionBehind' : 'deliveries.versionCurrent', { held, current })}
    </Badge>
  );
}

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
    const { error } = await api.POST('/v1/admin/delivery/{messageId}/retry', { params: { path: { messageId: id } } });
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
  const status = $api.useQuery('get', '/v1/admin/delivery');
  const undeliverable = $api.useQuery('get', '/v1/admin/delivery/undeliverable', {}, { refetchInterval: 10_000 });
  // The per-unit counts come with the queue's status, another call: it is read again whenever
  // the list of undeliverable messages (polled every 10 s) is newer, so the two never disagree
  // for long (not while a read of it is under way: that one is as new).
  const { refetch: refetchStatus, dataUpdatedAt: statusAt, isFetching: statusFetching } = status;
  const listedAt = undeliverable.dataUpdatedAt;
  useEffect(() => {
    if (listedAt > statusAt && !statusFetching) void refetchStatus();
  }, [listedAt, statusAt, statusFetching, refetchStatus]);
  const date = (iso: string | null) => (iso === null ? '—' : formatDate(iso, i18n.language));
  if (status.error) return <Alert color="red">{errorText(t, status.error)}</Alert>;
  const s = status.data;
  const messages = undeliverable.data?.items ?? [];
  return (
    <Stack maw={1100}>
      <Title order={2}>{t('deliveries.title')}</Title>
      <Text>{t('deliveries.intro')}</Text>
      {s !== undefined && (
        <>
          <Title order={3}>{t('deliveries.queue')}</Title>
          <SimpleGrid cols={{ base: 2, sm: 4 }}>
            <Figure label={t('deliveries.waiting')} value={s.queue.waiting} testId="queue-waiting" />
            <Figure label={t('deliveries.active')} value={s.queue.active} testId="queue-active" />
            <Figure label={t('deliveries.delayed')} value={s.queue.delayed} testId="queue-delayed" />
            <Figure label={t('deliveries.failed')} value={s.queue.failed} testId="queue-failed" />
          </SimpleGrid>
          <Title order={3}>{t('deliveries.perUnit')}</Title>
          {s.units.length === 0 ? (
            <Text>{t('deliveries.nothingWaiting')}</Text>
          ) : (
            <Table striped>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('members.unit')}</Table.Th>
                  <Table.Th>{t('members.status')}</Table.Th>
                  <Table.Th>{t('deliveries.node')}</Table.Th>
                  <Table.Th>{t('deliveries.pending')}</Table.Th>
                  <Table.Th>{t('deliveries.undeliverable')}</Table.Th>
                  <Table.Th>{t('deliveries.oldestPending')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {s.units.map((unit) => (
                  <Table.Tr key={unit.unitId} data-testid={`deliveries-${unit.unitId}`}>
                    <Table.Td>{unit.unitId}</Table.Td>
                    <Table.Td>
                      <UnitStatusBadge status={unit.unitStatus} />
                    </Table.Td>
                    <Table.Td>{unit.nodeId === null ? t('deliveries.noActiveNode') : <Code>{unit.nodeId}</Code>}</Table.Td>
                    <Table.Td>{unit.pending}</Table.Td>
                    <Table.Td data-testid="undeliverable-count">{unit.undeliverable}</Table.Td>
                    <Table.Td>{date(unit.oldestPendingAt)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
          <Title order={3}>{t('deliveries.nodes')}</Title>
          <Table striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('members.unit')}</Table.Th>
                <Table.Th>{t('deliveries.nodeId')}</Table.Th>
                <Table.Th>{t('members.status')}</Table.Th>
                <Table.Th>{t('deliveries.lastSeen')}</Table.Th>
                <Table.Th>{t('deliveries.directoryVersion')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {s.nodes.map((node) => (
                <Table.Tr key={node.nodeId} data-testid={`node-health-${node.nodeId}`}>
                  <Table.Td>{node.unitId}</Table.Td>
                  <Table.Td>
                    <Code>{node.nodeId}</Code>
                  </Table.Td>
                  <Table.Td>{t(`keys.nodeStatus.${node.status}`)}</Table.Td>
                  <Table.Td data-testid="last-seen" data-seen={node.lastSeenAt !== null}>
                    {node.lastSeenAt === null ? t('deliveries.neverSeen') : date(node.lastSeenAt)}
                  </Table.Td>
                  <Table.Td data-testid="directory-version">
                    <DirectoryVersion held={node.directoryVersion} current={s.directoryVersion} />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          <Text size="sm">{t('deliveries.notRecorded', { at: date(s.generatedAt) })}</Text>
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
      {messages.length === 0 ? (
        <Text>{t('deliveries.noneUndeliverable')}</Text>
      ) : (
        <Table striped>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('deliveries.message')}</Table.Th>
              <Table.Th>{t('deliveries.kind')}</Table.Th>
              <Table.Th>{t('deliveries.route')}</Table.Th>
              <Table.Th>{t('deliveries.received')}</Table.Th>
              <Table.Th>{t('deliveries.attempts')}</Table.Th>
              {isCoordinator && <Table.Th>{t('members.actions')}</Table.Th>}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {messages.map((m) => (
              <Table.Tr key={m.messageId} data-testid={`undeliverable-${m.messageId}`}>
                <Table.Td>
                  <Code>{m.messageId}</Code>
                </Table.Td>
                <Table.Td>{t(`deliveries.kinds.${m.kind}`, { defaultValue: m.kind })}</Table.Td>
                <Table.Td>
                  {m.fromUnit} → {m.toUnit}
                </Table.Td>
                <Table.Td>{date(m.receivedAt)}</Table.Td>
                <Table.Td>{m.deliveryAttempts}</Table.Td>
                {isCoordinator && (
                  <Table.Td>
                    <RetryButton id={m.messageId} onDone={setOutcome} />
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
