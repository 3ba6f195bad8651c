/**
 * Person names: how a written author name becomes something a query can match.
 *
 * People type names the way they remember them: without accents (`jose` for `José`), with
 * or without the hyphen in a given name (`Cho Jui Hsieh`, `cho-jui hsieh`, `ChoJui Hsieh`),
 * as initials (`C. Hsieh`, `C.-J. Hsieh`, `XY Han`), or just the surname. Data files write
 * them with stray marks (`Hui Xue'`, `Tianyi Zhang*`, `Yi Wu†`), nicknames in parentheses,
 * suffixes (`Hal Daumé III`), particles (`Benjamin Van Durme`) and the odd all-capitals
 * name (`LIU YONG`). This module turns both sides into {@link NameForm}s and decides how
 * well a query form matches a person form ({@link matchTier}). It does no indexing; see
 * `author-index.ts`.
 *
 * Precision comes first: `Ming Li` never matches `Xiaoming Li` or `Mingjie Li` (a given
 * name is compared whole, never as a prefix or substring).
 */
import { foldText } from './analyze.ts';

/** Letters NFKD does not decompose, written the way people type them on a plain keyboard. */
const SPECIAL_LETTERS: Readonly<Record<string, string>> = {
  ł: 'l',
  ø: 'o',
  đ: 'd',
  ð: 'd',
  ß: 'ss',
  æ: 'ae',
  œ: 'oe',
  ı: 'i',
  þ: 'th',
};
const SPECIAL_LETTERS_RE = /[łøđðßæœıþ]/g;

/**
 * Lower-case letters and digits only, without diacritics: the comparison form of one word
 * of a name (`Ballé` → `balle`, `Miłos` → `milos`, `O'Boyle` → `oboyle`, `Xue'` → `xue`).
 */
export function foldNameWord(word: string): string {
  if (/^[A-Za-z0-9]*$/.test(word)) return word.toLowerCase();
  return foldText(word)
    .replace(SPECIAL_LETTERS_RE, (c) => SPECIAL_LETTERS[c] ?? c)
    .replace(/[^\p{L}\p{N}]+/gu, '');
}

/**
 * Lower-case particles that belong to a surname (`van Durme`, `de Freitas`, `Al Khatib`).
 * They are ignored when comparing given names, and a surname is also indexed with them
 * (`vandurme`). `bin` is left out on purpose: it is a common Chinese given name (`Xue Bin Peng`).
 */
const PARTICLES: ReadonlySet<string> = new Set(
  'van von de der den del della da das dos di du le la ter ten al el'.split(' '),
);

/** Generational suffixes dropped from the end of a name (`Hal Daumé III`). */
const SUFFIXES: ReadonlySet<string> = new Set(['jr', 'sr', 'ii', 'iii', 'iv']);

/**
 * One way of reading a name as given names + surname, reduced to the strings matching needs.
 * A name has one form, or more when it is ambiguous (particles, all-capitals order, nickname).
 */
export interface NameForm {
  /** Folded surname, hyphens removed (`Ragan-Kelley` → `ragankelley`). */
  surname: string;
  /** Every given-name part joined (`Cho-Jui`, `Cho Jui`, `ChoJui` → `chojui`; `X.Y.` → `xy`). */
  given: string;
  /** The spelled-out given parts joined, without initials and particles (`Kilian Q.` → `kilian`). */
  spelled: string;
  /** First letters of the given parts, particles excluded (`Cho-Jui` → `cj`). */
  initials: string;
  /** First letters of the spelled-out parts only (`J. Zico` → `z`). */
  spelledInitials: string;
  /** The parts written as initials only (`Kilian Q.` → `q`). */
  abbreviated: string;
  /** The first spelled-out given part (`Cho-Jui` → `cho`), or '' when there is none. */
  firstGiven: string;
}

/** A parsed name: the identity key plus every form it can be read in (the first is primary). */
export interface ParsedName {
  /**
   * Identity of a person: the primary form's given names and surname, folded
   * (`Cho-Jui Hsieh`, `cho jui hsieh` and `ChoJui Hsieh` all give `chojui hsieh`).
   */
  key: string;
  forms: NameForm[];
  /** Parts of a hyphenated surname (`lacoste`, `julien`), for a surname-part fallback. */
  surnameParts: string[];
  /** How many words the name has; a query of two or more may be typed surname first. */
  words: number;
}

interface GivenPart {
  folded: string;
  initial: boolean;
  particle: boolean;
}

/** Lower→upper inside a word: a joined given name that kept its capitals (`ChoJui`). */
const CAMEL_RE = /(?<=\p{Ll})(?=\p{Lu})/u;

