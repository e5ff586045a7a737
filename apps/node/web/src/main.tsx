import { startWebApp } from '@cicu/web/start';
import { SessionProvider } from './auth/session';
import { AppRoutes } from './app/AppRoutes';
import { NODE_MESSAGES } from './i18n';

startWebApp({ messages: NODE_MESSAGES, Session: SessionProvider, Routes: AppRoutes });
