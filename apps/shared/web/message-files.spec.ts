import { SHARED_MESSAGES, mergeMessages } from './i18n';
import { messageFileProblems } from './message-files';

describe('shared message files', () => {
  it('French and German have exactly the English keys and interpolations', () => {
    expect(messageFileProblems(SHARED_MESSAGES)).toEqual([]);
  });

  it('a missing key, an extra key and a lost interpolation are each reported', () => {
    const en = { a: { b: 'Hello {{name}}', c: 'x' } };
    expect(messageFileProblems({ en, fr: { a: { b: 'Bonjour', d: 'y' } }, de: en })).toEqual([
      'fr: a.b does not keep the interpolations of the English message',
      'fr: a.c is missing',
      'fr: a.d is not in the English file',
    ]);
  });
});

describe('mergeMessages', () => {
  it('adds an app\'s keys to the shared sections without dropping the shared ones', () => {
    expect(mergeMessages({ app: { loading: 'Loading' }, errors: { NOT_FOUND: 'Not found' } }, { app: { title: 'Hub' }, errors: { NOT_FOUND: 'No such unit' } })).toEqual({
      app: { loading: 'Loading', title: 'Hub' },
      errors: { NOT_FOUND: 'No such unit' },
    });
  });
});
