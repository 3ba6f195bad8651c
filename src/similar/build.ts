/**
 * Neighbours for every paper of a catalogue, computed once when the catalogue loads.
 *
 * Each paper is a TF-IDF vector over its title, keywords and abstract (words and two-word
 * phrases, see terms.ts; sublinear term frequency, title and keywords weighted up, unit
 * length). Two papers are as close as the cosine of their vectors, plus a second-order term:
 * papers that the same close papers are close to are closer (one step of diffusion over the
 * neighbour graph), which recovers topical neighbours that word a topic differently. A
 * shared author adds a small bonus. `scripts/similar-eval.ts` measured each choice (see the
 * README): TF-IDF cosine alone, an LSA projection, BM25 more-like-this, with and without
 * phrases, diffusion and co-authors.
 *
 * Cost: candidates come from an inverted index, walked only for a paper's most weighty terms
 * and, per term, only its most weighty papers; the candidates found are then scored exactly.
 * No step compares every pair of papers, so 100k papers take seconds, not hours.
 */
import type { Paper } from '../catalog/types.ts';
import { foldText } from '../search/analyze.ts';
import { personKey } from '../search/names.ts';
import { type LsaOptions, lsaEmbed } from './lsa.ts';
import { Vocabulary, writtenForm } from './terms.ts';

/** How neighbours are computed; see {@link SIMILAR_DEFAULTS}. */
export interface SimilarOptions {
  /** Neighbours kept per paper (what a card or the CLI can show at most). */
  stored: number;
  /** Weight of one occurrence in each field, before the sublinear damping. */
  fieldWeights: { title: number; keywords: number; abstract: number };
  /** Count two-word phrases as terms of their own (`question answering`). */
  phrases: boolean;
  /** Weight of a phrase term relative to a word. */
  phraseWeight: number;
  /** Terms in more than this share of the papers say nothing about a topic and are ignored. */
  maxDocumentShare: number;
  /** A paper's most weighty terms walked to find candidates. */
  queryTerms: number;
  /** Papers walked per term: its most weighty ones. */
  postingCap: number;
  /** Postings contributing less than this to a candidate's score are not walked. */
  minContribution: number;
  /** Neighbours kept per paper for the diffusion step. */
  candidates: number;
  /** Candidates scored exactly, as a multiple of `candidates` (the best by a partial score). */
  rescored: number;
  /** Dimensions of the LSA space (0: no LSA). */
  lsaRank: number;
  /** Phrases are LSA terms too (else words only). */
  lsaPhrases: boolean;
  /** Tuning of the LSA step (sample, terms, iterations). */
  lsa: Partial<LsaOptions>;
  /** Share of the LSA cosine in a pair's first-order score (the rest is the TF-IDF cosine). */
  lsaWeight: number;
  /** Weight of the second-order similarity (0: plain cosine). */
  diffusion: number;
  /** Neighbours of each neighbour the second-order step walks (their best first). */
  diffusionWidth: number;
  /** Added to the score per person two papers share (0: ignore authors). */
  coauthorBonus: number;
  /** Terms shown in a "why" line. */
  whyTerms: number;
}

/** Defaults chosen by `npm run eval:similar` (README, "Similar posters"). */
export const SIMILAR_DEFAULTS: SimilarOptions = {
  stored: 10,
  fieldWeights: { title: 2, keywords: 2, abstract: 1 },
  phrases: true,
  phraseWeight: 1,
  maxDocumentShare: 0.2,
  queryTerms: 50,
  postingCap: 200,
  minContribution: 0.004,
  candidates: 50,
  rescored: 1.5,
  lsaRank: 80,
  lsaWeight: 0.5,
  lsa: { sample: 2000, powerIterations: 1, maxTerms: 8000 },
  lsaPhrases: true,
  diffusion: 30,
  diffusionWidth: 30,
  coauthorBonus: 0,
  whyTerms: 3,
};

/** No neighbour, no term: the filler of a short row. */
export const NONE = 0xffffffff;

/** A term is never too common to count while it is in at most this many papers. */
const MIN_COMMON_DF = 5;

/**
 * Neighbours of every paper, as flat typed arrays (cheap to store in a start-up snapshot and
 * to read back). Row `i` (`stored` slots) belongs to `papers[i]`; unused slots hold {@link NONE}.
 */
