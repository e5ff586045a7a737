import { Layout } from '@cicu/web/Layout';
import { LoginPage } from '@cicu/web/LoginPage';
import { ScreenRoutes } from '@cicu/web/ScreenRoutes';
import { useTranslation } from 'react-i18next';
import { logIn, useSession } from '../auth/session';
import { SCREENS } from './features';

export function AppRoutes() {
  const { t } = useTranslation();
  const { officer, loading, loggedIn, logOut } = useSession();
  return (
    <ScreenRoutes
      screens={SCREENS}
      roles={officer?.roles}
      loading={loading}
      login={<LoginPage intro="auth.intro" logIn={logIn} loggedIn={loggedIn} />}
      frame={(navigation, content) => (
        <Layout navigation={navigation} userName={officer?.displayName} roleLabels={officer?.roles.map((r) => t(`roles.${r}`)) ?? []} logOut={logOut}>
          {content}
        </Layout>
      )}
    />
  );
}