/** Cuts `Cho-Jui` and `ChoJui` into parts. */
function splitGivenWord(word: string, allCaps: boolean): string[] {
  const pieces = word.includes('-') ? word.split('-').filter((p) => p !== '') : [word];
  if (allCaps) return pieces;
  return pieces.flatMap((p) => p.split(CAMEL_RE));
}

/**
 * Reads `XY`, `JG`, `cj` as initials run together: two or three letters, no vowel (every
 * romanised given name has one), written in one case. In a name written all in capitals
 * (`QI JU`) capitals say nothing, so only lower-case words count there.
 */
function isRunOfInitials(word: string, folded: string, allCaps: boolean): boolean {
  if (folded.length < 2 || folded.length > 3 || /[aeiou]/.test(folded)) return false;
  return word === word.toLowerCase() || (!allCaps && word === word.toUpperCase());
}

function givenParts(words: readonly string[], allCaps: boolean): GivenPart[] {
  const parts: GivenPart[] = [];
  words.forEach((word, w) => {
    const folded = foldNameWord(word);
    if (w > 0 && PARTICLES.has(folded)) {
      parts.push({ folded, initial: false, particle: true });
    } else if (isRunOfInitials(word, folded, allCaps)) {
      for (const c of folded) parts.push({ folded: c, initial: true, particle: false });
    } else {
      for (const piece of splitGivenWord(word, allCaps)) {
        const part = foldNameWord(piece);
        if (part !== '') parts.push({ folded: part, initial: part.length === 1, particle: false });
      }
    }
  });
  return parts;
}

function formOf(given: readonly GivenPart[], surname: string): NameForm {
  const form: NameForm = {
    surname,
    given: '',
    spelled: '',
    initials: '',
    spelledInitials: '',
    abbreviated: '',
    firstGiven: '',
  };
  for (const { folded, initial, particle } of given) {
    form.given += folded;
    if (particle) continue;
    form.initials += folded[0];
    if (initial) {
      form.abbreviated += folded;
    } else {
      if (form.firstGiven === '') form.firstGiven = folded;
      form.spelled += folded;
      form.spelledInitials += folded[0];
    }
  }
  return form;
}

/** Characters that never belong to a name; ASCII-only text takes the cheaper expression. */
const NOT_NAME_ASCII_RE = /[^A-Za-z0-9-]/g;
const NOT_NAME_RE = /[^\p{L}\p{N}-]/gu;
// Tab, newline and the like are control characters too, but blanks between words: they stay.
const INVISIBLE_RE = /(?![\t\n\v\f\r])[\p{Cc}\p{Cf}]/gu;
const APOSTROPHES_RE = /['’‘`´ʼ]/g;
const NON_ASCII_RE = /[^\x20-\x7e]/;

/**
 * Splits a written name into words: nicknames in parentheses, apostrophes, stray marks
 * (`*`, `†`, a lone `-`) and invisible characters go; `X.Y.` becomes `X. Y.`; `Last, First`
 * is turned round.
 */
function nameWords(written: string): { words: string[]; nicknames: string[] } {
  const ascii = !NON_ASCII_RE.test(written);
  let text = ascii ? written : written.replace(INVISIBLE_RE, '');
  const nicknames: string[] = [];
  if (text.includes('(')) {
    for (const m of text.matchAll(/\(([^)]*)\)/g)) nicknames.push(m[1] ?? '');
    text = text.replace(/\([^)]*\)/g, ' ');
  }
  text = text.replace(APOSTROPHES_RE, '');
  if (text.includes(',')) text = turnRound(text);
  const words: string[] = [];
  for (const raw of text.replace(/\./g, ' ').split(/\s+/)) {
    const word = raw.replace(ascii ? NOT_NAME_ASCII_RE : NOT_NAME_RE, '').replace(/^-+|-+$/g, '');
    if (word !== '') words.push(word);
  }
  while (words.length >= 3 && SUFFIXES.has(foldNameWord(words[words.length - 1] ?? ''))) {
    words.pop();
  }
  return { words, nicknames };
}

/** `Hsieh, Cho-Jui` → `Cho-Jui Hsieh`; `King, Jr.` → `King`. */
function turnRound(text: string): string {
  const [before = '', after = '', ...more] = text.split(',');
  if (more.length > 0 || after.trim() === '') return text.replace(/,/g, ' ');
  return SUFFIXES.has(foldNameWord(after)) ? before : `${after} ${before}`;
}

/**
 * Parses a written name (from a data file or a query) into its identity key and forms.
 *
 * Forms beyond the primary `given… surname` reading:
 * - particles before the surname also form a longer surname (`Van Durme` → `vandurme`);
 * - a name written all in capitals with two words (`LIU YONG`) is also read surname first,
 *   since that is how such names are usually written; the person keeps one key;
 * - a nickname in parentheses (`Krishnamurthy (Dj) Dvijotham`) is also a given name.
 *
 * Returns `undefined` for text with no letters or digits.
 */
