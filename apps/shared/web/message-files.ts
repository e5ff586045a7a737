import { type AppMessages, type Messages } from './i18n';

const keysOf = (messages: Messages, prefix = ''): string[] =>
  Object.entries(messages).flatMap(([key, value]) => (typeof value === 'object' ? keysOf(value, `${prefix}${key}.`) : [`${prefix}${key}`]));

const textAt = (messages: Messages, key: string): string | undefined => {
  const value = key.split('.').reduce<string | Messages | undefined>((node, part) => (typeof node === 'object' ? node[part] : undefined), messages);
  return typeof value === 'string' ? value : undefined;
};

const variables = (text: string | undefined): string[] => text?.match(/\{\{\w+\}\}/g)?.sort() ?? [];

/**
 * What is wrong with a set of message files, English being the reference: keys missing or
 * extra in French or German, interpolations ({{name}}) not kept. Empty when they agree.
 */
export function messageFileProblems(files: AppMessages): string[] {
  const english = keysOf(files.en);
  const problems: string[] = [];
  for (const language of ['fr', 'de'] as const) {
    const keys = new Set(keysOf(files[language]));
    for (const key of english) {
      if (!keys.has(key)) problems.push(`${language}: ${key} is missing`);
      else if (variables(textAt(files[language], key)).join() !== variables(textAt(files.en, key)).join()) problems.push(`${language}: ${key} does not keep the interpolations of the English message`);
    }
    for (const key of keys) if (!english.includes(key)) problems.push(`${language}: ${key} is not in the English file`);
  }
  return problems;
}
