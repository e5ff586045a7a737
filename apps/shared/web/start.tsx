import '@mantine/core/styles.css';
import './styles.css';
import type { ComponentType, ReactNode } from 'react';
import { createRoot } from 'react-dom/client';
import { type AppMessages, initI18n } from './i18n';
import { WebApp } from './WebApp';

export interface WebAppParts {
  /** The app's own messages (the shared ones come with them). */
  messages: AppMessages;
  /** The app's session context (createSession). */
  Session: ComponentType<{ children: ReactNode }>;
  /** The login page or the screens. */
  Routes: ComponentType;
}

/** Renders a web app into #root: its messages, the shared providers, its session and screens. */
export function startWebApp({ messages, Session, Routes }: WebAppParts): void {
  initI18n(messages);
  createRoot(document.getElementById('root')!).render(
    <WebApp>
      <Session>
        <Routes />
      </Session>
    </WebApp>,
  );
}
