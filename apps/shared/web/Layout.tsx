import { AppShell, Burger, Button, Group, NavLink, SegmentedControl, Text, Title, VisuallyHidden } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import { LANGUAGES } from './i18n';
import { type Screen } from './screens';

export function LanguageSwitcher() {
  const { t, i18n } = useTranslation();
  return (
    <div>
      <VisuallyHidden id="language-label">{t('app.language')}</VisuallyHidden>
      <SegmentedControl
        size="xs"
        aria-labelledby="language-label"
        value={i18n.language}
        onChange={(language) => void i18n.changeLanguage(language)}
        data={LANGUAGES.map((l) => ({ value: l, label: l.toUpperCase() }))}
      />
    </div>
  );
}

export interface LayoutProps {
  /** The screens in the navigation (already those the user's roles see). */
  navigation: readonly Screen[];
  /** Who is logged in, as shown in the header ("Signed in as …"). */
  userName: string | undefined;
  roleLabels: readonly string[];
  logOut: () => Promise<void>;
  children: ReactNode;
}

export function Layout({ navigation, userName, roleLabels, logOut, children }: LayoutProps) {
  const { t } = useTranslation();
  const [opened, { toggle }] = useDisclosure();
  const location = useLocation();
  const active = (path: string) => (path === '/' ? location.pathname === '/' : location.pathname.startsWith(path));
  return (
    <AppShell header={{ height: 60 }} navbar={{ width: 230, breakpoint: 'sm', collapsed: { mobile: !opened } }} padding="md">
      <a href="#main" className="skip-link">
        {t('app.skipToContent')}
      </a>
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <Burger opened={opened} onClick={toggle} hiddenFrom="sm" size="sm" aria-label={t('nav.main')} />
            <Title order={1} size="h3">
              {t('app.title')}
            </Title>
          </Group>
          <Group gap="md" wrap="nowrap">
            <LanguageSwitcher />
            <Text size="sm" visibleFrom="sm">
              {t('auth.signedInAs', { name: userName })} ({roleLabels.join(', ')})
            </Text>
            <Button variant="default" size="xs" onClick={() => void logOut()}>
              {t('auth.logout')}
            </Button>
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs" component="nav" aria-label={t('nav.main')}>
        {navigation.map((screen) => (
          <NavLink key={screen.path} component={Link} to={screen.path} variant="filled" label={t(screen.nav!)} active={active(screen.path)} aria-current={active(screen.path) ? 'page' : undefined} />
        ))}
      </AppShell.Navbar>
      <AppShell.Main id="main" tabIndex={-1}>
        {children}
      </AppShell.Main>
    </AppShell>
  );
}