export interface SimilarData {
  /** Slots per paper. */
  stored: number;
  /** Terms per neighbour in {@link why}. */
  whyTerms: number;
  /** Positions of the neighbours in the catalogue, best first. */
  neighbours: Uint32Array;
  /** Their scores (cosine plus second-order and author terms; higher is closer). */
  scores: Float32Array;
  /** Per neighbour, `whyTerms` indexes into {@link surfaces}: the shared terms, most telling first. */
  why: Uint32Array;
  /** Shared terms as the paper asked about writes them (`question answering`, `BERT`). */
  surfaces: string[];
}

/** Papers as term vectors, in compressed rows, each row's weightiest terms first. */
interface Vectors {
  starts: Uint32Array;
  terms: Uint32Array;
  weights: Float32Array;
  /**
   * Per row entry, where the paper first writes the term: field (0 title, 1 abstract, 2 + k
   * keyword k) and span. Read back only for the few terms a "why" line shows.
   */
  fields: Uint32Array;
  spanStarts: Uint32Array;
  spanEnds: Uint32Array;
  /**
   * Per term, two slots: -1 and -1 for a word; for a two-word phrase, the term ids of its
   * words, or {@link UNKEPT} for a word not kept (too common, or in one paper only).
   */
  phraseWords: Int32Array;
  /** Terms kept, numbered from 0 in the order first met. */
  termCount: number;
}

/** In {@link Vectors.phraseWords}: a word of the phrase that is not a kept term. */
const UNKEPT = -2;

/** Builds the neighbours of every paper; `papers` in catalogue order. */
export function buildSimilarData(
  papers: readonly Paper[],
  options: Partial<SimilarOptions> = {},
): SimilarData {
  const o = { ...SIMILAR_DEFAULTS, ...options };
  const vectors = vectorize(papers, o);
  const titles = titleKeys(papers);
  const first = firstOrder(papers, vectors, titles, o);
  return finish(papers, vectors, first, titles, o);
}

// ---------------------------------------------------------------------------------------------
// Vectors

/** A typed array with room for at least `size` entries (doubling), contents kept. */
function ensure<T extends Uint32Array | Float32Array>(array: T, size: number): T {
  if (size <= array.length) return array;
  const bigger = new (array.constructor as new (n: number) => T)(Math.max(size, array.length * 2));
  bigger.set(array);
  return bigger;
}

