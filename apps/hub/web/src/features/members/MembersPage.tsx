import { Alert, Button, Group, Stack, Table, Text, Title } from '@mantine/core';
import { errorText } from '@cicu/web/errors';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { $api, api, type Unit } from '../../api/client';
import { useSession } from '../../auth/session';
import { ActionModal, useAction } from '../../components/ActionModal';
import { EnrollmentTokenButton } from './EnrollmentTokenButton';
import { NodesAndKeys } from './NodesAndKeys';
import { UnitStatusBadge } from './UnitStatusBadge';

type Transition = 'suspend' | 'reinstate' | 'retire';

/** What a coordinator may do to a unit in each status (the hub refuses the rest: UNIT_NOT_ACTIVE, UNIT_NOT_SUSPENDED, UNIT_RETIRED). */
const TRANSITIONS: Record<Unit['status'], readonly Transition[]> = { active: ['suspend', 'retire'], suspended: ['reinstate', 'retire'], retired: [] };

/** Suspend, reinstate or retire a unit, after the coordinator confirmed what it does. */
function UnitActions({ unit, onDone }: { unit: Unit; onDone: (notice: string) => void }) {
  const { t } = useTranslation();
  const [asked, setAsked] = useState<Transition | undefined>(undefined);
  const action = useAction();
  const close = () => {
    setAsked(undefined);
    action.reset();
  };
  const confirm = async (transition: Transition) => {
    if (!(await action.run(() => api.POST(`/v1/admin/units/{unitId}/${transition}`, { params: { path: { unitId: unit.id } } })))) return;
    setAsked(undefined);
    onDone(t(`members.done.${transition}`, { unit: unit.id }));
  };
  return (
    <Group gap="xs" justify="flex-end">
      {unit.status === 'active' && <EnrollmentTokenButton unitId={unit.id} />}
      {TRANSITIONS[unit.status].map((transition) => (
        <Button key={transition} size="compact-sm" variant={transition === 'reinstate' ? 'filled' : 'default'} color={transition === 'retire' ? 'red' : undefined} onClick={() => setAsked(transition)} aria-label={t(`members.actionOn.${transition}`, { unit: unit.id })}>
          {t(`members.action.${transition}`)}
        </Button>
      ))}
      {asked !== undefined && (
        <ActionModal opened title={t(`members.confirmTitle.${asked}`, { unit: unit.id })} confirmLabel={t(`members.action.${asked}`)} error={action.error} busy={action.busy} danger={asked === 'retire'} onConfirm={() => void confirm(asked)} onClose={close}>
          <Text>{t(`members.confirmText.${asked}`, { unit: unit.name })}</Text>
        </ActionModal>
      )}
    </Group>
  );
}

export function MembersPage() {
  const { t } = useTranslation();
  const { isCoordinator } = useSession();
  const [notice, setNotice] = useState<string | undefined>(undefined);
  const units = $api.useQuery('get', '/v1/admin/units');
  const states = $api.useQuery('get', '/v1/admin/member-states');
  const stateName = new Map((states.data ?? []).map((s) => [s.code, s.name]));
  return (
    <Stack maw={1100}>
      <Title order={2}>{t('members.title')}</Title>
      <Text>{isCoordinator ? t('members.intro') : t('members.introReadOnly')}</Text>
      <div aria-live="polite">{notice !== undefined && <Alert color="green">{notice}</Alert>}</div>
      {units.error && <Alert color="red">{errorText(t, units.error)}</Alert>}
      <Table striped highlightOnHover>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('members.unit')}</Table.Th>
            <Table.Th>{t('members.name')}</Table.Th>
            <Table.Th>{t('members.memberState')}</Table.Th>
            <Table.Th>{t('members.status')}</Table.Th>
            <Table.Th>{t('members.areas')}</Table.Th>
            {isCoordinator && <Table.Th>{t('members.actions')}</Table.Th>}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {(units.data ?? []).map((unit) => (
            <Table.Tr key={unit.id} data-testid={`unit-${unit.id}`}>
              <Table.Td>{unit.id}</Table.Td>
              <Table.Td>
                {unit.name}
                <Text size="xs" c="dimmed">
                  {unit.administration}
                </Text>
              </Table.Td>
              <Table.Td>{stateName.get(unit.memberState) ?? unit.memberState}</Table.Td>
              <Table.Td>
                <UnitStatusBadge status={unit.status} />
              </Table.Td>
              <Table.Td>{unit.areas.map((area) => t(`areas.${area}`)).join(', ')}</Table.Td>
              {isCoordinator && (
                <Table.Td>
                  <UnitActions unit={unit} onDone={setNotice} />
                </Table.Td>
              )}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <NodesAndKeys />
    </Stack>
  );
}
