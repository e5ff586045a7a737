import { startWebApp } from '@cicu/web/start';
import { SessionProvider } from './auth/session';
import { AppRoutes } from './app/AppRoutes';
import { HUB_MESSAGES } from './i18n';

startWebApp({ messages: HUB_MESSAGES, Session: SessionProvider, Routes: AppRoutes });
