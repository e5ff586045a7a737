import { Center, Loader } from '@mantine/core';
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
      <Routes>
        {SCREENS.filter((s) => visibleTo(s, officer.roles)).map((screen) => (
          <Route key={screen.path} path={screen.path} element={screen.element} />
        ))}
        <Route path="*" element={<Navigate to="/" replace />} />
      </Routes>
    </Layout>
  );
}
