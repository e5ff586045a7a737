import { Center, Loader } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, Route, Routes } from 'react-router';
import { type Screen, visibleTo } from './screens';

export interface ScreenRoutesProps {
  screens: readonly Screen[];
  /** The logged-in user's roles; undefined: nobody is logged in. */
  roles: readonly string[] | undefined;
  loading: boolean;
  login: ReactNode;
  /** The frame around the screens (header, navigation), given the screens the roles see in it. */
  frame: (navigation: readonly Screen[], content: ReactNode) => ReactNode;
}

/** The login page, or the screens the user's roles may open inside the app's frame. */
export function ScreenRoutes({ screens, roles, loading, login, frame }: ScreenRoutesProps) {
  const { t } = useTranslation();
  if (loading) {
    return (
      <Center h="100vh">
        <Loader aria-label={t('app.loading')} />
      </Center>
    );
  }
  if (roles === undefined) return login;
  const visible = screens.filter((s) => visibleTo(s, roles));
  return frame(
    visible.filter((s) => s.nav !== undefined),
    <Routes>
      {visible.map((screen) => (
        <Route key={screen.path} path={screen.path} element={screen.element} />
      ))}
      <Route path="*" element={<Navigate to="/" replace />} />
    </Routes>,
  );
}
