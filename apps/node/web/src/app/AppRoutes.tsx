import { LoginPage } from '@cicu/web/LoginPage';
import { ScreenRoutes } from '@cicu/web/ScreenRoutes';
import { useTranslation } from 'react-i18next';
import { logIn, useSession } from '../auth/session';
import { SCREENS } from './features';

export function AppRoutes() {
  const { t } = useTranslation();
  const { officer, loading, loggedIn, logOut } = useSession();
  const user = officer && { name: officer.displayName, roles: officer.roles, roleLabels: officer.roles.map((r) => t(`roles.${r}`)) };
  return <ScreenRoutes screens={SCREENS} user={user} loading={loading} login={<LoginPage intro="auth.intro" logIn={logIn} loggedIn={loggedIn} />} logOut={logOut} />;
}