export function parseName(written: string): ParsedName | undefined {
  const { words, nicknames } = nameWords(written);
  const last = words[words.length - 1];
  if (last === undefined) return undefined;
  const letters = words.join('');
  const allCaps = letters === letters.toUpperCase() && letters !== letters.toLowerCase();
  const givenWords = words.slice(0, -1);
  const surname = foldNameWord(last);
  const primary = formOf(givenParts(givenWords, allCaps), surname);
  const forms = [primary];

  let firstParticle = givenWords.length;
  while (firstParticle > 0 && PARTICLES.has(foldNameWord(givenWords[firstParticle - 1] ?? ''))) {
    firstParticle--;
  }
  if (firstParticle < givenWords.length) {
    const longSurname = words.slice(firstParticle).map(foldNameWord).join('');
    forms.push(formOf(givenParts(givenWords.slice(0, firstParticle), allCaps), longSurname));
  }
  if (allCaps && words.length === 2) {
    forms.push(formOf(givenParts([last], allCaps), foldNameWord(words[0] ?? '')));
  }
  for (const nickname of nicknames) {
    const nickWords = nickname.split(/\s+/).filter((w) => foldNameWord(w) !== '');
    if (nickWords.length > 0) forms.push(formOf(givenParts(nickWords, allCaps), surname));
  }
  const hyphenParts = last.split('-').map(foldNameWord);
  return {
    key: primary.given === '' ? surname : `${primary.given} ${surname}`,
    forms: forms.filter((f) => f.surname !== ''),
    surnameParts: hyphenParts.length > 1 ? hyphenParts.filter((p) => p.length > 1) : [],
    words: words.length,
  };
}

/** The identity key of a written name (see {@link ParsedName.key}), or '' for no name. */
export function personKey(written: string): string {
  return parseName(written)?.key ?? '';
}

/**
 * The written name read surname first (`Hsieh Cho-Jui` → `Cho-Jui Hsieh`), for a query that
 * matched nobody as typed. Undefined for a one-word name.
 */
export function surnameFirstReading(written: string): string | undefined {
  const { words } = nameWords(written);
  if (words.length < 2) return undefined;
  return [...words.slice(1), words[0]].join(' ');
}

/**
 * How well a query matched a person, best first. The order is the ranking: the exact person
 * before a namesake with a middle initial, before initials, before everyone sharing a surname.
 */
export const MatchTier = {
  /** Same given names and surname once folded (`cho jui hsieh` = `Cho-Jui Hsieh`). */
  Exact: 0,
  /** Same spelled-out given names; middle initials differ or are missing (`Kilian Q. Weinberger`). */
  SpelledOut: 1,
  /** The query gave initials that fit (`C. Hsieh`, `C.-J. Hsieh`, `XY Han`). */
  Initials: 2,
  /** The query was a surname alone. */
  Surname: 3,
} as const;
export type MatchTier = (typeof MatchTier)[keyof typeof MatchTier];

/** True when one string's letters appear, in order, within the other's. */
function oneIsSubsequence(a: string, b: string): boolean {
  const [short, long] = a.length <= b.length ? [a, b] : [b, a];
  let i = 0;
  for (const c of long) if (c === short[i]) i++;
  return i === short.length;
}

/**
 * How `query` matches `person` (same surname assumed), or `undefined` when it does not.
 * Given names are compared whole: `ming` never matches `xiaoming` or `mingjie`.
 */
export function matchTier(query: NameForm, person: NameForm): MatchTier | undefined {
  if (query.given === '' || (query.spelled === '' && query.initials === '')) {
    return MatchTier.Surname;
  }
  if (query.given === person.given) return MatchTier.Exact;
  if (query.spelled !== '') {
    const sameNames =
      query.spelled === person.spelled && oneIsSubsequence(query.abbreviated, person.abbreviated);
    return sameNames ? MatchTier.SpelledOut : undefined;
  }
  const fits =
    person.initials.startsWith(query.initials) || person.spelledInitials.startsWith(query.initials);
  return fits ? MatchTier.Initials : undefined;
}

/**
 * How many typing mistakes a name of this length may carry and still be suggested: none up
 * to three letters (`Tay`, `Li` have too many neighbours), one up to seven, then two.
 * Looser than the topic search's budget at four letters because candidates come from the
 * closed set of surnames in the catalogue.
 */
export function nameTypoBudget(name: string): number {
  if (name.length <= 3) return 0;
  return name.length <= 7 ? 1 : 2;
}
