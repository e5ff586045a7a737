import '@mantine/core/styles.css';
import '@cicu/web/styles.css';
import { initI18n } from '@cicu/web/i18n';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { NODE_MESSAGES } from './i18n';

initI18n(NODE_MESSAGES);
createRoot(document.getElementById('root')!).render(<App />);
