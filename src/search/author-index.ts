/**
 * People search: "papers by Cho-Jui Hsieh", "hsieh", "C. Hsieh", "Salakhutdinv".
 *
 * Authors are grouped into people by {@link personKey} (case, diacritics, punctuation and the
 * hyphen/space/joined spelling of given names folded away). Names written in another order
 * (`LIU YONG` and `Yong Liu`) stay two people: merging them would be a guess, and a lookup of
 * either spelling finds both (see `parseName`). Lookups go through maps keyed by folded
 * surname, so a query touches only the people who share its surname; only "did you mean"
 * scans the distinct surnames, and only those of a length within the typo budget.
 */
import type { Paper } from '../catalog/types.ts';
import { editDistance } from './edit-distance.ts';
import {
  MatchTier,
  matchTier,
  type NameForm,
  nameTypoBudget,
  type ParsedName,
  parseName,
  personKey,
  surnameFirstReading,
} from './names.ts';

/** One person: every paper whose author list carries a spelling of the same name. */
export interface Person {
  /** Identity key (folded given names + surname); stable across index builds. */
  key: string;
  /** The name as the data writes it most cleanly and most often. */
  name: string;
  /** Their papers, in catalogue order. */
  paperIds: string[];
}

/**
 * The answer to a name lookup. `people` is best first: the exact person, then namesakes
 * with middle initials, initials matches, and finally everyone sharing the surname (by
 * number of papers). `suggestion` means nobody matched and these are near misses ("did you
 * mean"), never to be shown as results without saying so.
 */
export type AuthorMatch =
  | { kind: 'people'; people: Person[] }
  | { kind: 'suggestion'; people: Person[] }
  | { kind: 'none' };

export interface AuthorIndex {
  /** Number of distinct people. */
  readonly size: number;
  /** Looks a typed name up; see {@link AuthorMatch}. */
  find(name: string): AuthorMatch;
  /** The person with this key (a "did you mean" button carries the key). */
  person(key: string): Person | undefined;
  /** Papers of one person, in catalogue order; empty for an unknown key. */
  papersOf(key: string): Paper[];
  /** Papers of several people, each once, in the order of `people`. */
  papersOfPeople(people: readonly Person[]): Paper[];
}

export interface AuthorIndexOptions {
  /** Most "did you mean" people returned (default 5: one short list in a reply). */
  maxSuggestions?: number;
}

/** Closeness of a first name typed alone: before any surname typo, after exact matches. */
const FIRST_NAME_ONLY = 0.5;

/** Added to a tier reached through a secondary reading of a name; less than one tier. */
const SECONDARY_READING = 0.5;

export const AUTHOR_INDEX_DEFAULTS: Required<AuthorIndexOptions> = { maxSuggestions: 5 };

interface PersonRecord {
  person: Person;
  forms: NameForm[];
  surnameParts: string[];
  /** Distinct written spellings, to choose the display name from. */
  spellings: string[];
}

interface Entry {
  record: PersonRecord;
  form: NameForm;
}

/**
 * Everyone read with one surname. A large bucket (`Wang`, `Li`: thousands of people at
 * 100k papers) also gets a table by given name, built the first time a full name is looked
 * up in it, so that lookup stops scanning the bucket.
 */
interface Bucket {
  entries: Entry[];
  byGiven?: Map<string, Entry[]>;
}

/** Buckets up to this size are scanned; a scan this short costs less than a table. */
const SCAN_LIMIT = 32;

/** Table keys under which a person form can match: exact given, spelled-out given, initial. */
function givenKeys(form: NameForm): string[] {
  const keys = [`=${form.given}`];
  if (form.spelled !== '') keys.push(`s${form.spelled}`);
  const initials = new Set([form.initials[0], form.spelledInitials[0]]);
  for (const initial of initials) if (initial) keys.push(`i${initial}`);
  return keys;
}

/**
 * Entries of the bucket that `matchTier` could accept for `q`: every one for a surname
 * alone; otherwise those sharing the exact given name, or the spelled-out given name (for a
 * query that spells one), or the first initial (for a query of initials).
 */
function candidates(bucket: Bucket, q: NameForm): Entry[] {
  const surnameOnly = q.spelled === '' && q.initials === '';
  if (surnameOnly || bucket.entries.length <= SCAN_LIMIT) return bucket.entries;
  if (!bucket.byGiven) {
    const table = new Map<string, Entry[]>();
    for (const entry of bucket.entries) {
      for (const key of givenKeys(entry.form)) pushTo(table, key, entry);
    }
    bucket.byGiven = table;
  }
  const other = q.spelled !== '' ? `s${q.spelled}` : `i${q.initials[0]}`;
  return [...(bucket.byGiven.get(`=${q.given}`) ?? []), ...(bucket.byGiven.get(other) ?? [])];
}

