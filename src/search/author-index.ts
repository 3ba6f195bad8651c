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
  /** Position of the person in {@link AuthorIndexData} (their row of papers). */
  at: number;
  forms: NameForm[];
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

/**
 * The people index as plain data (strings and typed arrays, no closures), so that start-up
 * can read it from a snapshot (see index-cache.ts) instead of parsing every author name
 * again: at 100k papers parsing takes seconds, reading this a tenth of that. Rows are in the
 * order people were first met in the catalogue, which fixes the order of tied results.
 */
export interface AuthorIndexData {
  /** Every distinct string below, referred to by position (many name parts repeat). */
  strings: string[];
  /** Per person: positions in `strings` of their key and display name (two per person). */
  people: Uint32Array;
  /** Per person: positions in the catalogue of their papers, ascending. */
  papers: Rows;
  /** Per person: their name forms, each as `FORM_FIELDS.length` positions in `strings`. */
  forms: Rows;
  /** Per person: positions in `strings` of the parts of a hyphenated surname. */
  surnameParts: Rows;
}

/**
 * Variable-length rows of numbers in two flat arrays: row `r` is `values[starts[r]]` up to
 * (not including) `values[starts[r + 1]]`. One object per index instead of one per person.
 */
export interface Rows {
  starts: Uint32Array;
  values: Uint32Array;
}

/** The order in which a {@link NameForm}'s strings are stored (see `formAt`). */
const FORM_FIELDS = [
  'surname',
  'given',
  'spelled',
  'initials',
  'spelledInitials',
  'abbreviated',
  'firstGiven',
] as const satisfies readonly (keyof NameForm)[];
const SURNAME = FORM_FIELDS.indexOf('surname');
const FIRST_GIVEN = FORM_FIELDS.indexOf('firstGiven');

/** A person while the catalogue is read: every spelling seen, and paper positions. */
interface Collected {
  key: string;
  forms: NameForm[];
  surnameParts: string[];
  /** Distinct written spellings, to choose the display name from. */
  spellings: string[];
  docs: number[];
}

interface Spelling {
  person: Collected;
  count: number;
}

/**
 * Groups every paper's authors into people, in order of first appearance, with their
 * display names. A name is parsed once per distinct spelling.
 */
function collectPeople(papers: readonly Paper[]): { people: Collected[]; names: string[] } {
  const spellings = new Map<string, Spelling | null>();
  const byKey = new Map<string, Collected>();
  papers.forEach((paper, doc) => {
    for (const written of paper.authors) {
      let spelling = spellings.get(written);
      if (spelling === undefined) {
        spelling = spellingOf(written, byKey);
        spellings.set(written, spelling);
      }
      if (spelling === null) continue;
      spelling.count++;
      const { docs } = spelling.person;
      // A paper listing the same author twice counts once.
      if (docs.at(-1) !== doc) docs.push(doc);
    }
  });
  const count = (written: string) => spellings.get(written)?.count ?? 0;
  const people = [...byKey.values()];
  return { people, names: people.map((p) => displayName(p.spellings, count)) };
}

/** A spelling seen for the first time: parses it and files it under its person. */
function spellingOf(written: string, byKey: Map<string, Collected>): Spelling | null {
  const parsed = parseName(written);
  if (!parsed) return null;
  const person = byKey.get(parsed.key);
  if (!person) {
    const created: Collected = {
      key: parsed.key,
      forms: parsed.forms,
      surnameParts: parsed.surnameParts,
      spellings: [written],
      docs: [],
    };
    byKey.set(parsed.key, created);
    return { person: created, count: 0 };
  }
  const known = new Set(person.forms.map(formId));
  person.forms.push(...parsed.forms.filter((f) => !known.has(formId(f))));
  person.spellings.push(written);
  return { person, count: 0 };
}

/** Rows of `items`, one each, holding what `valuesOf` gives for it. */
function rowsOf<T>(items: readonly T[], valuesOf: (item: T) => Iterable<number>): Rows {
  const starts = new Uint32Array(items.length + 1);
  const values: number[] = [];
  items.forEach((item, i) => {
    for (const value of valuesOf(item)) values.push(value);
    starts[i + 1] = values.length;
  });
  return { starts, values: Uint32Array.from(values) };
}

/** The items of `table` at the positions in row `row` of `rows`. */
function mapRow<T>(rows: Rows, row: number, table: readonly T[]): T[] {
  const { starts, values } = rows;
  const out: T[] = [];
  for (let i = starts[row]!; i < starts[row + 1]!; i++) out.push(table[values[i]!]!);
  return out;
}

/**
 * Reads every author name of the catalogue once; the result is what `openAuthorIndex`
 * searches. Cost is linear in author slots.
 */
