import type { Candidate } from './finding';

/*
 * A person's name next to a date of birth. A birth keyword (English, French, German) followed by
 * a calendar date is searched first; a name is then looked for in a short window before it, so
 * every regular expression runs over bounded text and the scan stays linear.
 */
/** Month names and abbreviations in English, French and German. */
const MONTH_NUMBERS: Readonly<Record<string, number>> = {
  january: 1, jan: 1, janvier: 1, januar: 1, jänner: 1,
  february: 2, feb: 2, février: 2, fevrier: 2, februar: 2,
  march: 3, mar: 3, mars: 3, märz: 3, maerz: 3,
  april: 4, apr: 4, avril: 4,
  may: 5, mai: 5,
  june: 6, jun: 6, juin: 6, juni: 6,
  july: 7, jul: 7, juillet: 7, juli: 7,
  august: 8, aug: 8, août: 8, aout: 8,
  september: 9, sep: 9, sept: 9, septembre: 9,
  october: 10, oct: 10, octobre: 10, oktober: 10,
  november: 11, nov: 11, novembre: 11,
  december: 12, dec: 12, décembre: 12, decembre: 12, dezember: 12,
};
// Longest first, so that "sept" is not read as "sep" followed by a stray letter.
const MONTHS = Object.keys(MONTH_NUMBERS).sort((x, y) => y.length - x.length).join('|');

const DAY = '(0?[1-9]|[12]\\d|3[01])';
const YEAR = '((?:19|20)\\d{2})';
const DATE =
  `(?:${DAY}[./-](0?[1-9]|1[0-2])[./-]${YEAR}` + // 12.03.1985, 12/03/1985
  `|${YEAR}-(0[1-9]|1[0-2])-(0[1-9]|[12]\\d|3[01])` + // 1985-03-12
  `|${DAY}(?:\\.|er)?[ \\t]+(${MONTHS})\\.?[ \\t]+${YEAR}` + // 12 March 1985, 12. März 1985, 1er mars 1985
  `|(${MONTHS})\\.?[ \\t]+${DAY}(?:st|nd|rd|th)?,?[ \\t]+${YEAR})`; // March 12, 1985
const KEYWORD =
  '(?:born(?:[ \\t]+on)?|b\\.|d\\.?o\\.?b\\.?|date[ \\t]+of[ \\t]+birth|birth[ \\t]*date' +
  '|n[ée]e?(?:\\(e\\))?[ \\t]+le|date[ \\t]+de[ \\t]+naissance' +
  '|geboren(?:[ \\t]+am)?|geb\\.(?:[ \\t]+am)?|geburtsdatum)';
const BIRTH = new RegExp(`(?<![\\p{L}\\p{N}])${KEYWORD}[ \\t]*[:=\\-]?[ \\t]*${DATE}(?![\\p{N}])`, 'giu');

/** A capitalised word or an all-capitals surname, with hyphens and apostrophes (Jean-Luc, O'Neill). */
const TOKEN = "(?:\\p{Lu}(?:\\p{Ll}+|(?=['’]))(?:[-'’]\\p{Lu}?\\p{Ll}+)*|\\p{Lu}{2,}(?:[-'’]\\p{Lu}{2,})*)";
const PARTICLE = "(?:de|du|des|del|della|di|da|van|von|der|den|ter|ten|zu|le|la|d'|l')";
const NAME = new RegExp(`(?<![\\p{L}])${TOKEN}(?:[ \\t]+(?:${PARTICLE}[ \\t]+)*${TOKEN}){1,3}(?![\\p{L}])`, 'gu');

/** How far before the keyword a name may start, and how much may separate them. */
const WINDOW = 80;
const MAX_GAP = 40;

/**
 * Capitalised words that start sentences or name institutions and documents, not people
 * ("The Convention, born …"): leading ones are dropped, and a run that still holds one is no name.
 */
const NOT_NAMES = new Set(
  (
    'the this that these those a an our their his her le la les ce cette un une der die das ein eine dieser diese ' +
    'agreement convention regulation directive treaty act code union office service unit team project programme program version release platform tool ' +
    'company ltd gmbh inc accord règlement traité loi verordnung richtlinie abkommen vertrag gesetz amt zoll douane customs ministry ministère ministerium ' +
    'french german dutch belgian austrian polish swedish finnish czech hungarian italian spanish british ' +
    'european europe national federal république republic bundesrepublik state état staat council conseil rat commission kommission court cour gericht ' +
    'january february march april may june july august september october november december monday tuesday wednesday thursday friday saturday sunday'
  ).split(' '),
);
const TITLES = new Set(['mr', 'mrs', 'ms', 'dr', 'herr', 'frau', 'monsieur', 'madame', 'mme', 'm']);

function isCalendarDate(year: number, month: number, day: number): boolean {
  const days = [31, year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
  return month >= 1 && month <= 12 && day >= 1 && day <= (days[month - 1] ?? 0);
}

/** Year, month, day of the DATE alternative that matched (groups 1 to 12 of BIRTH). */
function dateOf(groups: readonly (string | undefined)[]): [number, number, number] {
  const n = (i: number) => Number(groups[i]);
  const month = (i: number) => MONTH_NUMBERS[(groups[i] ?? '').toLowerCase()] ?? 0;
  if (groups[1] !== undefined) return [n(3), n(2), n(1)];
  if (groups[4] !== undefined) return [n(4), n(5), n(6)];
  if (groups[7] !== undefined) return [n(9), month(8), n(7)];
  return [n(12), month(10), n(11)];
}

/** The last run of capitalised words in `window` that reads as a person's name. */
function lastName(window: string): { index: number; end: number; tokens: string[] } | undefined {
  let last: { index: number; end: number; tokens: string[] } | undefined;
  for (const match of window.matchAll(NAME)) {
    const words = [...match[0].matchAll(/\S+/g)].filter((w) => /^\p{Lu}/u.test(w[0]));
    // A leading article or institution word is dropped ("The Jean Dupont…" → "Jean Dupont").
    while (words.length > 0 && NOT_NAMES.has((words[0]?.[0] ?? '').toLowerCase())) words.shift();
    const lower = words.map((w) => w[0].toLowerCase());
    // "Herr Müller" is a name (a title and a surname); "Convention Board" is not.
    if (words.length >= 2 && lower.some((t) => !TITLES.has(t)) && lower.every((t) => TITLES.has(t) || !NOT_NAMES.has(t))) {
      const tokens = words.map((w) => w[0]).filter((_, i) => !TITLES.has(lower[i] ?? ''));
      last = { index: match.index + (words[0]?.index ?? 0), end: match.index + match[0].length, tokens };
    }
  }
  return last;
}

export function detectNamesWithBirthDates(text: string): Candidate[] {
  const found: Candidate[] = [];
  for (const match of text.matchAll(BIRTH)) {
    const [year, month, day] = dateOf(match);
    if (!isCalendarDate(year, month, day)) continue;
    const from = Math.max(0, match.index - WINDOW);
    const window = text.slice(from, match.index);
    const name = lastName(window);
    // Name and keyword in the same sentence, close together ("Jean DUPONT (né le …", "John Smith, DOB: …").
    const gap = name === undefined ? '' : window.slice(name.end);
    if (name === undefined || gap.length > MAX_GAP || /[.!?\n]/.test(gap)) continue;
    const initials = name.tokens.map((t) => `${[...t][0] ?? ''}.`).join(' ');
    found.push({ kind: 'NAME_WITH_BIRTH_DATE', start: from + name.index, end: match.index + match[0].length, excerpt: `${initials} ****-**-**`, ignored: false });
  }
  return found;
}