/** Mixed case and nothing but letters, spaces, dots, hyphens and inner apostrophes. */
function isCleanSpelling(written: string): boolean {
  const mixedCase = written !== written.toLowerCase() && written !== written.toUpperCase();
  return mixedCase && /^[\p{L}\p{M}][\p{L}\p{M} .'’-]*[\p{L}\p{M}.]$/u.test(written);
}

/** The spelling to show: clean before stray-marked (`Zhang*`), then the most frequent. */
function displayName(spellings: readonly string[], count: (spelling: string) => number): string {
  let best = spellings[0] ?? '';
  let bestRank = -1;
  for (const written of spellings) {
    const rank = (isCleanSpelling(written) ? 1e9 : 0) + count(written);
    if (rank > bestRank) {
      best = written;
      bestRank = rank;
    }
  }
  return best.trim();
}

const formId = (f: NameForm) => `${f.surname}|${f.given}|${f.abbreviated}`;

function pushTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** Best first: tier (or closeness), then people with more papers, then by name. */
function byScoreThenPapers(scores: ReadonlyMap<PersonRecord, number>): Person[] {
  return [...scores]
    .sort(
      ([a, sa], [b, sb]) =>
        sa - sb ||
        b.person.paperIds.length - a.person.paperIds.length ||
        (a.person.name < b.person.name ? -1 : 1),
    )
    .map(([r]) => r.person);
}

function keepBest(scores: Map<PersonRecord, number>, record: PersonRecord, score: number): void {
  const previous = scores.get(record);
  if (previous === undefined || score < previous) scores.set(record, score);
}

interface Spelling {
  record: PersonRecord;
  count: number;
}

/** Groups every paper's authors into people. A name is parsed once per distinct spelling. */
function collectPeople(papers: readonly Paper[]): Map<string, PersonRecord> {
  const spellings = new Map<string, Spelling | null>();
  const records = new Map<string, PersonRecord>();
  for (const paper of papers) {
    for (const written of paper.authors) {
      let spelling = spellings.get(written);
      if (spelling === undefined) {
        spelling = spellingOf(written, records);
        spellings.set(written, spelling);
      }
      if (spelling === null) continue;
      spelling.count++;
      const { paperIds } = spelling.record.person;
      // A paper listing the same author twice counts once.
      if (paperIds.at(-1) !== paper.id) paperIds.push(paper.id);
    }
  }
  const count = (written: string) => spellings.get(written)?.count ?? 0;
  for (const record of records.values()) {
    record.person.name = displayName(record.spellings, count);
  }
  return records;
}

/** A spelling seen for the first time: parses it and files it under its person. */
function spellingOf(written: string, records: Map<string, PersonRecord>): Spelling | null {
  const parsed = parseName(written);
  if (!parsed) return null;
  const record = records.get(parsed.key);
  if (!record) {
    const created: PersonRecord = {
      person: { key: parsed.key, name: '', paperIds: [] },
      forms: parsed.forms,
      surnameParts: parsed.surnameParts,
      spellings: [written],
    };
    records.set(parsed.key, created);
    return { record: created, count: 0 };
  }
  const known = new Set(record.forms.map(formId));
  record.forms.push(...parsed.forms.filter((f) => !known.has(formId(f))));
  record.spellings.push(written);
  return { record, count: 0 };
}

/**
 * Builds the people index of a catalogue. Cost is linear in author slots; a name is parsed
 * once per distinct spelling.
 */
export function createAuthorIndex(
  papers: readonly Paper[],
  options: AuthorIndexOptions = {},
): AuthorIndex {
  const { maxSuggestions } = { ...AUTHOR_INDEX_DEFAULTS, ...options };
  const papersById = new Map(papers.map((p) => [p.id, p]));
  const records = collectPeople(papers);

  const bySurname = new Map<string, Bucket>();
  const bySurnamePart = new Map<string, PersonRecord[]>();
  const byFirstGiven = new Map<string, PersonRecord[]>();
  for (const record of records.values()) {
    for (const form of record.forms) {
      const bucket = bySurname.get(form.surname);
      if (bucket) bucket.entries.push({ record, form });
      else bySurname.set(form.surname, { entries: [{ record, form }] });
    }
    for (const part of record.surnameParts) pushTo(bySurnamePart, part, record);
    const first = record.forms[0]?.firstGiven;
    if (first) pushTo(byFirstGiven, first, record);
  }
  const surnamesByLength = new Map<number, string[]>();
  for (const surname of bySurname.keys()) pushTo(surnamesByLength, surname.length, surname);

  /**
   * People matching any reading of the query, with their best tier; a match through a
   * secondary reading (`LIU YONG` read as Yong Liu) ranks just below the same tier read
   * as written.
   */
  function matchPeople(query: ParsedName): Map<PersonRecord, number> {
    const tiers = new Map<PersonRecord, number>();
    query.forms.forEach((q, queryReading) => {
      const bucket = bySurname.get(q.surname);
      for (const { record, form } of bucket ? candidates(bucket, q) : []) {
        const tier = matchTier(q, form);
        if (tier === undefined) continue;
        const secondary = queryReading > 0 || form !== record.forms[0];
        keepBest(tiers, record, secondary ? tier + SECONDARY_READING : tier);
      }
    });
    return tiers;
  }

  /** 0 when the given names match, else their edit distance or 1 for a prefix, else undefined. */
  function givenCloseness(q: NameForm, p: NameForm): number | undefined {
    if (matchTier(q, p) !== undefined) return 0;
    if (q.spelled === '' || p.spelled === '') return undefined;
    const budget = nameTypoBudget(q.given);
    const distance = editDistance(q.given, p.given, budget);
    if (distance <= budget) return distance;
    return p.given.startsWith(q.given) ? 1 : undefined;
  }

  /** Near misses, scored by total distance: surname typos, given-name typos, first names. */
  function suggest(query: ParsedName): Person[] {
    const scores = new Map<PersonRecord, number>();
    for (const q of query.forms) {
      const budget = nameTypoBudget(q.surname);
      for (let length = q.surname.length - budget; length <= q.surname.length + budget; length++) {
        for (const surname of surnamesByLength.get(length) ?? []) {
          const distance = surname === q.surname ? 0 : editDistance(q.surname, surname, budget);
          if (distance > budget) continue;
          for (const { record, form } of bySurname.get(surname)?.entries ?? []) {
            const given = q.given === '' ? 0 : givenCloseness(q, form);
            if (given !== undefined && distance + given > 0) {
              keepBest(scores, record, distance + given);
            }
          }
        }
      }
      // A first name alone ("ruslan"): everyone with that first name.
      if (q.given === '') {
        for (const record of byFirstGiven.get(q.surname) ?? []) {
          keepBest(scores, record, FIRST_NAME_ONLY);
        }
      }
    }
    return byScoreThenPapers(scores).slice(0, maxSuggestions);
  }

  function find(name: string): AuthorMatch {
    const query = parseName(name);
    if (!query) return { kind: 'none' };
    let matched = matchPeople(query);
    const reversed = surnameFirstReading(name);
    if (matched.size === 0 && reversed !== undefined) {
      const reading = parseName(reversed);
      if (reading) matched = matchPeople(reading);
    }
    if (matched.size === 0 && query.words === 1) {
      // `julien` finds `Lacoste-Julien`, but only when no one is called plain Julien.
      for (const form of query.forms) {
        for (const record of bySurnamePart.get(form.surname) ?? []) {
          keepBest(matched, record, MatchTier.Surname);
        }
      }
    }
    if (matched.size > 0) return { kind: 'people', people: byScoreThenPapers(matched) };
    const near = suggest(query);
    return near.length > 0 ? { kind: 'suggestion', people: near } : { kind: 'none' };
  }

  const papersOf = (key: string): Paper[] =>
    (records.get(key)?.person.paperIds ?? []).flatMap((id) => papersById.get(id) ?? []);

  return {
    size: records.size,
    find,
    person: (key) => records.get(key)?.person,
    papersOf,
    papersOfPeople(people) {
      const seen = new Set<string>();
      return people.flatMap((p) =>
        papersOf(p.key).filter((paper) => !seen.has(paper.id) && seen.add(paper.id)),
      );
    },
  };
}

/**
 * Positions in `paper.authors` of the given people, so a renderer can bold the names that
 * were asked for. Compares identity keys, so any spelling of the person is found.
 */
export function matchedAuthorSlots(paper: Paper, people: readonly Person[]): number[] {
  const keys = new Set(people.map((p) => p.key));
  return paper.authors.flatMap((written, slot) => (keys.has(personKey(written)) ? [slot] : []));
}
