import { Alert, Button, Code, CopyButton, Group, Modal, Stack, Text } from '@mantine/core';
import { errorText } from '@cicu/web/errors';
import { formatDate } from '@cicu/web/format';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type Schemas } from '../../api/client';
import { useAction } from '../../components/ActionModal';

/**
 * Issues a one-time enrolment token for a unit. The hub keeps only its hash, so the token is
 * shown in this dialog once: closing it forgets it (nothing stores it, no query caches it).
 */
export function EnrollmentTokenButton({ unitId }: { unitId: string }) {
  const { t, i18n } = useTranslation();
  const [issued, setIssued] = useState<Schemas['EnrollmentTokenDto'] | undefined>(undefined);
  const [opened, setOpened] = useState(false);
  const action = useAction();
  const issue = async () => {
    setOpened(true);
    await action.run(async () => {
      const { data, error } = await api.POST('/v1/admin/units/{unitId}/enrollment-tokens', { params: { path: { unitId } }, body: {} });
      if (data !== undefined) setIssued(data);
      return { error };
    });
  };
  const close = () => {
    setIssued(undefined);
    setOpened(false);
    action.reset();
  };
  return (
    <>
      <Button size="compact-sm" variant="default" loading={action.busy} onClick={() => void issue()} aria-label={t('keys.issueTokenFor', { unit: unitId })}>
        {t('keys.issueToken')}
      </Button>
      <Modal opened={opened} onClose={close} title={t('keys.tokenTitle', { unit: unitId })} size="lg" closeButtonProps={{ 'aria-label': t('dialog.close') }}>
        <Stack>
          {action.error !== undefined && (
            <Alert color="red" role="alert">
              {errorText(t, action.error)}
            </Alert>
          )}
          {issued !== undefined && (
            <>
              <Text>{t('keys.tokenOnce')}</Text>
              <Code block data-testid="enrollment-token">
                {issued.token}
              </Code>
              <Text size="sm">{t('keys.tokenUse', { expires: formatDate(issued.expiresAt, i18n.language) })}</Text>
              <Code block>npm run node -- enroll {window.location.origin} &lt;token&gt;</Code>
            </>
          )}
          <Group justify="flex-end">
            {issued !== undefined && (
              <CopyButton value={issued.token}>{({ copied, copy }) => <Button onClick={copy} variant={copied ? 'filled' : 'default'}>{copied ? t('keys.copied') : t('keys.copy')}</Button>}</CopyButton>
            )}
            <Button onClick={close}>{t('keys.done')}</Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}
