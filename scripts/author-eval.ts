/**
 * People-search quality: precision and recall of `AuthorIndex.find` over a judged set of
 * name queries on ../shared/data/virtual_conferences_2020.jsonl (2,765 papers), beside a
 * naive baseline (an author whose written name contains every query word, ignoring case).
 *
 * The judged set (test/fixtures/author-queries.json) was generated from the data by
 * `--write` and is frozen: its relevance rules below are deliberately simpler than
 * `names.ts` (a person is the exact sequence of letters of the written name, accents
 * removed), so the evaluation does not grade the matcher against itself.
 *
 * `--scale N` also times the index on N papers: the records replicated with new ids and
 * every author replaced by a given name and a surname drawn from different real authors,
 * so the number of distinct people grows with N (about 3.5 per paper) as in a real corpus.
 *
 * Usage: npx tsx scripts/author-eval.ts [--data FILE] [--queries FILE] [--write]
 *        [--verbose] [--scale N]
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import type { Paper } from '../src/catalog/types.ts';
import { type AuthorIndex, createAuthorIndex } from '../src/search/author-index.ts';

export const DEFAULT_DATA = fileURLToPath(
  new URL('../../shared/data/virtual_conferences_2020.jsonl', import.meta.url),
);
export const DEFAULT_QUERIES = fileURLToPath(
  new URL('../test/fixtures/author-queries.json', import.meta.url),
);

/** What a judged query exercises; the report breaks figures down by it. */
export type QueryKind =
  | 'full name'
  | 'lower case'
  | 'no accents'
  | 'surname'
  | 'initials'
  | 'given name joined/spaced'
  | 'surname first'
  | 'namesake'
  | 'typo';

export interface JudgedQuery {
  query: string;
  kind: QueryKind;
  /** Ids of every paper that should come back. */
  relevant: string[];
}

/**
 * Reads the virtual-conference JSONL into papers, minimally (the catalogue importer is the
 * real path): id `${conference}:${uid}`, authors deduplicated in order.
 */
export function loadVirtualConferencePapers(path: string): Paper[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => {
      const r = JSON.parse(line) as {
        conference: string;
        uid: string;
        title: string;
        authors: string[];
        abstract: string;
        keywords: string[];
      };
      return {
        id: `${r.conference}:${r.uid}`,
        title: r.title,
        authors: [...new Set(r.authors)],
        abstract: r.abstract,
        keywords: r.keywords,
        sessionIds: [],
        codeUrls: [],
        conference: r.conference,
      };
    });
}

// ---------------------------------------------------------------------------------------
// Evaluation

/** Papers an answer puts in front of the user: every matched person's, or the top suggestion's. */
export function retrievedPapers(index: AuthorIndex, query: string): string[] {
  const match = index.find(query);
  if (match.kind === 'people') return index.papersOfPeople(match.people).map((p) => p.id);
  if (match.kind === 'suggestion')
    return index.papersOf(match.people[0]?.key ?? '').map((p) => p.id);
  return [];
}

export interface Scores {
  queries: number;
  microPrecision: number;
  microRecall: number;
  /** Mean over queries that returned something. */
  macroPrecision: number;
  macroRecall: number;
  /** Queries that returned nothing. */
  unanswered: number;
}

export interface QueryScore {
  query: JudgedQuery;
  retrieved: string[];
  precision: number;
  recall: number;
}

export function scoreQuery(query: JudgedQuery, retrieved: readonly string[]): QueryScore {
  const relevant = new Set(query.relevant);
  const hits = retrieved.filter((id) => relevant.has(id)).length;
  return {
    query,
    retrieved: [...retrieved],
    precision: retrieved.length === 0 ? 0 : hits / retrieved.length,
    recall: relevant.size === 0 ? 1 : hits / relevant.size,
  };
}

export function summarize(scores: readonly QueryScore[]): Scores {
  const answered = scores.filter((s) => s.retrieved.length > 0);
  const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);
  const hits = sum(scores.map((s) => Math.round(s.recall * s.query.relevant.length)));
  const retrieved = sum(scores.map((s) => s.retrieved.length));
  const relevant = sum(scores.map((s) => s.query.relevant.length));
  return {
    queries: scores.length,
    microPrecision: retrieved === 0 ? 0 : hits / retrieved,
    microRecall: relevant === 0 ? 0 : hits / relevant,
    macroPrecision:
      answered.length === 0 ? 0 : sum(answered.map((s) => s.precision)) / answered.length,
    macroRecall: scores.length === 0 ? 0 : sum(scores.map((s) => s.recall)) / scores.length,
    unanswered: scores.length - answered.length,
  };
}