export function buildAuthorIndexData(papers: readonly Paper[]): AuthorIndexData {
  const { people, names } = collectPeople(papers);
  const strings: string[] = [];
  const positions = new Map<string, number>();
  const intern = (text: string): number => {
    let at = positions.get(text);
    if (at === undefined) {
      at = strings.length;
      positions.set(text, at);
      strings.push(text);
    }
    return at;
  };
  const keyAndName = people.flatMap((p, i) => [intern(p.key), intern(names[i] ?? '')]);
  return {
    strings,
    people: Uint32Array.from(keyAndName),
    papers: rowsOf(people, (p) => p.docs),
    forms: rowsOf(people, (p) => p.forms.flatMap((f) => FORM_FIELDS.map((k) => intern(f[k])))),
    surnameParts: rowsOf(people, (p) => p.surnameParts.map(intern)),
  };
}

/** The name form stored at `at` in `values` (see {@link FORM_FIELDS}). */
function formAt(values: Uint32Array, at: number, strings: readonly string[]): NameForm {
  const s = (field: number) => strings[values[at + field]!]!;
  // A literal, not a loop, so that every form has the same shape (and fast property reads).
  return {
    surname: s(0),
    given: s(1),
    spelled: s(2),
    initials: s(3),
    spelledInitials: s(4),
    abbreviated: s(5),
    firstGiven: s(6),
  };
}

/**
 * The people of `data`, each made into a {@link PersonRecord} the first time a lookup
 * reaches them (and the same object after that, so records can key maps). At 100k papers
 * making all 120k up front would be most of opening the index; a lookup reaches a handful.
 */
interface People {
  readonly count: number;
  /** The person stored at `at`. */
  at(at: number): PersonRecord;
  /** Position of the person with identity key `key`. */
  positionOf(key: string): number | undefined;
  /** The person owning the form stored at `offset` in `data.forms.values`, and that form. */
  entryAt(offset: number): Entry;
}

function createPeople(papers: readonly Paper[], data: AuthorIndexData): People {
  const { strings, people, forms } = data;
  const count = people.length / 2;
  const records: (PersonRecord | undefined)[] = new Array(count);
  const positions = new Map<string, number>();
  for (let at = 0; at < count; at++) positions.set(strings[people[2 * at]!]!, at);
  // Owner of each stored form, by form number (offset / FORM_FIELDS.length).
  const owners = new Uint32Array(forms.values.length / FORM_FIELDS.length);
  for (let at = 0; at < count; at++) {
    owners.fill(
      at,
      forms.starts[at]! / FORM_FIELDS.length,
      forms.starts[at + 1]! / FORM_FIELDS.length,
    );
  }
  let ids: string[] | undefined;
  const make = (at: number): PersonRecord => {
    ids ??= papers.map((p) => p.id);
    const key = strings[people[2 * at]!]!;
    const name = strings[people[2 * at + 1]!]!;
    const personForms: NameForm[] = [];
    for (let f = forms.starts[at]!; f < forms.starts[at + 1]!; f += FORM_FIELDS.length) {
      personForms.push(formAt(forms.values, f, strings));
    }
    return {
      person: { key, name, paperIds: mapRow(data.papers, at, ids) },
      at,
      forms: personForms,
    };
  };
  const recordAt = (at: number): PersonRecord => {
    let record = records[at];
    if (!record) {
      record = make(at);
      records[at] = record;
    }
    return record;
  };
  return {
    count,
    at: recordAt,
    positionOf: (key) => positions.get(key),
    entryAt(offset) {
      const at = owners[offset / FORM_FIELDS.length]!;
      const record = recordAt(at);
      return { record, form: record.forms[(offset - forms.starts[at]!) / FORM_FIELDS.length]! };
    },
  };
}

/** Builds the people index of a catalogue: {@link openAuthorIndex} of {@link buildAuthorIndexData}. */
export function createAuthorIndex(
  papers: readonly Paper[],
  options: AuthorIndexOptions = {},
): AuthorIndex {
  return openAuthorIndex(papers, buildAuthorIndexData(papers), options);
}

/**
 * Name lookups over built data. `papers` must be the catalogue `data` was built from; `data`
 * is used as is (not copied) and must not be changed afterwards.
 */
export function openAuthorIndex(
  papers: readonly Paper[],
  data: AuthorIndexData,
  options: AuthorIndexOptions = {},
): AuthorIndex {
  const { maxSuggestions } = { ...AUTHOR_INDEX_DEFAULTS, ...options };
  const people = createPeople(papers, data);
  const tables = createNameTables(data, people);

  const papersOf = (key: string): Paper[] => {
    const at = people.positionOf(key);
    return at === undefined ? [] : mapRow(data.papers, at, papers);
  };

  return {
    size: people.count,
    find: (name) => findPeople(tables, name, maxSuggestions),
    person(key) {
      const at = people.positionOf(key);
      return at === undefined ? undefined : people.at(at).person;
    },
    papersOf,
    papersOfPeople(chosen) {
      const seen = new Set<string>();
      return chosen.flatMap((p) =>
        papersOf(p.key).filter((paper) => !seen.has(paper.id) && seen.add(paper.id)),
      );
    },
  };
}

