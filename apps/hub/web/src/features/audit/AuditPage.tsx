import { Alert, Badge, Button, Card, Code, Group, NumberInput, Stack, Table, Text, Title, VisuallyHidden } from '@mantine/core';
import { errorText } from '@cicu/web/errors';
import { formatDate } from '@cicu/web/format';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { type JSONWebKeySet } from 'jose';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { $api, api } from '../../api/client';
import { checkInclusion, type InclusionCheck } from './check-inclusion';
import { verifyTreeHead } from './tree-head';

const PAGE = 25;

interface Entry {
  index: number;
  type: string;
  recordedAt: string;
  actor?: { kind: string; accountId?: string; unitId?: string; nodeId?: string };
}

function actorText(actor: Entry['actor']): string {
  if (actor === undefined) return '';
  return [actor.kind, actor.unitId ?? actor.accountId ?? ''].filter((p) => p !== '').join(' ');
}

/** The latest signed tree head, its signature checked here with the hub's published key. */
function TreeHeadCard() {
  const { t, i18n } = useTranslation();
  const queries = useQueryClient();
  const head = $api.useQuery('get', '/v1/audit/tree-heads/latest', {}, { retry: false });
  const keys = $api.useQuery('get', '/.well-known/jwks.json');
  const jws = head.data?.jws;
  const signed = useQuery({
    queryKey: ['tree-head-verified', jws, keys.data],
    enabled: jws !== undefined && keys.data !== undefined,
    queryFn: async () => (await verifyTreeHead(jws!, keys.data as JSONWebKeySet)) ?? null,
  });
  const sign = async () => {
    await api.POST('/v1/audit/tree-heads');
    await queries.invalidateQueries();
  };
  return (
    <Card withBorder data-testid="tree-head">
      <Group justify="space-between">
        <Title order={3}>{t('audit.treeHead')}</Title>
        <Button variant="default" size="xs" onClick={() => void sign()}>
          {t('audit.signNow')}
        </Button>
      </Group>
      {head.error ? (
        <Text mt="sm">{errorText(t, head.error)}</Text>
      ) : signed.data === null ? (
        <Alert color="red" mt="sm" data-testid="tree-head-signature" data-verified="false">
          {t('audit.signatureInvalid')}
        </Alert>
      ) : signed.data === undefined ? null : (
        <Stack gap={4} mt="sm">
          <Group gap="xs">
            <Badge variant="light" color="green" c="dark.9" data-testid="tree-head-signature" data-verified="true">
              {t('audit.signatureVerified')}
            </Badge>
          </Group>
          <Text size="sm">{t('audit.treeSize', { size: signed.data.treeSize })}</Text>
          <Text size="sm">{t('audit.signedAt', { at: formatDate(signed.data.timestamp, i18n.language) })}</Text>
          <Text size="sm">
            {t('audit.root')} <Code>{signed.data.rootHash}</Code>
          </Text>
        </Stack>
      )}
    </Card>
  );
}

function CheckResult({ check }: { check: InclusionCheck }) {
  const { t } = useTranslation();
  if (check.status === 'not-covered') {
    return (
      <Alert color="yellow" data-testid="inclusion-result" data-verified="false">
        {t('audit.notCovered', { index: check.leafIndex, size: check.treeSize })}
      </Alert>
    );
  }
  if (check.status === 'not-verified') {
    return (
      <Alert color="red" title={t('audit.notVerified')} data-testid="inclusion-result" data-verified="false">
        {t(`audit.reasons.${check.reason}`, { index: check.leafIndex })}
      </Alert>
    );
  }
  return (
    <Alert color="green" title={t('audit.verified')} data-testid="inclusion-result" data-verified="true">
      <Stack gap={4}>
        <Text size="sm">{t('audit.verifiedText', { index: check.leafIndex, type: check.type, size: check.treeSize, steps: check.proofLength })}</Text>
        <Text size="sm">
          {t('audit.leafHash')} <Code>{check.leafHash}</Code>
        </Text>
        <Text size="sm">
          {t('audit.root')} <Code>{check.rootHash}</Code>
        </Text>
      </Stack>
    </Alert>
  );
}

export function AuditPage() {
  const { t, i18n } = useTranslation();
  const head = $api.useQuery('get', '/v1/audit/tree-heads/latest', {}, { retry: false });
  const newest = Math.max(0, (head.data?.treeSize ?? 0) - PAGE);
  const [from, setFrom] = useState<number | undefined>(undefined);
  const start = from ?? newest;
  const leaves = $api.useQuery('get', '/v1/audit/leaves', { params: { query: { from: start, count: PAGE } } }, { enabled: head.isFetched });
  const [leafIndex, setLeafIndex] = useState<number | string>('');
  const [check, setCheck] = useState<InclusionCheck | undefined>(undefined);
  const [checking, setChecking] = useState(false);

  const run = async (index: number) => {
    setLeafIndex(index);
    setChecking(true);
    setCheck(undefined);
    try {
      setCheck(await checkInclusion(index));
    } finally {
      setChecking(false);
    }
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (typeof leafIndex === 'number') void run(leafIndex);
  };
  const entries = (leaves.data?.leaves ?? []).map((leaf) => JSON.parse(leaf.canonical) as Entry).reverse();

  return (
    <Stack maw={1100}>
      <Title order={2}>{t('audit.title')}</Title>
      <Text>{t('audit.intro')}</Text>
      <TreeHeadCard />
      <Card withBorder>
        <form onSubmit={submit}>
          <Stack>
            <Title order={3}>{t('audit.checkTitle')}</Title>
            <Text size="sm">{t('audit.checkIntro')}</Text>
            <Group align="flex-end">
              <NumberInput id="leaf-index" label={t('audit.leafIndex')} min={0} allowDecimal={false} allowNegative={false} value={leafIndex} onChange={setLeafIndex} w={200} />
              <Button type="submit" loading={checking} disabled={typeof leafIndex !== 'number'}>
                {t('audit.check')}
              </Button>
            </Group>
            <div aria-live="polite">{check !== undefined && <CheckResult check={check} />}</div>
          </Stack>
        </form>
      </Card>
      <Title order={3}>{t('audit.events')}</Title>
      {leaves.error && <Alert color="red">{errorText(t, leaves.error)}</Alert>}
      <Table striped>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('audit.index')}</Table.Th>
            <Table.Th>{t('audit.recordedAt')}</Table.Th>
            <Table.Th>{t('audit.type')}</Table.Th>
            <Table.Th>{t('audit.actor')}</Table.Th>
            <Table.Th>
              <VisuallyHidden>{t('audit.check')}</VisuallyHidden>
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {entries.map((entry) => (
            <Table.Tr key={entry.index} data-testid={`audit-entry-${entry.index}`}>
              <Table.Td>{entry.index}</Table.Td>
              <Table.Td>{formatDate(entry.recordedAt, i18n.language)}</Table.Td>
              <Table.Td>
                <Code>{entry.type}</Code>
              </Table.Td>
              <Table.Td>{actorText(entry.actor)}</Table.Td>
              <Table.Td>
                <Button size="compact-xs" variant="default" onClick={() => void run(entry.index)} aria-label={t('audit.checkEntry', { index: entry.index })}>
                  {t('audit.check')}
                </Button>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Group>
        <Button variant="default" disabled={start === 0} onClick={() => setFrom(Math.max(0, start - PAGE))}>
          {t('audit.older')}
        </Button>
        <Button variant="default" disabled={leaves.data?.next === undefined} onClick={() => setFrom(leaves.data?.next)}>
          {t('audit.newer')}
        </Button>
      </Group>
    </Stack>
  );
}
