import { Button, Text, TextInput } from '@mantine/core';
import { issuesByField } from '@cicu/web/errors';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ActionModal, useAction } from '../../components/ActionModal';

/** Ending an agreement or a legal basis: its last day in force (UTC, inclusive), after a confirmation step. */
export function EndButton({ what, label, end }: { what: string; label: string; end: (validTo: string) => Promise<{ error?: unknown }> }) {
  const { t } = useTranslation();
  const [opened, setOpened] = useState(false);
  const [validTo, setValidTo] = useState(new Date().toISOString().slice(0, 10));
  const action = useAction();
  const close = () => {
    setOpened(false);
    action.reset();
  };
  const confirm = async () => {
    if (await action.run(() => end(validTo))) setOpened(false);
  };
  return (
    <>
      <Button size="compact-sm" variant="default" color="red" onClick={() => setOpened(true)} aria-label={label}>
        {t('agreements.end')}
      </Button>
      <ActionModal opened={opened} title={label} confirmLabel={t('agreements.end')} error={action.error} busy={action.busy} danger onConfirm={() => void confirm()} onClose={close}>
        <Text>{t('agreements.endText', { what })}</Text>
        <TextInput type="date" label={t('agreements.fields.validTo')} required value={validTo} onChange={(e) => setValidTo(e.currentTarget.value)} error={issuesByField(action.error, ['/validTo'])['/validTo']} />
      </ActionModal>
    </>
  );
}