/** Scores every judged query with `retrieve`. */
export function evaluateAuthorSearch(
  judged: readonly JudgedQuery[],
  retrieve: (query: string) => readonly string[],
): QueryScore[] {
  return judged.map((q) => scoreQuery(q, retrieve(q.query)));
}

/** The baseline: papers with an author whose name contains every query word (any case). */
export function substringBaseline(papers: readonly Paper[]): (query: string) => string[] {
  const lowered = papers.map((p) => ({ id: p.id, authors: p.authors.map((a) => a.toLowerCase()) }));
  return (query) => {
    const words = query.toLowerCase().split(/\s+/).filter(Boolean);
    return lowered
      .filter((p) => p.authors.some((a) => words.every((w) => a.includes(w))))
      .map((p) => p.id);
  };
}

// ---------------------------------------------------------------------------------------
// Generating the judged set (run once with --write, then frozen)

/** Typed on a plain keyboard: accents stripped, letters NFKD leaves alone replaced. */
function unaccented(text: string): string {
  const plain: Record<string, string> = { ł: 'l', Ł: 'L', ø: 'o', Ø: 'O', ß: 'ss', đ: 'd', ı: 'i' };
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/[łŁøØßđı]/g, (c) => plain[c] ?? c);
}

/** Written name without nicknames and stray marks, as words. */
function truthWords(written: string): string[] {
  return written
    .replace(/\([^)]*\)/g, ' ')
    .replace(/[^\p{L}\p{M}\s.'’-]/gu, ' ')
    .split(/\s+/)
    .filter((w) => /\p{L}/u.test(w));
}

/** Ground-truth identity: the letters of the name, accents removed, lower case. */
function truthKey(written: string): string {
  return unaccented(truthWords(written).join(''))
    .toLowerCase()
    .replace(/[^\p{L}]/gu, '');
}

function truthSurname(written: string): string {
  return truthKey(truthWords(written).at(-1) ?? '');
}

/** First letters of the given names, split at spaces, dots and hyphens. */
function truthInitials(written: string): string {
  return truthWords(written)
    .slice(0, -1)
    .flatMap((w) => w.split(/[.-]+/))
    .filter((w) => w !== '')
    .map((w) => truthKey(w)[0] ?? '')
    .join('');
}

/** Deterministic pseudo-random numbers (mulberry32), so `--write` is reproducible. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface TruthPerson {
  written: string;
  key: string;
  surname: string;
  initials: string;
  papers: string[];
}

const SUFFIX_OR_PARTICLE = /^(?:jr|sr|ii|iii|iv|van|von|de|der|den|da|di|du|le|la|del|al|el)$/i;

/** Builds the judged set from the data with rules independent of `names.ts`. */
export function generateJudgedSet(papers: readonly Paper[], seed = 2020): JudgedQuery[] {
  const rand = random(seed);
  const people = new Map<string, TruthPerson>();
  for (const paper of papers) {
    for (const written of paper.authors) {
      const key = truthKey(written);
      const person = people.get(key) ?? {
        written: truthWords(written).join(' '),
        key,
        surname: truthSurname(written),
        initials: truthInitials(written),
        papers: [],
      };
      if (!person.papers.includes(paper.id)) person.papers.push(paper.id);
      people.set(key, person);
    }
  }
  const all = [...people.values()];
  const papersWhere = (keep: (p: TruthPerson) => boolean) => [
    ...new Set(all.filter(keep).flatMap((p) => p.papers)),
  ];
  const sample = <T>(items: readonly T[], n: number): T[] => {
    const pool = [...items];
    const chosen: T[] = [];
    while (chosen.length < n && pool.length > 0) {
      chosen.push(pool.splice(Math.floor(rand() * pool.length), 1)[0]!);
    }
    return chosen;
  };
  const plain = all.filter(
    (p) =>
      truthWords(p.written).length >= 2 &&
      !truthWords(p.written).some((w) => SUFFIX_OR_PARTICLE.test(w)) &&
      p.surname.length >= 2,
  );
  const judged: JudgedQuery[] = [];
  const add = (query: string, kind: QueryKind, relevant: string[]) => {
    if (!judged.some((j) => j.query === query)) judged.push({ query, kind, relevant });
  };
  const same = (p: TruthPerson) => papersWhere((q) => q.key === p.key);

  for (const p of sample(
    plain.filter((p) => p.papers.length >= 2),
    30,
  ))
    add(p.written, 'full name', same(p));
  for (const p of sample(
    plain.filter((p) => p.papers.length === 1),
    10,
  ))
    add(p.written, 'full name', same(p));
  for (const p of sample(plain, 10)) add(p.written.toLowerCase(), 'lower case', same(p));
  for (const p of sample(
    plain.filter((p) => unaccented(p.written) !== p.written),
    12,
  ))
    add(unaccented(p.written), 'no accents', same(p));

  const surnames = [...new Set(plain.map((p) => truthWords(p.written).at(-1)!))];
  for (const s of [...sample(surnames, 18), 'Hsieh', 'Li']) {
    add(
      s,
      'surname',
      papersWhere((q) => q.surname === truthKey(s)),
    );
  }

  for (const p of sample(
    plain.filter((p) => p.initials.length >= 1 && /^\p{L}+$/u.test(truthWords(p.written)[0]!)),
    10,
  )) {
    const surname = truthWords(p.written).at(-1)!;
    const initial = p.initials.slice(0, 1);
    add(
      `${initial.toUpperCase()}. ${surname}`,
      'initials',
      papersWhere((q) => q.surname === p.surname && q.initials.startsWith(initial)),
    );
  }
  const doubleInitials = plain.filter((p) => p.initials.length === 2);
  for (const [i, p] of sample(doubleInitials, 8).entries()) {
    const surname = truthWords(p.written).at(-1)!;
    const [a = '', b = ''] = p.initials.toUpperCase();
    const written = i % 2 === 0 ? `${a}.${b}. ${surname}` : `${a}${b} ${surname}`;
    add(
      written,
      'initials',
      papersWhere((q) => q.surname === p.surname && q.initials.startsWith(p.initials)),
    );
  }

  const hyphenated = plain.filter((p) => /^\p{L}+-\p{L}+$/u.test(truthWords(p.written)[0]!));
  for (const [i, p] of sample(hyphenated, 12).entries()) {
    const [given = '', ...rest] = truthWords(p.written);
    const [first = '', second = ''] = given.split('-');
    const variant =
      i % 3 === 0
        ? `${first} ${second}`
        : i % 3 === 1
          ? `${first}${second.toLowerCase()}`
          : `${first}${second[0]?.toUpperCase()}${second.slice(1)}`;
    add([variant, ...rest].join(' '), 'given name joined/spaced', same(p));
  }

  for (const [i, p] of sample(
    plain.filter((p) => truthWords(p.written).length === 2),
    6,
  ).entries()) {
    const [given = '', surname = ''] = truthWords(p.written);
    add(i % 2 === 0 ? `${surname} ${given}` : `${surname}, ${given}`, 'surname first', same(p));
  }

  // Namesakes: "Ming Li" beside "Xiaoming Li" and "Mingjie Li" must find only Ming Li.
  const bySurname = new Map<string, TruthPerson[]>();
  for (const p of plain) bySurname.set(p.surname, [...(bySurname.get(p.surname) ?? []), p]);
  const namesakes = plain.filter((p) => {
    const given = p.key.slice(0, p.key.length - p.surname.length);
    return (bySurname.get(p.surname) ?? []).some(
      (q) => q !== p && q.key.length > p.key.length && q.key.includes(given),
    );
  });
  for (const p of [...sample(namesakes, 9), ...namesakes.filter((p) => p.key === 'mingli')]) {
    add(p.written, 'namesake', same(p));
  }

  const knownSurnames = new Set(all.map((p) => p.surname));
  const typoable = plain.filter(
    (p) => p.surname.length >= 6 && (bySurname.get(p.surname) ?? []).length === 1,
  );
  for (const [i, p] of sample(typoable, 15).entries()) {
    const words = truthWords(p.written);
    const surname = unaccented(words.at(-1)!);
    const at = 2 + Math.floor(rand() * (surname.length - 3));
    const typo =
      i % 3 === 0
        ? surname.slice(0, at) + surname.slice(at + 1)
        : i % 3 === 1
          ? surname.slice(0, at) + surname[at + 1] + surname[at] + surname.slice(at + 2)
          : surname.slice(0, at) + (surname[at] === 'e' ? 'a' : 'e') + surname.slice(at + 1);
    if (knownSurnames.has(typo.toLowerCase())) continue;
    const query = i % 5 === 4 ? typo : [...words.slice(0, -1), typo].join(' ');
    add(query, 'typo', same(p));
  }
  return judged;
}

// ---------------------------------------------------------------------------------------
// Scale

/** `n` papers made from `papers`, with recombined author names (see the header). */
export function scaledPapers(papers: readonly Paper[], n: number, seed = 7): Paper[] {
  const rand = random(seed);
  const names = papers.flatMap((p) => p.authors).map((a) => a.trim().split(/\s+/));
  const pick = () => names[Math.floor(rand() * names.length)] ?? [];
  return Array.from({ length: n }, (_, i) => {
    const base = papers[i % papers.length]!;
    const authors = base.authors.map(() => [...pick().slice(0, -1), pick().at(-1)].join(' '));
    // Through JSON, as a loader would produce them: flat strings, not concatenations.
    return JSON.parse(JSON.stringify({ ...base, id: `${base.id}#${i}`, authors })) as Paper;
  });
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? 0;
}

/** Median, 95th percentile and maximum time of `find` over `queries`, in ms. */
function timeFind(index: AuthorIndex, queries: readonly string[]): string {
  const times = queries
    .map((q) => {
      const t = performance.now();
      index.find(q);
      return performance.now() - t;
    })
    .sort((a, b) => a - b);
  const ms = (p: number) => percentile(times, p).toFixed(3);
  return `p50 ${ms(0.5)} ms, p95 ${ms(0.95)} ms, max ${ms(1)} ms`;
}

function bench(papers: readonly Paper[], n: number, judged: readonly JudgedQuery[]): void {
  const scaled = scaledPapers(papers, n);
  const cpu = process.cpuUsage();
  const started = performance.now();
  const index = createAuthorIndex(scaled);
  const wall = performance.now() - started;
  const used = process.cpuUsage(cpu);
  const rand = random(11);
  const authors = Array.from({ length: 300 }, () => {
    const paper = scaled[Math.floor(rand() * scaled.length)]!;
    return paper.authors[Math.floor(rand() * paper.authors.length)] ?? '';
  });
  const words = authors.map((a) => a.split(' '));
  const typical = [
    ...authors,
    ...words.map((w) => w.at(-1) ?? ''),
    ...words.map((w) => `${w[0]?.[0] ?? ''}. ${w.at(-1) ?? ''}`),
  ];
  console.log(
    `\n${n} papers, ${index.size} people: built in ${wall.toFixed(0)} ms wall, ${((used.user + used.system) / 1000).toFixed(0)} ms CPU`,
  );
  console.log(`  find, names in the corpus (full, surname, initial): ${timeFind(index, typical)}`);
  console.log(
    `  find, judged queries (mostly misses at this scale): ${timeFind(
      index,
      judged.map((q) => q.query),
    )}`,
  );
}

// ---------------------------------------------------------------------------------------
// Command line

const pct = (x: number) => `${(100 * x).toFixed(1)}%`.padStart(7);

function row(label: string, s: Scores): string {
  return [
    label.padEnd(26),
    String(s.queries).padStart(4),
    pct(s.microPrecision),
    pct(s.microRecall),
    pct(s.macroPrecision),
    pct(s.macroRecall),
    String(s.unanswered).padStart(5),
  ].join(' ');
}

function report(title: string, scores: readonly QueryScore[]): void {
  console.log(`\n${title}`);
  console.log(
    `${'kind'.padEnd(26)} ${'n'.padStart(4)} ${'µP'.padStart(7)} ${'µR'.padStart(7)} ${'macroP'.padStart(7)} ${'macroR'.padStart(7)} ${'none'.padStart(5)}`,
  );
  const kinds = [...new Set(scores.map((s) => s.query.kind))];
  for (const kind of kinds)
    console.log(row(kind, summarize(scores.filter((s) => s.query.kind === kind))));
  console.log(row('all', summarize(scores)));
}

function main(): void {
  const { values } = parseArgs({
    options: {
      data: { type: 'string', default: DEFAULT_DATA },
      queries: { type: 'string', default: DEFAULT_QUERIES },
      write: { type: 'boolean', default: false },
      verbose: { type: 'boolean', default: false },
      scale: { type: 'string' },
    },
  });
  const papers = loadVirtualConferencePapers(values.data);
  if (values.write) {
    const judged = generateJudgedSet(papers);
    writeFileSync(values.queries, `${JSON.stringify(judged, null, 1)}\n`);
    console.log(`wrote ${judged.length} judged queries to ${values.queries}`);
    return;
  }
  const judged = JSON.parse(readFileSync(values.queries, 'utf8')) as JudgedQuery[];
  const started = performance.now();
  const index = createAuthorIndex(papers);
  const built = performance.now() - started;
  const ours = evaluateAuthorSearch(judged, (q) => retrievedPapers(index, q));
  console.log(
    `${papers.length} papers, ${index.size} people, index built in ${built.toFixed(0)} ms; ${judged.length} judged queries`,
  );
  report('AuthorIndex.find', ours);
  report(
    'baseline: author name contains every query word',
    evaluateAuthorSearch(judged, substringBaseline(papers)),
  );
  if (values.scale) bench(papers, Number(values.scale), judged);
  if (values.verbose) {
    for (const s of ours.filter((s) => s.precision < 1 || s.recall < 1)) {
      console.log(
        `${s.query.kind.padEnd(26)} ${JSON.stringify(s.query.query).padEnd(32)} P=${s.precision.toFixed(2)} R=${s.recall.toFixed(2)} (${s.retrieved.length} returned, ${s.query.relevant.length} relevant)`,
      );
    }
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) main();