function vectorize(papers: readonly Paper[], o: SimilarOptions): Vectors {
  const vocabulary = new Vocabulary();
  const n = papers.length;
  const starts = new Uint32Array(n + 1);
  let terms = new Uint32Array(1 << 16);
  let counts = new Float32Array(1 << 16);
  let fields = new Uint32Array(1 << 16);
  let spanStarts = new Uint32Array(1 << 16);
  let spanEnds = new Uint32Array(1 << 16);
  let df = new Uint32Array(1 << 16);
  let total = 0;
  // Term id → its entry in the paper being read: an entry of this paper when it lies
  // between the paper's start and `total` and holds that term (so nothing is ever reset).
  let slotOf = new Uint32Array(1 << 16);
  let paperStart = 0;
  let field = 0;
  let weight = 0;
  const visit = (id: number, start: number, end: number, isPhrase: boolean) => {
    const w = isPhrase ? weight * o.phraseWeight : weight;
    if (id >= slotOf.length) {
      slotOf = ensure(slotOf, id + 1);
      df = ensure(df, id + 1);
    }
    const slot = slotOf[id]!;
    if (slot >= paperStart && slot < total && terms[slot] === id) {
      counts[slot]! += w;
      return;
    }
    if (total >= terms.length) {
      terms = ensure(terms, total + 1);
      counts = ensure(counts, total + 1);
      fields = ensure(fields, total + 1);
      spanStarts = ensure(spanStarts, total + 1);
      spanEnds = ensure(spanEnds, total + 1);
    }
    slotOf[id] = total;
    terms[total] = id;
    counts[total] = w;
    fields[total] = field;
    spanStarts[total] = start;
    spanEnds[total] = end;
    total++;
    df[id]!++;
  };
  const read = (text: string, inField: number, fieldWeight: number) => {
    field = inField;
    weight = fieldWeight;
    vocabulary.scan(text, o.phrases, visit);
  };
  papers.forEach((paper, i) => {
    starts[i] = total;
    paperStart = total;
    // The abstract first: its sentence case is how a "why" line should show a term
    // (`vision transformer`), rather than a title's capitals.
    read(paper.abstract, 1, o.fieldWeights.abstract);
    read(paper.title, 0, o.fieldWeights.title);
    paper.keywords.forEach((keyword, k) => {
      read(keyword, 2 + k, o.fieldWeights.keywords);
    });
  });
  starts[n] = total;
  const termCount = vocabulary.size;
  // A floor, so that a small catalogue keeps the words its few papers share.
  const maxDf = Math.max(MIN_COMMON_DF, o.maxDocumentShare * n);
  const idf = new Float32Array(termCount);
  for (let t = 0; t < termCount; t++) idf[t] = df[t]! > maxDf ? 0 : Math.log((n + 1) / df[t]!);
  // Terms of one paper only (most phrases) match nothing: they count in the vector's
  // length, but are not stored, which makes every later step cheaper. The kept terms are
  // numbered anew, in the same order: the arrays indexed by term that later steps read at
  // random (a paper spread out, the postings' bounds) get half as long. (Numbering them by
  // document frequency was no faster, and reordered the LSA's random start.)
  const keptTerms: number[] = [];
  for (let t = 0; t < termCount; t++) if (df[t]! >= 2 && idf[t]! > 0) keptTerms.push(t);
  const renumber = new Int32Array(termCount).fill(UNKEPT);
  keptTerms.forEach((t, id) => {
    renumber[t] = id;
  });
  const phraseWords = new Int32Array(2 * keptTerms.length).fill(-1);
  keptTerms.forEach((t, id) => {
    const words = vocabulary.phraseWords(t);
    if (words === undefined) return;
    phraseWords[2 * id] = renumber[words[0]]!;
    phraseWords[2 * id + 1] = renumber[words[1]]!;
  });
  let kept = 0;
  for (let k = 0; k < total; k++) if (renumber[terms[k]!]! >= 0) kept++;
  const out = {
    starts: new Uint32Array(n + 1),
    terms: new Uint32Array(kept),
    weights: new Float32Array(kept),
    fields: new Uint32Array(kept),
    spanStarts: new Uint32Array(kept),
    spanEnds: new Uint32Array(kept),
    phraseWords,
    termCount: keptTerms.length,
  };
  const order: number[] = [];
  let at = 0;
  for (let i = 0; i < n; i++) {
    out.starts[i] = at;
    order.length = 0;
    let norm = 0;
    for (let k = starts[i]!; k < starts[i + 1]!; k++) {
      const value = (1 + Math.log(counts[k]!)) * idf[terms[k]!]!;
      norm += value * value;
      counts[k] = value;
      if (df[terms[k]!]! >= 2 && value > 0) order.push(k);
    }
    // Weightiest first (a paper's walk takes the head of its row): an insertion sort, which
    // for rows of a hundred terms beats both a sort call with a comparator and one global
    // order of every entry.
    for (let a = 1; a < order.length; a++) {
      const k = order[a]!;
      const value = counts[k]!;
      let b = a;
      while (b > 0 && counts[order[b - 1]!]! < value) {
        order[b] = order[b - 1]!;
        b--;
      }
      order[b] = k;
    }
    const scale = norm > 0 ? 1 / Math.sqrt(norm) : 0;
    for (const k of order) {
      out.terms[at] = renumber[terms[k]!]!;
      out.weights[at] = counts[k]! * scale;
      out.fields[at] = fields[k]!;
      out.spanStarts[at] = spanStarts[k]!;
      out.spanEnds[at] = spanEnds[k]!;
      at++;
    }
  }
  out.starts[n] = at;
  return out;
}

/** The array twice as long, contents kept. */
function grow<T extends Int32Array | Uint32Array | Float64Array>(array: T): T {
  const bigger = new (array.constructor as new (n: number) => T)(array.length * 2);
  bigger.set(array);
  return bigger;
}

/** Per row entry, the row (paper) it belongs to. */
function papersOfEntries(starts: Uint32Array, size: number): Uint32Array {
  const paperOf = new Uint32Array(size);
  for (let i = 0; i + 1 < starts.length; i++) paperOf.fill(i, starts[i]!, starts[i + 1]!);
  return paperOf;
}

/** How paper `i` writes the term at row entry `k` (see {@link Vectors.fields}). */
function surfaceAt(papers: readonly Paper[], vectors: Vectors, i: number, k: number): string {
  const paper = papers[i]!;
  const field = vectors.fields[k]!;
  const text =
    field === 0 ? paper.title : field === 1 ? paper.abstract : paper.keywords[field - 2]!;
  return writtenForm(text, vectors.spanStarts[k]!, vectors.spanEnds[k]!);
}

