import { type AppMessages } from '@cicu/web/i18n';
import de from './locales/de.json';
import en from './locales/en.json';
import fr from './locales/fr.json';

/** The hub app's own messages; the shared ones (apps/shared/web/locales) come with them. */
export const HUB_MESSAGES: AppMessages = { en, fr, de };
