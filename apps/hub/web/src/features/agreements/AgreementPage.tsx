import { Alert, Anchor, Button, Group, List, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { errorText } from '@cicu/web/errors';
import { formatDate } from '@cicu/web/format';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { $api, api, type Schemas } from '../../api/client';
import { ActionModal, useAction } from '../../components/ActionModal';
import { useSession } from '../../auth/session';
import { AgreementForm, type AgreementTerms, termsOf } from './AgreementForm';
import { usePeriod } from './AgreementsPage';
import { EndButton } from './EndDialog';

/** An amendment restates the terms, prefilled with the current version's: the hub records it as the next version. */
function Amend({ agreement }: { agreement: Schemas['AgreementDto'] }) {
  const { t } = useTranslation();
  const [terms, setTerms] = useState<AgreementTerms | undefined>(undefined);
  const action = useAction();
  const close = () => {
    setTerms(undefined);
    action.reset();
  };
  const amend = async () => {
    if (terms !== undefined && (await action.run(() => api.POST('/v1/admin/agreements/{agreementId}/amendments', { params: { path: { agreementId: agreement.id } }, body: terms })))) setTerms(undefined);
  };
  return (
    <>
      <Button onClick={() => setTerms(termsOf(agreement))}>{t('agreements.amend')}</Button>
      <ActionModal opened={terms !== undefined} title={t('agreements.amendTitle', { id: agreement.id, version: agreement.version + 1 })} confirmLabel={t('agreements.amendConfirm')} error={action.error} busy={action.busy} onConfirm={() => void amend()} onClose={close}>
        {terms !== undefined && <AgreementForm terms={terms} onChange={setTerms} error={action.error} />}
      </ActionModal>
    </>
  );
}

function Terms({ agreement }: { agreement: Schemas['AgreementDto'] }) {
  const { t } = useTranslation();
  const period = usePeriod();
  const row = (label: string, value: string) => (
    <div>
      <Text fw={700} size="sm">
        {label}
      </Text>
      <Text>{value}</Text>
    </div>
  );
  return (
    <SimpleGrid cols={{ base: 1, sm: 2 }}>
      {row(t('agreements.fields.parties'), agreement.parties.join(', '))}
      {row(t('agreements.inForce'), period(agreement.validFrom, agreement.validTo))}
      {row(t('agreements.fields.requestTypes'), agreement.requestTypes.map((type) => t(`requestTypes.${type}`)).join(', '))}
      {row(t('agreements.fields.areas'), agreement.areas.map((area) => t(`areas.${area}`)).join(', '))}
      {row(t('agreements.fields.legalBases'), agreement.legalBases.join(', '))}
      {row(t('agreements.fields.maxPriority'), t(`priorities.${agreement.maxPriority}`))}
      {row(t('agreements.fields.dueTimes'), (['routine', 'urgent', 'immediate'] as const).map((p) => `${t(`priorities.${p}`)} ${agreement.dueTimes[p]}`).join(', '))}
      <div>
        <Text fw={700} size="sm">
          {t('agreements.fields.contactPoints')}
        </Text>
        <List size="sm">
          {agreement.contactPoints.map((c) => (
            <List.Item key={`${c.unitId}-${c.function}`}>
              {c.unitId}: {c.function}
              {c.email !== undefined && ` <${c.email}>`}
            </List.Item>
          ))}
        </List>
      </div>
    </SimpleGrid>
  );
}

/** One agreement: its current terms and every version the hub recorded (a message keeps the version it was routed under). */
export function AgreementPage() {
  const { t, i18n } = useTranslation();
  const { isCoordinator } = useSession();
  const period = usePeriod();
  const { id = '' } = useParams();
  const path = { params: { path: { agreementId: id } } };
  const agreement = $api.useQuery('get', '/v1/admin/agreements/{agreementId}', path);
  const versions = $api.useQuery('get', '/v1/admin/agreements/{agreementId}/versions', path);
  const a = agreement.data;
  return (
    <Stack maw={1100}>
      <Anchor component={Link} to="/agreements">
        {t('agreements.back')}
      </Anchor>
      {agreement.error && <Alert color="red">{errorText(t, agreement.error)}</Alert>}
      {a !== undefined && (
        <>
          <Title order={2}>{a.title}</Title>
          <Text>{t('agreements.currentVersion', { id: a.id, version: a.version, at: formatDate(a.recordedAt, i18n.language) })}</Text>
          {isCoordinator && (
            <Group>
              <Amend agreement={a} />
              <EndButton what={a.id} label={t('agreements.endAgreement', { id: a.id })} end={(validTo) => api.POST('/v1/admin/agreements/{agreementId}/end', { ...path, body: { validTo } })} />
            </Group>
          )}
          <Terms agreement={a} />
        </>
      )}
      <Title order={3}>{t('agreements.versions')}</Title>
      <Table striped>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('agreements.version')}</Table.Th>
            <Table.Th>{t('agreements.fields.title')}</Table.Th>
            <Table.Th>{t('agreements.inForce')}</Table.Th>
            <Table.Th>{t('agreements.recordedAt')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {(versions.data ?? []).map((v) => (
            <Table.Tr key={v.version} data-testid={`version-${v.version}`}>
              <Table.Td>{v.version}</Table.Td>
              <Table.Td>{v.title}</Table.Td>
              <Table.Td>{period(v.validFrom, v.validTo)}</Table.Td>
              <Table.Td>{formatDate(v.recordedAt, i18n.language)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}
