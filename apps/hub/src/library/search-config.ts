import { type LibraryLanguage } from '@cicu/protocol';

/**
 * The PostgreSQL text-search configuration that stems each document language (Snowball
 * stemmers shipped with PostgreSQL 15 and PGlite alike); languages without one use 'simple'
 * (lower-cased words, no stemming). Estonian has a stemmer from PostgreSQL 16 only.
 */
export const SEARCH_CONFIGS: Readonly<Record<LibraryLanguage, string>> = {
  bg: 'simple',
  cs: 'simple',
  da: 'danish',
  de: 'german',
  el: 'greek',
  en: 'english',
  es: 'spanish',
  et: 'simple',
  fi: 'finnish',
  fr: 'french',
  ga: 'irish',
  hr: 'simple',
  hu: 'hungarian',
  it: 'italian',
  lt: 'lithuanian',
  lv: 'simple',
  mt: 'simple',
  nl: 'dutch',
  pl: 'simple',
  pt: 'portuguese',
  ro: 'romanian',
  sk: 'simple',
  sl: 'simple',
  sv: 'swedish',
};

/** Every configuration a query is parsed with: a word matches as any language stems it, or as written. */
export const QUERY_CONFIGS: readonly string[] = [...new Set([...Object.values(SEARCH_CONFIGS), 'simple'])].sort();
