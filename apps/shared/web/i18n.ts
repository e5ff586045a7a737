import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import de from './locales/de.json';
import en from './locales/en.json';
import fr from './locales/fr.json';

export const LANGUAGES = ['en', 'fr', 'de'] as const;
export type Language = (typeof LANGUAGES)[number];
export type Messages = { [key: string]: string | Messages };
export type AppMessages = Record<Language, Messages>;

/** The messages both web apps use (login, layout, common refusals, the protocol's codes). */
export const SHARED_MESSAGES: AppMessages = { en, fr, de };

const STORAGE_KEY = 'cicu.language';

/** `extra` merged into `base`, section by section: an app adds keys to a shared section. */
export function mergeMessages(base: Messages, extra: Messages): Messages {
  const merged: Messages = { ...base };
  for (const [key, value] of Object.entries(extra)) {
    const current = merged[key];
    merged[key] = typeof value === 'object' && typeof current === 'object' ? mergeMessages(current, value) : value;
  }
  return merged;
}

/** The language kept from last time, else the browser's first supported one, else English. */
function initialLanguage(): Language {
  const kept = localStorage.getItem(STORAGE_KEY);
  if ((LANGUAGES as readonly string[]).includes(kept ?? '')) return kept as Language;
  const browser = navigator.languages.map((l) => l.slice(0, 2)).find((l) => (LANGUAGES as readonly string[]).includes(l));
  return (browser as Language | undefined) ?? 'en';
}

/** i18next with the shared messages and the app's own; the choice of language is kept in localStorage. */
export function initI18n(app: AppMessages): typeof i18next {
  const resources = Object.fromEntries(LANGUAGES.map((l) => [l, { translation: mergeMessages(SHARED_MESSAGES[l], app[l]) }]));
  void i18next.use(initReactI18next).init({
    resources,
    lng: initialLanguage(),
    fallbackLng: 'en',
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  document.documentElement.lang = i18next.language;
  i18next.on('languageChanged', (language) => {
    localStorage.setItem(STORAGE_KEY, language);
    document.documentElement.lang = language;
  });
  return i18next;
}
