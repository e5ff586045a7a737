import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import de from './locales/de.json';
import en from './locales/en.json';
import fr from './locales/fr.json';

export const LANGUAGES = ['en', 'fr', 'de'] as const;
export type Language = (typeof LANGUAGES)[number];
export const RESOURCES = { en: { translation: en }, fr: { translation: fr }, de: { translation: de } } as const;

const STORAGE_KEY = 'cicu.language';

/** The language kept from last time, else the browser's first supported one, else English. */
function initialLanguage(): Language {
  const kept = localStorage.getItem(STORAGE_KEY);
  if ((LANGUAGES as readonly string[]).includes(kept ?? '')) return kept as Language;
  const browser = navigator.languages.map((l) => l.slice(0, 2)).find((l) => (LANGUAGES as readonly string[]).includes(l));
  return (browser as Language | undefined) ?? 'en';
}

export function initI18n(): typeof i18next {
  void i18next.use(initReactI18next).init({
    resources: RESOURCES,
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
