/**
 * A realistic query set drawn from the corpus, deterministic for a seed: title phrases of one
 * to four words, author keywords, author names (full or surname), acronyms as written in
 * titles, and typo'd phrases — what attendees type into `/poster`.
 */

import type { Paper } from '../src/catalog/types.ts';
import { STOP_WORDS } from '../src/search/analyze.ts';
import { createRng, type Rng } from './prng.ts';

export type QueryKind = 'title' | 'keyword' | 'author' | 'acronym' | 'typo' | 'abstract';

export interface BenchQuery {
  kind: QueryKind;
  text: string;
}

const MIX: [QueryKind, number][] = [
  ['title', 0.3],
  ['keyword', 0.15],
  ['author', 0.15],
  ['acronym', 0.1],
  ['typo', 0.2],
  ['abstract', 0.1],
];

const ACRONYM_RE = /^[A-Z][A-Za-z0-9]*[A-Z][A-Za-z0-9]*$/;

const contentWords = (text: string) =>
  text
    .split(/\s+/)
    .map((w) => w.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, ''))
    .filter((w) => w.length >= 3 && !STOP_WORDS.has(w.toLowerCase()) && !/[$\\{}]/.test(w));

/** 1–4 consecutive content words of `text`, lower-cased as people type them. */
function phrase(text: string, rng: Rng): string | undefined {
  const words = contentWords(text);
  if (words.length === 0) return undefined;
  const length = Math.min(words.length, 1 + rng.int(4));
  const start = rng.int(words.length - length + 1);
  return words
    .slice(start, start + length)
    .join(' ')
    .toLowerCase();
}

/** One letter of one long word dropped, doubled, or swapped with its neighbour. */
function typo(text: string, rng: Rng): string | undefined {
  const words = text.split(' ');
  const long = words.map((w, i) => [w, i] as const).filter(([w]) => w.length >= 5);
  if (long.length === 0) return undefined;
  const [word, i] = rng.pick(long);
  const at = 1 + rng.int(word.length - 2);
  const kind = rng.int(3);
  words[i] =
    kind === 0
      ? word.slice(0, at) + word[at + 1] + word[at] + word.slice(at + 2)
      : kind === 1
        ? word.slice(0, at) + word.slice(at + 1)
        : word.slice(0, at) + word[at] + word.slice(at);
  return words.join(' ');
}

function draw(kind: QueryKind, papers: readonly Paper[], acronyms: string[], rng: Rng) {
  const paper = rng.pick(papers);
  switch (kind) {
    case 'title':
      return phrase(paper.title, rng);
    case 'abstract':
      return phrase(paper.abstract, rng)?.split(' ').slice(0, 2).join(' ');
    case 'keyword': {
      const short = paper.keywords.filter((k) => k.split(/\s+/).length <= 4);
      return short.length > 0 ? rng.pick(short).toLowerCase() : undefined;
    }
    case 'author': {
      if (paper.authors.length === 0) return undefined;
      const name = rng.pick(paper.authors);
      return rng.chance(0.5) ? name : name.split(' ').pop();
    }
    case 'acronym': {
      const acronym = rng.pick(acronyms);
      const extra = rng.chance(0.4) ? phrase(paper.title, rng)?.split(' ')[0] : undefined;
      return extra ? `${acronym} ${extra}` : acronym;
    }
    case 'typo': {
      const base = phrase(paper.title, rng);
      return base && typo(base, rng);
    }
  }
}

/** The kind whose share of `MIX` the roll (0..1) falls into. */
function pickKind(roll: number): QueryKind {
  let left = roll;
  for (const [kind, share] of MIX) {
    left -= share;
    if (left < 0) return kind;
  }
  return 'title';
}

/** `count` queries in a fixed order, mixed by kind as in `MIX`. */
export function generateQueries(papers: readonly Paper[], count: number, seed = 7): BenchQuery[] {
  const rng = createRng(seed);
  const acronyms = [
    ...new Set(papers.flatMap((p) => contentWords(p.title).filter((w) => ACRONYM_RE.test(w)))),
  ].sort();
  const queries: BenchQuery[] = [];
  while (queries.length < count) {
    const kind = pickKind(rng.next());
    const text = draw(kind, papers, acronyms, rng);
    if (text && text.length >= 2) queries.push({ kind, text });
  }
  return queries;
}