/**
 * Term → its papers with weights, each term's list weightiest first (a walk can stop where
 * contributions get small) and cut to its `cap` weightiest papers. The lists are filled from
 * one pass over every entry in order of weight, rather than sorted one by one.
 */
function postings(vectors: Vectors, cap: number) {
  const { starts, terms, weights, termCount } = vectors;
  const counts = new Uint32Array(termCount + 1);
  for (let k = 0; k < terms.length; k++) counts[terms[k]! + 1]!++;
  for (let t = 0; t < termCount; t++) counts[t + 1] = counts[t]! + Math.min(counts[t + 1]!, cap);
  const paperOf = papersOfEntries(starts, terms.length);
  const ends = counts.slice(0, termCount);
  const docs = new Uint32Array(counts[termCount]!);
  const values = new Float32Array(counts[termCount]!);
  const order = byWeight(weights);
  for (let j = 0; j < order.length; j++) {
    const k = order[j]!;
    const t = terms[k]!;
    if (ends[t]! - counts[t]! >= cap) continue;
    const slot = ends[t]!++;
    docs[slot] = paperOf[k]!;
    values[slot] = weights[k]!;
  }
  return { starts: counts, ends, docs, values };
}

/**
 * Positions of `weights` (all positive), largest first, ties in position order: a radix sort
 * on the bits of the floats, which order as the numbers do while positive.
 */
function byWeight(weights: Float32Array): Uint32Array {
  const size = weights.length;
  const bits = new Uint32Array(weights.buffer, weights.byteOffset, size);
  let from: Uint32Array = new Uint32Array(size);
  for (let k = 0; k < size; k++) from[k] = k;
  let to: Uint32Array = new Uint32Array(size);
  const count = new Uint32Array(1 << 16);
  for (let shift = 0; shift < 32; shift += 16) {
    count.fill(0);
    // Descending: the complement of each 16-bit digit.
    for (let k = 0; k < size; k++) count[0xffff - ((bits[k]! >>> shift) & 0xffff)]!++;
    let sum = 0;
    for (let d = 0; d < count.length; d++) {
      const c = count[d]!;
      count[d] = sum;
      sum += c;
    }
    for (let j = 0; j < size; j++) {
      const k = from[j]!;
      to[count[0xffff - ((bits[k]! >>> shift) & 0xffff)]!++] = k;
    }
    [from, to] = [to, from];
  }
  return from;
}

// ---------------------------------------------------------------------------------------------
// First-order neighbours

/** Per paper, its `candidates` best neighbours by cosine plus author bonus, best first. */
interface NeighbourLists {
  width: number;
  ids: Uint32Array;
  scores: Float32Array;
}

/**
 * Keeps the `width` best (score, id) pairs seen: a min-heap on the score, so most offers are
 * rejected by one comparison with the weakest kept and the others cost a logarithm, not a
 * shift of the whole list. {@link sort} puts them best first (ties: lower id first).
 */
class TopK {
  readonly ids: Uint32Array;
  readonly scores: Float64Array;
  size = 0;
  constructor(readonly width: number) {
    this.ids = new Uint32Array(width);
    this.scores = new Float64Array(width);
  }
  clear() {
    this.size = 0;
  }
  offer(id: number, score: number) {
    const { ids, scores, width } = this;
    if (this.size < width) {
      // Sift up.
      let at = this.size++;
      while (at > 0) {
        const parent = (at - 1) >> 1;
        if (!weaker(score, id, scores[parent]!, ids[parent]!)) break;
        scores[at] = scores[parent]!;
        ids[at] = ids[parent]!;
        at = parent;
      }
      scores[at] = score;
      ids[at] = id;
      return;
    }
    if (!weaker(scores[0]!, ids[0]!, score, id)) return;
    this.siftDown(0, this.size, id, score);
  }
  /** Best first; the heap is used up (offer again only after {@link clear}). */
  sort(): this {
    const { ids, scores } = this;
    for (let end = this.size - 1; end > 0; end--) {
      const id = ids[end]!;
      const score = scores[end]!;
      ids[end] = ids[0]!;
      scores[end] = scores[0]!;
      this.siftDown(0, end, id, score);
    }
    return this;
  }
  /** Places (id, score) at `at` or below, in a heap of `size`. */
  private siftDown(at: number, size: number, id: number, score: number) {
    const { ids, scores } = this;
    for (;;) {
      let child = 2 * at + 1;
      if (child >= size) break;
      if (
        child + 1 < size &&
        weaker(scores[child + 1]!, ids[child + 1]!, scores[child]!, ids[child]!)
      )
        child++;
      if (!weaker(scores[child]!, ids[child]!, score, id)) break;
      scores[at] = scores[child]!;
      ids[at] = ids[child]!;
      at = child;
    }
    scores[at] = score;
    ids[at] = id;
  }
}