/** The tables a lookup goes through: people by surname, surname part, first name, length. */
interface NameTables {
  people: People;
  /** Everyone read with this surname, made into a bucket the first time a lookup needs it. */
  bucketOf(surname: string): Bucket | undefined;
  /** Positions of people by a part of their hyphenated surname (`julien` → Lacoste-Julien). */
  bySurnamePart: Map<string, number[]>;
  /** Positions of people by their first given name (`ruslan`). */
  byFirstGiven: Map<string, number[]>;
  /** Distinct surnames by length, for "did you mean" within a typo budget. */
  surnamesByLength: Map<number, string[]>;
}

function createNameTables(data: AuthorIndexData, people: People): NameTables {
  const { strings } = data;
  const { starts, values } = data.forms;
  // Stored form offsets by surname.
  const formsBySurname = new Map<string, number[]>();
  for (let offset = 0; offset < values.length; offset += FORM_FIELDS.length) {
    pushTo(formsBySurname, strings[values[offset + SURNAME]!]!, offset);
  }
  const buckets = new Map<string, Bucket>();
  const bucketOf = (surname: string): Bucket | undefined => {
    let bucket = buckets.get(surname);
    const offsets = bucket ? undefined : formsBySurname.get(surname);
    if (offsets) {
      bucket = { entries: offsets.map(people.entryAt) };
      buckets.set(surname, bucket);
    }
    return bucket;
  };
  const bySurnamePart = new Map<string, number[]>();
  const byFirstGiven = new Map<string, number[]>();
  for (let at = 0; at < people.count; at++) {
    for (const part of mapRow(data.surnameParts, at, strings)) pushTo(bySurnamePart, part, at);
    const first = starts[at]! < starts[at + 1]! ? strings[values[starts[at]! + FIRST_GIVEN]!]! : '';
    if (first) pushTo(byFirstGiven, first, at);
  }
  const surnamesByLength = new Map<number, string[]>();
  for (const surname of formsBySurname.keys()) pushTo(surnamesByLength, surname.length, surname);
  return { people, bucketOf, bySurnamePart, byFirstGiven, surnamesByLength };
}

/**
 * A typed name: the people it names (as written, then read surname first, then by a part of
 * a hyphenated surname), else near misses as "did you mean".
 */
function findPeople(tables: NameTables, name: string, maxSuggestions: number): AuthorMatch {
  const query = parseName(name);
  if (!query) return { kind: 'none' };
  let matched = matchPeople(tables, query);
  const reversed = surnameFirstReading(name);
  if (matched.size === 0 && reversed !== undefined) {
    const reading = parseName(reversed);
    if (reading) matched = matchPeople(tables, reading);
  }
  if (matched.size === 0 && query.words === 1) {
    // `julien` finds `Lacoste-Julien`, but only when no one is called plain Julien.
    for (const form of query.forms) {
      for (const at of tables.bySurnamePart.get(form.surname) ?? []) {
        keepBest(matched, tables.people.at(at), MatchTier.Surname);
      }
    }
  }
  if (matched.size > 0) return { kind: 'people', people: byScoreThenPapers(matched) };
  const near = suggestPeople(tables, query).slice(0, maxSuggestions);
  return near.length > 0 ? { kind: 'suggestion', people: near } : { kind: 'none' };
}

/**
 * People matching any reading of the query, with their best tier; a match through a
 * secondary reading (`LIU YONG` read as Yong Liu) ranks just below the same tier read as
 * written.
 */
function matchPeople(tables: NameTables, query: ParsedName): Map<PersonRecord, number> {
  const tiers = new Map<PersonRecord, number>();
  query.forms.forEach((q, queryReading) => {
    const bucket = tables.bucketOf(q.surname);
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

/** Near misses, best first, scored by total distance: surname typos, given-name typos, first names. */
function suggestPeople(tables: NameTables, query: ParsedName): Person[] {
  const scores = new Map<PersonRecord, number>();
  for (const q of query.forms) {
    const budget = nameTypoBudget(q.surname);
    for (let length = q.surname.length - budget; length <= q.surname.length + budget; length++) {
      for (const surname of tables.surnamesByLength.get(length) ?? []) {
        const distance = surname === q.surname ? 0 : editDistance(q.surname, surname, budget);
        if (distance > budget) continue;
        for (const { record, form } of tables.bucketOf(surname)?.entries ?? []) {
          const given = q.given === '' ? 0 : givenCloseness(q, form);
          if (given !== undefined && distance + given > 0) {
            keepBest(scores, record, distance + given);
          }
        }
      }
    }
    // A first name alone ("ruslan"): everyone with that first name.
    if (q.given === '') {
      for (const at of tables.byFirstGiven.get(q.surname) ?? []) {
        keepBest(scores, tables.people.at(at), FIRST_NAME_ONLY);
      }
    }
  }
  return byScoreThenPapers(scores);
}

/**
 * Positions in `paper.authors` of the given people, so a renderer can bold the names that
 * were asked for. Compares identity keys, so any spelling of the person is found.
 */
export function matchedAuthorSlots(paper: Paper, people: readonly Person[]): number[] {
  const keys = new Set(people.map((p) => p.key));
  return paper.authors.flatMap((written, slot) => (keys.has(personKey(written)) ? [slot] : []));
}
