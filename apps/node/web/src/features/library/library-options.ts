import { AREAS } from '../../../../../../libs/protocol/src/codes';
import { LIBRARY_CATEGORIES, LIBRARY_LANGUAGES } from '../../../../../../libs/protocol/src/sharing/library';

export { AREAS, LIBRARY_CATEGORIES, LIBRARY_LANGUAGES };

type T = (key: string) => string;

/** Choices of the library's selects, labelled in the officer's language. */
export const categoryOptions = (t: T) => LIBRARY_CATEGORIES.map((c) => ({ value: c, label: t(`libraryCategories.${c}`) }));
export const areaOptions = (t: T) => AREAS.map((a) => ({ value: a, label: t(`areas.${a}`) }));

/** The 24 EU languages by their own ISO code, named by the browser (Intl) in the officer's language. */
export function languageOptions(language: string) {
  const names = new Intl.DisplayNames([language], { type: 'language' });
  return LIBRARY_LANGUAGES.map((code) => ({ value: code, label: names.of(code) ?? code })).sort((a, b) => a.label.localeCompare(b.label, language));
}

export const languageName = (code: string, language: string): string => new Intl.DisplayNames([language], { type: 'language' }).of(code) ?? code;

/** "1.2 MB" style size in the officer's language. */
export function formatSize(bytes: number, language: string): string {
  const [value, unit] = bytes >= 1_000_000 ? [bytes / 1_000_000, 'megabyte'] : bytes >= 1_000 ? [bytes / 1_000, 'kilobyte'] : [bytes, 'byte'];
  return new Intl.NumberFormat(language, { style: 'unit', unit, unitDisplay: 'short', maximumFractionDigits: 1 }).format(value);
}
