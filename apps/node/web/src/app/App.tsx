import { WebApp } from '@cicu/web/WebApp';
import { SessionProvider } from '../auth/session';
import { AppRoutes } from './AppRoutes';

export function App() {
  return (
    <WebApp>
      <SessionProvider>
        <AppRoutes />
      </SessionProvider>
    </WebApp>
  );
}
