import { Center, Loader } from '@mantine/core';
import { type ReactNode, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, Route, Routes } from 'react-router';
import { Layout } from './Layout';
import { type Screen, visibleTo } from './screens';

export interface ScreenRoutesProps {
  screens: readonly Screen[];
  /** Who is logged in; undefined: nobody (the login page is shown). */
  user: { name: string; roles: readonly string[]; roleLabels: readonly string[] } | undefined;
  loading: boolean;
  login: ReactNode;
  logOut: () => Promise<void>;
}

/** The login page, or the screens the user's roles may open, in the layout with its navigation. */
export function ScreenRoutes({ screens, user, loading, login, logOut }: ScreenRoutesProps) {
  const { t } = useTranslation();
  if (loading) {
    return (
      <Center h="100vh">
        <Loader aria-label={t('app.loading')} />
      </Center>
    );
  }
  if (user === undefined) return login;
  const visible = screens.filter((s) => visibleTo(s, user.roles));
  return (
    <Layout navigation={visible.filter((s) => s.nav !== undefined)} userName={user.name} roleLabels={user.roleLabels} logOut={logOut}>
      {/* A screen's chunk is fetched on its first visit (lazyScreen): the layout stays meanwhile. */}
      <Suspense fallback={<Loader aria-label={t('app.loading')} />}>
        <Routes>
          {visible.map((screen) => (
            <Route key={screen.path} path={screen.path} element={screen.element} />
          ))}
          <Route path="*" element={<Navigate to="/" replace />} />
        </Routes>
      </Suspense>
    </Layout>
  );
}
