import { Center, Loader } from '@mantine/core';
import { Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, Route, Routes } from 'react-router';
import { LoginPage } from '../auth/LoginPage';
import { useSession } from '../auth/session';
import { Layout } from './Layout';
import { SCREENS, visibleTo } from './features';

export function AppRoutes() {
  const { officer, loading } = useSession();
  const { t } = useTranslation();
  if (loading) {
    return (
      <Center h="100vh">
        <Loader aria-label={t('app.loading')} />
      </Center>
    );
  }
  if (officer === undefined) return <LoginPage />;
  return (
    <Layout>
      {/* A screen's chunk is fetched on its first visit (features.tsx): the layout stays meanwhile. */}
      <Suspense fallback={<Loader aria-label={t('app.loading')} />}>
        <Routes>
          {SCREENS.filter((s) => visibleTo(s, officer.roles)).map((screen) => (
            <Route key={screen.path} path={screen.path} element={screen.element} />
          ))}
          <Route path="*" element={<Navigate to="/" replace />} />
        </Routes>
      </Suspense>
    </Layout>
  );
}
