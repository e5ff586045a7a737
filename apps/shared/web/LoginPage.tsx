import { Alert, Button, Center, Group, Paper, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type Tokens } from './api';
import { errorText } from './errors';
import { LanguageSwitcher } from './Layout';

export interface LoginPageProps {
  /** i18n key of the sentence under the title (who logs in here, with what). */
  intro: string;
  /** POSTs the credentials: the tokens, or the refusal to show. */
  logIn: (username: string, password: string) => Promise<{ tokens: Tokens } | { error: unknown }>;
  loggedIn: (tokens: Tokens) => void;
}

export function LoginPage({ intro, logIn, loggedIn }: LoginPageProps) {
  const { t } = useTranslation();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<unknown>(undefined);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    const result = await logIn(username, password);
    setBusy(false);
    if ('tokens' in result) loggedIn(result.tokens);
    else setError(result.error);
  };

  return (
    <Center mih="100vh" p="md">
      <Paper component="main" withBorder shadow="sm" p="xl" w={400} maw="100%">
        <form onSubmit={(e) => void submit(e)}>
          <Stack>
            <Group justify="space-between">
              <Title order={1} size="h2">
                {t('auth.title')}
              </Title>
              <LanguageSwitcher />
            </Group>
            <Text size="sm">{t(intro)}</Text>
            {error !== undefined && (
              <Alert color="red" role="alert">
                {errorText(t, error)}
              </Alert>
            )}
            <TextInput id="username" label={t('auth.username')} autoComplete="username" required value={username} onChange={(e) => setUsername(e.currentTarget.value)} />
            <PasswordInput id="password" label={t('auth.password')} autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.currentTarget.value)} />
            <Button type="submit" loading={busy}>
              {t('auth.submit')}
            </Button>
          </Stack>
        </form>
      </Paper>
    </Center>
  );
}
