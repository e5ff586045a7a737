import { Alert, Anchor, Button, Group, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { errorText, issuesByField } from '@cicu/web/errors';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { $api, api } from '../../api/client';
import { ActionModal, useAction } from '../../components/ActionModal';
import { useSession } from '../../auth/session';
import { AgreementForm, type AgreementTerms, emptyTerms } from './AgreementForm';
import { EndButton } from './EndDialog';
import { emptyLegalBasis, type LegalBasis, LegalBasisForm } from './LegalBasisForm';

/** "2026-01-01 – open" style period of a version or a basis. */
export function usePeriod() {
  const { t } = useTranslation();
  return (from: string, to: string | null) => `${from} – ${to ?? t('agreements.noEnd')}`;
}

function NewLegalBasis() {
  const { t } = useTranslation();
  const [opened, setOpened] = useState(false);
  const [basis, setBasis] = useState<LegalBasis>(emptyLegalBasis);
  const action = useAction();
  const create = async () => {
    if (await action.run(() => api.POST('/v1/admin/legal-bases', { body: basis }))) {
      setOpened(false);
      setBasis(emptyLegalBasis());
    }
  };
  return (
    <>
      <Button onClick={() => setOpened(true)}>{t('legalBases.new')}</Button>
      <ActionModal opened={opened} title={t('legalBases.new')} confirmLabel={t('legalBases.create')} error={action.error} busy={action.busy} onConfirm={() => void create()} onClose={() => setOpened(false)}>
        <LegalBasisForm basis={basis} onChange={setBasis} error={action.error} />
      </ActionModal>
    </>
  );
}

function NewAgreement() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [opened, setOpened] = useState(false);
  const [id, setId] = useState('');
  const [terms, setTerms] = useState<AgreementTerms>(emptyTerms);
  const action = useAction();
  const create = async () => {
    if (await action.run(() => api.POST('/v1/admin/agreements', { body: { id, ...terms } }))) void navigate(`/agreements/${encodeURIComponent(id)}`);
  };
  return (
    <>
      <Button onClick={() => setOpened(true)}>{t('agreements.new')}</Button>
      <ActionModal opened={opened} title={t('agreements.new')} confirmLabel={t('agreements.create')} error={action.error} busy={action.busy} onConfirm={() => void create()} onClose={() => setOpened(false)}>
        <TextInput label={t('agreements.fields.id')} description={t('agreements.fields.idHint')} required value={id} onChange={(e) => setId(e.currentTarget.value)} error={issuesByField(action.error, ['/id'])['/id']} />
        <AgreementForm terms={terms} onChange={setTerms} error={action.error} />
      </ActionModal>
    </>
  );
}

/** The legal bases and the agreements between units: what every request must rest on. */
export function AgreementsPage() {
  const { t } = useTranslation();
  const { isCoordinator } = useSession();
  const period = usePeriod();
  const agreements = $api.useQuery('get', '/v1/admin/agreements');
  const bases = $api.useQuery('get', '/v1/admin/legal-bases');
  return (
    <Stack maw={1100}>
      <Title order={2}>{t('agreements.title')}</Title>
      <Text>{isCoordinator ? t('agreements.intro') : t('agreements.introReadOnly')}</Text>
      {(agreements.error ?? bases.error) && <Alert color="red">{errorText(t, agreements.error ?? bases.error)}</Alert>}
      <Group justify="space-between">
        <Title order={3}>{t('agreements.listTitle')}</Title>
        {isCoordinator && <NewAgreement />}
      </Group>
      <Table striped>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('agreements.agreement')}</Table.Th>
            <Table.Th>{t('agreements.fields.parties')}</Table.Th>
            <Table.Th>{t('agreements.version')}</Table.Th>
            <Table.Th>{t('agreements.inForce')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {(agreements.data ?? []).map((a) => (
            <Table.Tr key={a.id} data-testid={`agreement-${a.id}`}>
              <Table.Td>
                <Anchor component={Link} to={`/agreements/${encodeURIComponent(a.id)}`}>
                  {a.id}
                </Anchor>
                <Text size="sm">{a.title}</Text>
              </Table.Td>
              <Table.Td>{a.parties.join(', ')}</Table.Td>
              <Table.Td>{a.version}</Table.Td>
              <Table.Td>{period(a.validFrom, a.validTo)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Group justify="space-between">
        <Title order={3}>{t('legalBases.title')}</Title>
        {isCoordinator && <NewLegalBasis />}
      </Group>
      <Table striped>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('legalBases.basis')}</Table.Th>
            <Table.Th>{t('legalBases.fields.officialReference')}</Table.Th>
            <Table.Th>{t('agreements.fields.requestTypes')}</Table.Th>
            <Table.Th>{t('agreements.inForce')}</Table.Th>
            {isCoordinator && <Table.Th>{t('members.actions')}</Table.Th>}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {(bases.data ?? []).map((b) => (
            <Table.Tr key={b.id} data-testid={`legal-basis-${b.id}`}>
              <Table.Td>
                {b.id}
                <Text size="sm">
                  {b.instrument}, {b.article}: {b.title}
                </Text>
              </Table.Td>
              <Table.Td>{b.officialReference}</Table.Td>
              <Table.Td>{b.requestTypes.map((type) => t(`requestTypes.${type}`)).join(', ')}</Table.Td>
              <Table.Td>{period(b.validFrom, b.validTo)}</Table.Td>
              {isCoordinator && (
                <Table.Td>
                  <EndButton what={b.id} label={t('legalBases.endBasis', { id: b.id })} end={(validTo) => api.POST('/v1/admin/legal-bases/{legalBasisId}/end', { params: { path: { legalBasisId: b.id } }, body: { validTo } })} />
                </Table.Td>
              )}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}
