/**
 * Small text helpers shared by every catalog parser: folding for comparisons (title joins,
 * slugs, conference keys), person names, lists, and quoting data in problem messages.
 */
import { cleanMarkup, GREEK_LETTERS } from './latex.ts';

/** `β` → `beta`, so `$\beta$-VAE` and `beta-VAE` fold alike and ids stay ASCII-friendly. */
const GREEK_NAMES = new Map<string, string>();
for (const [name, letter] of Object.entries(GREEK_LETTERS)) {
  const key = letter.toLowerCase();
  if (!GREEK_NAMES.has(key)) GREEK_NAMES.set(key, name.toLowerCase());
}
const GREEK_PATTERN = new RegExp(`[${[...GREEK_NAMES.keys()].join('')}]`, 'gu');
const COMBINING_MARKS = /\p{M}/gu;
const NON_WORD = /[^\p{L}\p{N}]+/u;
const NON_ASCII = /[\u0080-\uFFFF]/;

/**
 * The words of `text` folded for comparison: markup cleaned, Greek letters spelled out,
 * diacritics, case and punctuation dropped. `“Résumé” of $\beta$-VAEs` → `resume of beta vaes`.
 */
export function foldWords(text: string): string[] {
  return foldCleanWords(cleanMarkup(text));
}

/** {@link foldWords} for text already through cleanMarkup. */
function foldCleanWords(cleaned: string): string[] {
  let folded = cleaned.toLowerCase();
  // Decomposing is the costly step, and needless for plain ASCII (most names and titles).
  if (NON_ASCII.test(folded)) {
    folded = folded
      .normalize('NFKD')
      .replace(COMBINING_MARKS, '')
      .replace(GREEK_PATTERN, (letter) => ` ${GREEK_NAMES.get(letter) ?? letter} `)
      // Compatibility forms decompose to capitals (`ℌ` → `H`).
      .toLowerCase();
  }
  return folded.split(NON_WORD).filter((word) => word !== '');
}

/** Join key for titles coming from different sources (session page vs. OpenReview list). */
export function titleKey(title: string): string {
  return foldWords(title).join(' ');
}

/** URL- and Slack-safe id fragment: `$\beta$-Intact-VAE: …` → `beta-intact-vae-…`. */
export function slugify(text: string): string {
  return foldWords(text).join('-');
}

/** Namespace of a conference in ids: `ICLR 2020` → `iclr2020`, `ACL 2020` → `acl2020`. */
export function conferenceKey(conference: string): string {
  return foldWords(conference).join('');
}

const CONFERENCE_NAME = /^([A-Za-z]+)[-_ ]?((?:19|20)\d\d)(?!\d)/;

/**
 * Reads a conference name off a file or folder name: `iclr2020` → `ICLR 2020`,
 * `iclr2022-poster-session-9` → `ICLR 2022`, `NeurIPS-2023` → `NeurIPS 2023`.
 * Returns undefined when the name does not start with letters and a year.
 */
export function conferenceFromName(name: string): string | undefined {
  const match = CONFERENCE_NAME.exec(name);
  if (!match) return undefined;
  const [, acronym = '', year = ''] = match;
  const mixedCase = acronym !== acronym.toLowerCase() && acronym !== acronym.toUpperCase();
  return `${mixedCase ? acronym : acronym.toUpperCase()} ${year}`;
}

/** Marks that trail or lead names in exports (`Hui Xue'`, `Jane Doe*`, `, John`) but are not part of them. */
const STRAY_NAME_EDGES = /^[\s,;:*†‡'’"]+|[\s,;:*†‡'’"]+$/g;

/** A display name: markup cleaned (`Erd\H{o}s` → `Erdős`), stray edge punctuation removed. */
export function cleanPersonName(raw: string): string {
  return cleanMarkup(raw).replace(STRAY_NAME_EDGES, '');
}

/**
 * Cleaned author names in order, empty ones dropped and repeats removed (some exports list
 * the same author twice in one paper).
 */
export function cleanAuthors(raw: Iterable<string>): string[] {
  return uniqueBy([...raw].map(cleanPersonName), (name) => foldCleanWords(name).join(' '));
}

/** Splits a separated field (`a|b`, `a; b`) into trimmed, non-empty items. */
export function splitList(raw: string | undefined, separator: string | RegExp): string[] {
  if (raw === undefined) return [];
  return raw
    .split(separator)
    .map((item) => item.trim())
    .filter((item) => item !== '');
}

/** Keeps the first item per key, dropping empty items. */
export function uniqueBy(items: readonly string[], keyOf: (item: string) => string): string[] {
  const seen = new Set<string>();
  const kept: string[] = [];
  for (const item of items) {
    const key = keyOf(item);
    if (item === '' || key === '' || seen.has(key)) continue;
    seen.add(key);
    kept.push(item);
  }
  return kept;
}

const QUOTE_MAX = 60;

/**
 * Quotes data inside a problem message, cut short: messages name a value, they never carry
 * a whole (possibly megabyte-long) line.
 */
export function quote(text: string): string {
  const oneLine = text.replace(/\s+/g, ' ').trim();
  const cut = oneLine.length > QUOTE_MAX ? `${oneLine.slice(0, QUOTE_MAX - 1)}…` : oneLine;
  return `"${cut}"`;
}

/** True for an absolute http(s) URL. */
export function isHttpUrl(text: string): boolean {
  try {
    const { protocol } = new URL(text);
    return protocol === 'http:' || protocol === 'https:';
  } catch {
    return false;
  }
}
