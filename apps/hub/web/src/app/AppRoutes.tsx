import { LoginPage } from '@cicu/web/LoginPage';
import { ScreenRoutes } from '@cicu/web/ScreenRoutes';
import { useTranslation } from 'react-i18next';
import { PasswordChangePage } from '../auth/PasswordChangePage';
import { logIn, useSession } from '../auth/session';
import { SCREENS } from './features';

export function AppRoutes() {
  const { t } = useTranslation();
  const { admin, loading, loggedIn, logOut } = useSession();
  if (admin?.passwordChangeRequired === true) return <PasswordChangePage />;
  const user = admin && { name: admin.displayName, roles: [admin.role], roleLabels: [t(`roles.${admin.role}`)] };
  return <ScreenRoutes screens={SCREENS} user={user} loading={loading} login={<LoginPage intro="auth.intro" logIn={logIn} loggedIn={loggedIn} />} logOut={logOut} />;
}