/** Whether (score a, id a) ranks below (score b, id b): a lower score, or a higher id. */
function weaker(scoreA: number, idA: number, scoreB: number, idB: number): boolean {
  return scoreA < scoreB || (scoreA === scoreB && idA > idB);
}

/** Papers each person wrote, by position (people as the author index groups them). */
function papersByPerson(papers: readonly Paper[]): number[][] {
  const byKey = new Map<string, number[]>();
  papers.forEach((paper, i) => {
    for (const name of new Set(paper.authors.map(personKey))) {
      if (name === '') continue;
      const list = byKey.get(name);
      if (list) list.push(i);
      else byKey.set(name, [i]);
    }
  });
  const perPaper: number[][] = papers.map(() => []);
  for (const list of byKey.values()) {
    if (list.length < 2) continue;
    for (const i of list) perPaper[i]!.push(...list);
  }
  return perPaper;
}

/**
 * The same paper under another id (listed in two files): same folded title. Per paper, a
 * number shared by exactly the papers with its title (numbers compare faster than strings
 * in the inner loops).
 */
function titleKeys(papers: readonly Paper[]): Uint32Array {
  const ids = new Map<string, number>();
  return Uint32Array.from(papers, (p) => {
    const key = foldText(p.title).replace(/[^\p{L}\p{N}]+/gu, '');
    let id = ids.get(key);
    if (id === undefined) {
      id = ids.size;
      ids.set(key, id);
    }
    return id;
  });
}

