import { Alert, Button, Center, Paper, PasswordInput, Stack, Text, Title } from '@mantine/core';
import { errorText } from '@cicu/web/errors';
import { useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';

/**
 * An account on a one-time password (bootstrap, or created by a coordinator) may do nothing
 * else until it chose its own (PASSWORD_CHANGE_REQUIRED on every other route).
 */
export function PasswordChangePage() {
  const { t } = useTranslation();
  const queries = useQueryClient();
  const [currentPassword, setCurrent] = useState('');
  const [newPassword, setNew] = useState('');
  const [error, setError] = useState<unknown>(undefined);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(undefined);
    const { error: refused, response } = await api.POST('/v1/admin/auth/password', { body: { currentPassword, newPassword } });
    if (response.ok) await queries.invalidateQueries();
    else setError(refused);
  };

  return (
    <Center mih="100vh" p="md">
      <Paper component="main" withBorder shadow="sm" p="xl" w={440} maw="100%">
        <form onSubmit={(e) => void submit(e)}>
          <Stack>
            <Title order={1} size="h2">
              {t('password.title')}
            </Title>
            <Text size="sm">{t('password.intro')}</Text>
            {error !== undefined && (
              <Alert color="red" role="alert">
                {errorText(t, error)}
              </Alert>
            )}
            <PasswordInput id="current-password" label={t('password.current')} autoComplete="current-password" required value={currentPassword} onChange={(e) => setCurrent(e.currentTarget.value)} />
            <PasswordInput id="new-password" label={t('password.new')} description={t('password.rule')} autoComplete="new-password" required minLength={12} value={newPassword} onChange={(e) => setNew(e.currentTarget.value)} />
            <Button type="submit">{t('password.submit')}</Button>
          </Stack>
        </form>
      </Paper>
    </Center>
  );
}
