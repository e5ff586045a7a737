import de from './locales/de.json';
import en from './locales/en.json';
import fr from './locales/fr.json';

const keysOf = (messages: object, prefix = ''): string[] =>
  Object.entries(messages).flatMap(([key, value]) => (typeof value === 'object' && value !== null ? keysOf(value as object, `${prefix}${key}.`) : [`${prefix}${key}`]));

describe('message files', () => {
  it('French and German have exactly the English keys', () => {
    expect(keysOf(fr).sort()).toEqual(keysOf(en).sort());
    expect(keysOf(de).sort()).toEqual(keysOf(en).sort());
  });

  it('keep every interpolation of the English message', () => {
    const english = Object.fromEntries(keysOf(en).map((k) => [k, k.split('.').reduce<unknown>((o, p) => (o as Record<string, unknown>)[p], en) as string]));
    for (const messages of [fr, de]) {
      for (const [key, text] of Object.entries(english)) {
        const translated = key.split('.').reduce<unknown>((o, p) => (o as Record<string, unknown>)[p], messages) as string;
        expect({ key, vars: translated.match(/\{\{\w+\}\}/g)?.sort() ?? [] }).toEqual({ key, vars: text.match(/\{\{\w+\}\}/g)?.sort() ?? [] });
      }
    }
  });
});