function firstOrder(
  papers: readonly Paper[],
  vectors: Vectors,
  titles: Uint32Array,
  o: SimilarOptions,
): NeighbourLists {
  const n = papers.length;
  const width = o.candidates;
  const post = postings(vectors, o.postingCap);
  const coauthors = o.coauthorBonus > 0 ? papersByPerson(papers) : undefined;
  const ids = new Uint32Array(n * width).fill(NONE);
  const scores = new Float32Array(n * width);
  const approx = new Float32Array(n);
  const touched = new Uint32Array(n);
  const pickWidth = Math.ceil(width * o.rescored);
  const pick = new TopK(pickWidth);
  const dense = new Float32Array(vectors.termCount);
  const rank = o.lsaRank;
  const embedding =
    rank > 0 && o.lsaWeight > 0
      ? lsaEmbed(
          vectors,
          { rank, ...o.lsa },
          o.lsaPhrases ? undefined : (t) => vectors.phraseWords[2 * t] === -1,
        )
      : undefined;
  const alpha = embedding ? o.lsaWeight : 0;
  const lsa = embedding ?? new Float32Array(0);
  const exact = new TopK(width);
  // Scores are symmetric, and most candidates of a paper have it among theirs: a pair's
  // score, once computed for the earlier paper, waits for the later one in a list per paper
  // (typed arrays: head, next, other paper, score), so each such pair is computed once.
  const waiting = new Int32Array(n).fill(-1);
  let waitNext = new Int32Array(n * 8);
  let waitPaper = new Uint32Array(n * 8);
  let waitScore = new Float64Array(n * 8);
  let waitCount = 0;
  const known = new Float64Array(n);
  const knownFor = new Int32Array(n).fill(-1);
  const { starts, terms, weights } = vectors;
  const { starts: postStarts, ends: postEnds, docs: postDocs, values: postValues } = post;
  for (let d = 0; d < n; d++) {
    let touchedCount = 0;
    // The paper's weightiest terms: the head of its row.
    const last = Math.min(starts[d + 1]!, starts[d]! + o.queryTerms);
    for (let k = starts[d]!; k < last; k++) {
      const t = terms[k]!;
      const w = weights[k]!;
      const least = o.minContribution / w;
      for (let p = postStarts[t]!; p < postEnds[t]!; p++) {
        const value = postValues[p]!;
        if (value < least) break;
        const e = postDocs[p]!;
        if (approx[e] === 0) touched[touchedCount++] = e;
        approx[e]! += w * value;
      }
    }
    for (const e of coauthors?.[d] ?? []) {
      if (approx[e] === 0) touched[touchedCount++] = e;
      approx[e]! += o.coauthorBonus;
    }
    pick.clear();
    // Never the paper itself, nor a copy of it (the paper has its own title).
    const title = titles[d]!;
    for (let c = 0; c < touchedCount; c++) {
      const e = touched[c]!;
      // Most candidates fall below the weakest kept: rejected here, without a call.
      const a = approx[e]!;
      if ((pick.size < pickWidth || a >= pick.scores[0]!) && titles[e] !== title) pick.offer(e, a);
      approx[e] = 0;
    }
    // Exact scores for the best approximate candidates.
    exact.clear();
    const bonus = coauthors && new Map<number, number>();
    for (const e of coauthors?.[d] ?? []) bonus!.set(e, (bonus!.get(e) ?? 0) + o.coauthorBonus);
    // The paper's vector spread out once, so each candidate costs only its own terms.
    for (let k = starts[d]!; k < starts[d + 1]!; k++) dense[terms[k]!] = weights[k]!;
    const at = d * rank;
    for (let x = waiting[d]!; x >= 0; x = waitNext[x]!) {
      known[waitPaper[x]!] = waitScore[x]!;
      knownFor[waitPaper[x]!] = d;
    }
    const pickIds = pick.ids;
    const picked = pick.size;
    for (let c = 0; c < picked; c++) {
      const e = pickIds[c]!;
      let score: number;
      if (knownFor[e] === d) score = known[e]!;
      else {
        // Two and four running sums: one sum waits on each addition before the next.
        let cos0 = 0;
        let cos1 = 0;
        const end = starts[e + 1]!;
        let k = starts[e]!;
        for (; k + 1 < end; k += 2) {
          cos0 += dense[terms[k]!]! * weights[k]!;
          cos1 += dense[terms[k + 1]!]! * weights[k + 1]!;
        }
        if (k < end) cos0 += dense[terms[k]!]! * weights[k]!;
        const cos = cos0 + cos1;
        score = cos;
        if (alpha > 0) {
          let l0 = 0;
          let l1 = 0;
          let l2 = 0;
          let l3 = 0;
          const b = e * rank;
          let r = 0;
          for (; r + 3 < rank; r += 4) {
            l0 += lsa[at + r]! * lsa[b + r]!;
            l1 += lsa[at + r + 1]! * lsa[b + r + 1]!;
            l2 += lsa[at + r + 2]! * lsa[b + r + 2]!;
            l3 += lsa[at + r + 3]! * lsa[b + r + 3]!;
          }
          for (; r < rank; r++) l0 += lsa[at + r]! * lsa[b + r]!;
          score = (1 - alpha) * cos + alpha * (l0 + l1 + (l2 + l3));
        }
        if (e > d) {
          if (waitCount === waitNext.length) {
            waitNext = grow(waitNext);
            waitPaper = grow(waitPaper);
            waitScore = grow(waitScore);
          }
          waitNext[waitCount] = waiting[e]!;
          waitPaper[waitCount] = d;
          waitScore[waitCount] = score;
          waiting[e] = waitCount++;
        }
      }
      exact.offer(e, bonus === undefined ? score : score + (bonus.get(e) ?? 0));
    }
    for (let k = starts[d]!; k < starts[d + 1]!; k++) dense[terms[k]!] = 0;
    exact.sort();
    for (let c = 0; c < exact.size; c++) {
      ids[d * width + c] = exact.ids[c]!;
      scores[d * width + c] = exact.scores[c]!;
    }
  }
  return { width, ids, scores };
}

// ---------------------------------------------------------------------------------------------
// Diffusion, conference order, why

