import { Alert, Badge, Button, Code, Group, NativeSelect, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { errorText, issuesByField } from '@cicu/web/errors';
import { formatDate } from '@cicu/web/format';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { $api, api, type Schemas } from '../../api/client';
import { ActionModal, useAction } from '../../components/ActionModal';
import { useSession } from '../../auth/session';

type Key = Schemas['KeyStatusDto'];

/** RFC 5280 reason codes the hub accepts for a revocation (openapi/hub.json RevocationRequestDto). */
const REASONS = ['unspecified', 'key-compromise', 'superseded', 'cessation-of-operation'] as const;
const NODE_COLORS: Record<string, string> = { active: 'green', pending: 'yellow', suspended: 'orange' };
const KEY_COLORS: Record<Key['state'], string> = { active: 'green', retiring: 'yellow', 'not-yet-valid': 'blue', revoked: 'red', expired: 'gray', retired: 'gray' };

/** A `datetime-local` value (the coordinator's local time) as the hub's UTC timestamp; '' → now. */
function toUtc(local: string): string | undefined {
  if (local === '') return undefined;
  const at = new Date(local);
  return Number.isNaN(at.getTime()) ? local : at.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function StateBadge({ value, colors, label }: { value: string; colors: Record<string, string>; label: string }) {
  return (
    <Badge variant="light" color={colors[value] ?? 'gray'} c="dark.9" data-state={value}>
      {label}
    </Badge>
  );
}

/** Revocation of one key, from an effective time (default now), after a confirmation step. */
function RevokeKey({ keyStatus }: { keyStatus: Key }) {
  const { t } = useTranslation();
  const [opened, setOpened] = useState(false);
  const [effectiveAt, setEffectiveAt] = useState('');
  const [reason, setReason] = useState<(typeof REASONS)[number]>('unspecified');
  const action = useAction();
  const fields = issuesByField(action.error, ['/effectiveAt', '/reason']);
  const close = () => {
    setOpened(false);
    action.reset();
  };
  const confirm = async () => {
    const effective = toUtc(effectiveAt);
    const done = await action.run(() => api.POST('/v1/admin/keys/{kid}/revoke', { params: { path: { kid: keyStatus.kid } }, body: { ...(effective !== undefined && { effectiveAt: effective }), reason } }));
    if (done) setOpened(false);
  };
  return (
    <>
      <Button size="compact-sm" variant="default" color="red" onClick={() => setOpened(true)} aria-label={t('keys.revokeKey', { kid: keyStatus.kid })}>
        {t('keys.revoke')}
      </Button>
      <ActionModal opened={opened} title={t('keys.revokeTitle')} confirmLabel={t('keys.revokeConfirm')} error={action.error} busy={action.busy} danger onConfirm={() => void confirm()} onClose={close}>
        <Text>{t('keys.revokeText', { unit: keyStatus.unitId })}</Text>
        <Code block>{keyStatus.kid}</Code>
        <TextInput type="datetime-local" label={t('keys.effectiveAt')} description={t('keys.effectiveAtHint')} value={effectiveAt} onChange={(e) => setEffectiveAt(e.currentTarget.value)} error={fields['/effectiveAt']} />
        <NativeSelect label={t('keys.reason')} value={reason} onChange={(e) => setReason(e.currentTarget.value as (typeof REASONS)[number])} data={REASONS.map((r) => ({ value: r, label: t(`keys.reasons.${r}`) }))} error={fields['/reason']} />
      </ActionModal>
    </>
  );
}

function ApproveNode({ nodeId, unitId }: { nodeId: string; unitId: string }) {
  const { t } = useTranslation();
  const action = useAction();
  return (
    <Stack gap={4}>
      <Button size="compact-sm" loading={action.busy} onClick={() => void action.run(() => api.POST('/v1/admin/nodes/{id}/approve', { params: { path: { id: nodeId } } }))} aria-label={t('keys.approveNode', { unit: unitId })}>
        {t('keys.approve')}
      </Button>
      {action.error !== undefined && (
        <Text c="red.9" size="sm" role="alert">
          {errorText(t, action.error)}
        </Text>
      )}
    </Stack>
  );
}

/** Until when a key is valid, and the hub's warning when its end is near or past. */
function Expiry({ keyStatus, warningDays }: { keyStatus: Key; warningDays: number }) {
  const { t, i18n } = useTranslation();
  if (keyStatus.notAfter === null) return <>{t('keys.noExpiry')}</>;
  return (
    <Stack gap={2}>
      <span>{formatDate(keyStatus.notAfter, i18n.language)}</span>
      {keyStatus.warning !== null && (
        <Text size="sm" c={keyStatus.warning === 'expired' ? 'red.9' : undefined} fw={700} data-testid="key-warning" data-warning={keyStatus.warning}>
          {t(`keys.warnings.${keyStatus.warning}`, { days: Math.abs(keyStatus.expiresInDays ?? 0), warningDays })}
        </Text>
      )}
    </Stack>
  );
}

/**
 * The nodes of every unit with their keys. A rotation (started by the node: `npm run node --
 * rotate-keys`) shows as overlapping keys: the new one active, the one it supersedes retiring
 * until the end of the overlap window.
 */
export function NodesAndKeys() {
  const { t, i18n } = useTranslation();
  const { isCoordinator } = useSession();
  const listing = $api.useQuery('get', '/v1/admin/keys');
  if (listing.error) return <Alert color="red">{errorText(t, listing.error)}</Alert>;
  const keys = listing.data?.keys ?? [];
  const nodes = [...new Map(keys.map((k) => [k.nodeId, { id: k.nodeId, unitId: k.unitId, status: k.nodeStatus, keys: keys.filter((other) => other.nodeId === k.nodeId) }])).values()];
  const date = (iso: string | null) => (iso === null ? '—' : formatDate(iso, i18n.language));
  return (
    <Stack>
      <Title order={3}>{t('keys.title')}</Title>
      <Text>{t('keys.intro', { days: listing.data?.warningDays ?? '…' })}</Text>
      {nodes.map((node) => (
        <Stack key={node.id} gap="xs" data-testid={`node-${node.id}`}>
          <Group gap="sm">
            <Title order={4}>{t('keys.node', { unit: node.unitId })}</Title>
            <StateBadge value={node.status} colors={NODE_COLORS} label={t(`keys.nodeStatus.${node.status}`)} />
            <Code>{node.id}</Code>
            {isCoordinator && node.status === 'pending' && <ApproveNode nodeId={node.id} unitId={node.unitId} />}
          </Group>
          <Table striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('keys.kid')}</Table.Th>
                <Table.Th>{t('keys.use')}</Table.Th>
                <Table.Th>{t('keys.state')}</Table.Th>
                <Table.Th>{t('keys.validFrom')}</Table.Th>
                <Table.Th>{t('keys.expires')}</Table.Th>
                <Table.Th>{t('keys.rotation')}</Table.Th>
                {isCoordinator && <Table.Th>{t('members.actions')}</Table.Th>}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {node.keys.map((key) => (
                <Table.Tr key={key.kid} data-testid={`key-${key.kid}`}>
                  <Table.Td>
                    <Code>{key.kid.slice(0, 16)}…</Code>
                  </Table.Td>
                  <Table.Td>{t(`keys.uses.${key.use}`)}</Table.Td>
                  <Table.Td data-testid="key-state" data-state={key.state}>
                    <StateBadge value={key.state} colors={KEY_COLORS} label={t(`keys.states.${key.state}`)} />
                    {key.revokedAt !== null && <Text size="sm">{t('keys.revokedFrom', { at: date(key.revokedAt) })}</Text>}
                  </Table.Td>
                  <Table.Td>{date(key.notBefore)}</Table.Td>
                  <Table.Td>
                    <Expiry keyStatus={key} warningDays={listing.data?.warningDays ?? 0} />
                  </Table.Td>
                  <Table.Td>
                    {key.supersededBy !== null ? (
                      <Text size="sm">
                        {t('keys.supersededBy')} <Code>{key.supersededBy.slice(0, 16)}…</Code>
                        {key.retiresAt !== null && <> {t('keys.retiresAt', { at: date(key.retiresAt) })}</>}
                      </Text>
                    ) : (
                      '—'
                    )}
                  </Table.Td>
                  {isCoordinator && <Table.Td>{key.revokedAt === null && !['expired', 'retired'].includes(key.state) && <RevokeKey keyStatus={key} />}</Table.Td>}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Stack>
      ))}
    </Stack>
  );
}