function finish(
  papers: readonly Paper[],
  vectors: Vectors,
  first: NeighbourLists,
  titles: Uint32Array,
  o: SimilarOptions,
): SimilarData {
  const n = papers.length;
  const { width } = first;
  const stored = o.stored;
  const neighbours = new Uint32Array(n * stored).fill(NONE);
  const scores = new Float32Array(n * stored);
  const why = new Uint32Array(n * stored * o.whyTerms).fill(NONE);
  const conferences = conferenceIds(papers);
  const combined = new Float64Array(n);
  const touched = new Uint32Array(n);
  const same = new TopK(stored);
  const other = new TopK(stored);
  const shared = new SharedTerms(papers, vectors);
  const spread = o.diffusion / width;
  const hops = Math.min(width, o.diffusionWidth);
  for (let d = 0; d < n; d++) {
    shared.of(d);
    let touchedCount = 0;
    const title = titles[d]!;
    for (let c = 0; c < width; c++) {
      const e = first.ids[d * width + c]!;
      if (e === NONE) break;
      const s = first.scores[d * width + c]!;
      if (combined[e] === 0) touched[touchedCount++] = e;
      combined[e]! += s;
      if (spread === 0) continue;
      // Papers close to this close paper: weighted by both closenesses.
      const weight = spread * s;
      for (let c2 = e * width; c2 < e * width + hops; c2++) {
        const f = first.ids[c2]!;
        if (f === NONE) break;
        if (titles[f] === title) continue;
        if (combined[f] === 0) touched[touchedCount++] = f;
        combined[f]! += weight * first.scores[c2]!;
      }
    }
    same.clear();
    other.clear();
    for (let c = 0; c < touchedCount; c++) {
      const e = touched[c]!;
      const list = conferences[e] === conferences[d] ? same : other;
      const score = combined[e]!;
      if (list.size < stored || score >= list.scores[0]!) list.offer(e, score);
      combined[e] = 0;
    }
    // Same conference first, then the rest, each best first.
    same.sort();
    other.sort();
    let slot = 0;
    for (let half = 0; half < 2; half++) {
      const list = half === 0 ? same : other;
      for (let c = 0; c < list.size && slot < stored; c++, slot++) {
        const e = list.ids[c]!;
        neighbours[d * stored + slot] = e;
        scores[d * stored + slot] = list.scores[c]!;
        shared.with(e, o.whyTerms, why, (d * stored + slot) * o.whyTerms);
      }
    }
  }
  return {
    stored,
    whyTerms: o.whyTerms,
    neighbours,
    scores,
    why,
    surfaces: shared.surfaces,
  };
}

/** Per paper, a number shared by exactly the papers of its conference. */
function conferenceIds(papers: readonly Paper[]): Uint32Array {
  const ids = new Map<string, number>();
  return Uint32Array.from(papers, (p) => {
    const key = p.conference ?? '';
    let id = ids.get(key);
    if (id === undefined) {
      id = ids.size;
      ids.set(key, id);
    }
    return id;
  });
}

/** Shared terms looked at per "why" line, weightiest first, before phrases absorb words. */
const WHY_CANDIDATES = 8;
/** A phrase reads better than either of its words: it goes first unless clearly weaker. */
const PHRASE_PREFERENCE = 1.5;

/**
 * The terms a paper shares with its neighbours that weigh most in their closeness, as the
 * paper writes them: a phrase rather than its words (`question answering`, not `question`
 * and `answering`), and no spelling twice. The paper is spread into dense arrays once (`of`),
 * so each neighbour costs only a walk over its own terms.
 */
class SharedTerms {
  /** Every surface a "why" line shows, by id. */
  readonly surfaces: string[] = [];
  private readonly surfaceIds = new Map<string, number>();
  /** Per row entry, the id of its surface once asked for (-1 before). */
  private readonly entrySurface: Int32Array;
  /** Per surface id, an id shared by the surfaces equal but for case. */
  private readonly folded: number[] = [];
  private readonly foldedIds = new Map<string, number>();
  private readonly weight: Float32Array;
  private readonly entry: Int32Array;
  /** Per term, the call of {@link with} that last covered it. */
  private readonly covered: Uint32Array;
  /** Per term, 1 for a two-word phrase. */
  private readonly isPhrase: Uint8Array;
  private call = 0;
  private readonly top = new TopK(WHY_CANDIDATES);
  private readonly chosenTerms = new Uint32Array(WHY_CANDIDATES);
  private readonly chosenSurfaces = new Uint32Array(WHY_CANDIDATES);
  private paper = -1;
  /** The weight of the paper's weightiest term (the first of its row). */
  private heaviest = 0;

  constructor(
    private readonly papers: readonly Paper[],
    private readonly vectors: Vectors,
  ) {
    this.weight = new Float32Array(vectors.termCount);
    this.entry = new Int32Array(vectors.termCount);
    this.covered = new Uint32Array(vectors.termCount);
    this.isPhrase = new Uint8Array(vectors.termCount);
    for (let t = 0; t < vectors.termCount; t++) {
      if (vectors.phraseWords[2 * t] !== -1) this.isPhrase[t] = 1;
    }
    this.entrySurface = new Int32Array(vectors.terms.length).fill(-1);
  }

  /** Makes `paper` the one whose neighbours are asked about next. */
  of(paper: number): this {
    const { starts, terms, weights } = this.vectors;
    if (this.paper >= 0) {
      for (let k = starts[this.paper]!; k < starts[this.paper + 1]!; k++)
        this.weight[terms[k]!] = 0;
    }
    this.paper = paper;
    this.heaviest = starts[paper + 1]! > starts[paper]! ? weights[starts[paper]!]! : 0;
    for (let k = starts[paper]!; k < starts[paper + 1]!; k++) {
      this.weight[terms[k]!] = weights[k]!;
      this.entry[terms[k]!] = k;
    }
    return this;
  }

  /**
   * Up to `max` terms shared with `neighbour`, most telling first, as ids of {@link surfaces}
   * written to `out` from `at` (slots left as they are when fewer terms are shared).
   */
  with(neighbour: number, max: number, out: Uint32Array, at: number): void {
    const { starts, terms, weights, phraseWords } = this.vectors;
    const top = this.top;
    top.clear();
    // The neighbour's row is weightiest first, and no term of the paper weighs more than its
    // first: once the weakest term kept beats what the rest of the row could reach, stop.
    // (The margin covers rounding: the walk stops a little late, never early.)
    const reach = this.heaviest * PHRASE_PREFERENCE * (1 + 1e-9);
    const end = starts[neighbour + 1]!;
    for (let k = starts[neighbour]!; k < end; k++) {
      if (top.size === WHY_CANDIDATES && top.scores[0]! > weights[k]! * reach) break;
      const term = terms[k]!;
      const w = this.weight[term]! * weights[k]!;
      if (w > 0) top.offer(term, this.isPhrase[term] === 1 ? w * PHRASE_PREFERENCE : w);
    }
    this.top.sort();
    const call = ++this.call;
    // The terms chosen so far and their surfaces, in scratch arrays reused by every call.
    const { chosenTerms, chosenSurfaces } = this;
    let chosen = 0;
    for (let c = 0; c < this.top.size && chosen < max; c++) {
      const term = this.top.ids[c]!;
      if (this.covered[term] === call) continue;
      if (this.isPhrase[term] === 1) {
        // A phrase replaces its words already chosen, and covers them from now on (a word
        // not kept is never chosen).
        const first = phraseWords[2 * term]!;
        const second = phraseWords[2 * term + 1]!;
        let kept = 0;
        for (let x = 0; x < chosen; x++) {
          const t = chosenTerms[x]!;
          if (t === first || t === second) continue;
          chosenTerms[kept] = t;
          chosenSurfaces[kept++] = chosenSurfaces[x]!;
        }
        chosen = kept;
        if (first >= 0) this.covered[first] = call;
        if (second >= 0) this.covered[second] = call;
      }
      this.covered[term] = call;
      const surface = this.surfaceOf(this.entry[term]!);
      const folded = this.folded[surface]!;
      let spelled = false;
      for (let x = 0; x < chosen && !spelled; x++) {
        spelled = this.folded[chosenSurfaces[x]!] === folded;
      }
      if (spelled) continue;
      chosenTerms[chosen] = term;
      chosenSurfaces[chosen++] = surface;
    }
    for (let x = 0; x < chosen; x++) out[at + x] = chosenSurfaces[x]!;
  }

  /** The surface id of row entry `k` of the paper asked about (made once per entry). */
  private surfaceOf(k: number): number {
    let id = this.entrySurface[k]!;
    if (id >= 0) return id;
    const surface = surfaceAt(this.papers, this.vectors, this.paper, k);
    id = this.surfaceIds.get(surface) ?? -1;
    if (id < 0) {
      id = this.surfaces.length;
      this.surfaces.push(surface);
      this.surfaceIds.set(surface, id);
      const lower = surface.toLowerCase();
      let folded = this.foldedIds.get(lower);
      if (folded === undefined) {
        folded = this.foldedIds.size;
        this.foldedIds.set(lower, folded);
      }
      this.folded.push(folded);
    }
    this.entrySurface[k] = id;
    return id;
  }
}
