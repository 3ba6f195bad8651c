/**
 * `npm run eval:similar`: how on-topic the "Similar" neighbours are (../shared/eval/README.md,
 * "Similar posters"). P@5 with "same submission track" as the label, over the EMNLP 2020
 * papers of virtual_conferences_2020.jsonl whose track is not `findings`, beside random
 * neighbours, plain TF-IDF cosine, and the SPECTER lists the conference shipped; then the
 * same measure on ACL 2020 (by track), a conference the method was not tuned on.
 *
 * Two pools: the evaluated papers alone (how the shipped lists were made), and the whole file
 * as the bot loads it (three conferences, same conference first; EMNLP's Findings papers are
 * then candidates, and never count as the same track).
 *
 * With --variants it also prints what was tried on the way (README, "Similar posters"):
 * LSA, BM25 more-like-this, and the shipped method with each of its parts switched off.
 *
 * Usage: npm run eval:similar [-- --variants] [--data FILE]
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { parseJsonLines } from '../src/catalog/json-lines.ts';
import type { Paper } from '../src/catalog/types.ts';
import { analyze } from '../src/search/analyze.ts';
import { buildSimilarData, NONE, type SimilarOptions } from '../src/similar/build.ts';
import { Vocabulary } from '../src/similar/terms.ts';

const { values } = parseArgs({
  options: {
    data: { type: 'string', default: '../shared/data/virtual_conferences_2020.jsonl' },
    specter: { type: 'string', default: '../shared/data/anchors/emnlp2020-specter-recs.json' },
    variants: { type: 'boolean', default: false },
  },
});

const K = 5;
const all = parseJsonLines(readFileSync(values.data!, 'utf8'), values.data!).papers;
const emnlp = all.filter((p) => p.conference === 'EMNLP 2020' && p.track !== 'findings');
const acl = all.filter((p) => p.conference === 'ACL 2020');

/** Neighbour lists (catalogue positions) of every paper of a pool. */
type Method = (pool: readonly Paper[]) => number[][];

/** Mean share of the first K neighbours in the same track, over `targets` (ids). */
function precisionAtK(pool: readonly Paper[], lists: number[][], targets: Set<string>): number {
  let sum = 0;
  let count = 0;
  pool.forEach((paper, i) => {
    if (!targets.has(paper.id)) return;
    const top = lists[i]!.slice(0, K);
    sum += top.filter((j) => j >= 0 && pool[j]!.track === paper.track).length / K;
    count++;
  });
  return count === 0 ? 0 : sum / count;
}

// ---------------------------------------------------------------------------------------------
// Methods

const ours =
  (options: Partial<SimilarOptions> = {}): Method =>
  (pool) => {
    const data = buildSimilarData(pool, options);
    return pool.map((_, i) => {
      const row = Array.from(data.neighbours.subarray(i * data.stored, (i + 1) * data.stored));
      return row.filter((j) => j !== NONE);
    });
  };

/** A fixed-seed generator (mulberry32), so "random" is the same every run. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const random: Method = (pool) => {
  const next = rng(11);
  return pool.map((_, i) => {
    const picked = new Set<number>();
    while (picked.size < Math.min(K, pool.length - 1)) {
      const j = Math.floor(next() * pool.length);
      if (j !== i) picked.add(j);
    }
    return [...picked];
  });
};

/** Sparse vectors as term → weight maps. */
type Vector = Map<string, number>;

function cosineTop(vectors: Vector[], conferences: string[]): number[][] {
  const byTerm = new Map<string, [number, number][]>();
  vectors.forEach((v, i) => {
    for (const [t, w] of v) {
      const list = byTerm.get(t);
      if (list) list.push([i, w]);
      else byTerm.set(t, [[i, w]]);
    }
  });
  return vectors.map((v, i) => {
    const scores = new Map<number, number>();
    for (const [t, w] of v) {
      for (const [j, w2] of byTerm.get(t)!)
        if (j !== i) scores.set(j, (scores.get(j) ?? 0) + w * w2);
    }
    return rankSameConferenceFirst(scores, conferences, i);
  });
}

function rankSameConferenceFirst(scores: Map<number, number>, conferences: string[], i: number) {
  return [...scores]
    .sort(
      (a, b) =>
        Number(conferences[b[0]] === conferences[i]) -
          Number(conferences[a[0]] === conferences[i]) || b[1] - a[1],
    )
    .slice(0, K)
    .map(([j]) => j);
}

function unit(v: Vector): Vector {
  let norm = 0;
  for (const w of v.values()) norm += w * w;
  const scale = norm > 0 ? 1 / Math.sqrt(norm) : 0;
  for (const [t, w] of v) v.set(t, w * scale);
  return v;
}

function counts(terms: string[]): Vector {
  const v: Vector = new Map();
  for (const t of terms) v.set(t, (v.get(t) ?? 0) + 1);
  return v;
}

function documentFrequencies(bags: Vector[]): Map<string, number> {
  const df = new Map<string, number>();
  for (const bag of bags) for (const t of bag.keys()) df.set(t, (df.get(t) ?? 0) + 1);
  return df;
}

/** Plain TF-IDF cosine: title and abstract, search's analysis, tf × log(N/df). */
const plainTfidf: Method = (pool) => {
  const bags = pool.map((p) => counts(analyze(`${p.title} ${p.abstract}`)));
  const df = documentFrequencies(bags);
  const vectors = bags.map((bag) => {
    const v: Vector = new Map();
    for (const [t, c] of bag) v.set(t, c * Math.log(pool.length / df.get(t)!));
    return unit(v);
  });
  return cosineTop(
    vectors,
    pool.map((p) => p.conference ?? ''),
  );
};

/** Words of title (twice), keywords (twice) and abstract, as the shipped method reads them. */
const vocabulary = new Vocabulary();
function bagOf(p: Paper): Vector {
  const terms: string[] = [];
  const add = (text: string) =>
    vocabulary.scan(text, false, (id) => {
      terms.push(vocabulary.key(id));
    });
  for (const text of [p.title, p.title, ...p.keywords, ...p.keywords, p.abstract]) add(text);
  return counts(terms);
}

function sublinearTfidf(pool: readonly Paper[]): { vectors: Vector[]; terms: string[] } {
  const bags = pool.map(bagOf);
  const df = documentFrequencies(bags);
  const vectors = bags.map((bag) => {
    const v: Vector = new Map();
    for (const [t, c] of bag) {
      const d = df.get(t)!;
      if (d > 1) v.set(t, (1 + Math.log(c)) * Math.log(pool.length / d));
    }
    return unit(v);
  });
  return { vectors, terms: [...df.keys()].filter((t) => df.get(t)! > 1) };
}

/** BM25 more-like-this: a paper's 25 weightiest TF-IDF terms as a BM25 query. */
const bm25MoreLikeThis: Method = (pool) => {
  const { vectors } = sublinearTfidf(pool);
  const bags = pool.map(bagOf);
  const df = documentFrequencies(bags);
  const lengths = bags.map((b) => [...b.values()].reduce((s, c) => s + c, 0));
  const avg = lengths.reduce((s, l) => s + l, 0) / pool.length;
  const byTerm = new Map<string, [number, number][]>();
  bags.forEach((bag, i) => {
    for (const [t, c] of bag) {
      const list = byTerm.get(t);
      if (list) list.push([i, c]);
      else byTerm.set(t, [[i, c]]);
    }
  });
  const conferences = pool.map((p) => p.conference ?? '');
  return vectors.map((v, i) => {
    const query = [...v].sort((a, b) => b[1] - a[1]).slice(0, 25);
    const scores = new Map<number, number>();
    for (const [t] of query) {
      const d = df.get(t)!;
      const idf = Math.log(1 + (pool.length - d + 0.5) / (d + 0.5));
      for (const [j, c] of byTerm.get(t)!) {
        if (j === i) continue;
        const tf = (c * 2.2) / (c + 1.2 * (0.25 + (0.75 * lengths[j]!) / avg));
        scores.set(j, (scores.get(j) ?? 0) + idf * tf);
      }
    }
    return rankSameConferenceFirst(scores, conferences, i);
  });
};

/**
 * LSA: the TF-IDF matrix projected on its top `rank` singular vectors (randomised SVD with
 * two power iterations), papers compared by cosine in that space.
 */
const lsa =
  (rank: number): Method =>
  (pool) => {
    const { vectors, terms } = sublinearTfidf(pool);
    const termIndex = new Map(terms.map((t, i) => [t, i]));
    const rows = vectors.map((v) =>
      [...v].flatMap(([t, w]) => (termIndex.has(t) ? [[termIndex.get(t)!, w] as const] : [])),
    );
    const m = terms.length;
    const width = rank + 10;
    const next = rng(7);
    // A · X (n × width) and Aᵀ · Y (m × width), A the n × m TF-IDF matrix.
    const times = (x: Float64Array[]) =>
      rows.map((row) => {
        const out = new Float64Array(width);
        for (const [t, w] of row) for (let c = 0; c < width; c++) out[c]! += w * x[t]![c]!;
        return out;
      });
    const timesT = (y: Float64Array[]) => {
      const out = Array.from({ length: m }, () => new Float64Array(width));
      rows.forEach((row, i) => {
        for (const [t, w] of row) for (let c = 0; c < width; c++) out[t]![c]! += w * y[i]![c]!;
      });
      return out;
    };
    const orthonormalize = (y: Float64Array[]) => {
      for (let c = 0; c < width; c++) {
        for (let p = 0; p < c; p++) {
          let dot = 0;
          for (const r of y) dot += r[c]! * r[p]!;
          for (const r of y) r[c]! -= dot * r[p]!;
        }
        let norm = 0;
        for (const r of y) norm += r[c]! ** 2;
        const s = norm > 0 ? 1 / Math.sqrt(norm) : 0;
        for (const r of y) r[c]! *= s;
      }
      return y;
    };
    const omega = Array.from({ length: m }, () =>
      Float64Array.from({ length: width }, () => next() - 0.5),
    );
    let q = orthonormalize(times(omega));
    for (let it = 0; it < 2; it++) q = orthonormalize(times(orthonormalize(timesT(q))));
    // B = Qᵀ A (width × m); eigenvectors of B Bᵀ by Jacobi rotations give A's top subspace.
    const bt = timesT(q);
    const g = Array.from({ length: width }, (_, a) =>
      Float64Array.from({ length: width }, (_, b) => bt.reduce((s, r) => s + r[a]! * r[b]!, 0)),
    );
    const vecs = Array.from({ length: width }, (_, a) =>
      Float64Array.from({ length: width }, (_, b) => (a === b ? 1 : 0)),
    );
    for (let sweep = 0; sweep < 12; sweep++) {
      for (let a = 0; a < width; a++) {
        for (let b = a + 1; b < width; b++) {
          const apq = g[a]![b]!;
          if (Math.abs(apq) < 1e-12) continue;
          const theta = (g[b]![b]! - g[a]![a]!) / (2 * apq);
          const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
          const c = 1 / Math.sqrt(t * t + 1);
          const s = t * c;
          for (let k = 0; k < width; k++) {
            const gka = g[k]![a]!;
            const gkb = g[k]![b]!;
            g[k]![a] = c * gka - s * gkb;
            g[k]![b] = s * gka + c * gkb;
          }
          for (let k = 0; k < width; k++) {
            const gak = g[a]![k]!;
            const gbk = g[b]![k]!;
            g[a]![k] = c * gak - s * gbk;
            g[b]![k] = s * gak + c * gbk;
          }
          for (let k = 0; k < width; k++) {
            const vka = vecs[k]![a]!;
            const vkb = vecs[k]![b]!;
            vecs[k]![a] = c * vka - s * vkb;
            vecs[k]![b] = s * vka + c * vkb;
          }
        }
      }
    }
    const top = Array.from({ length: width }, (_, a) => a)
      .sort((a, b) => g[b]![b]! - g[a]![a]!)
      .slice(0, rank);
    // Paper coordinates: Q · U scaled by the singular values (U Σ = A V).
    const embed = q.map((row) => {
      const out = top.map((a) => {
        let s = 0;
        for (let k = 0; k < width; k++) s += row[k]! * vecs[k]![a]!;
        return s * Math.sqrt(Math.max(0, g[a]![a]!));
      });
      const norm = Math.sqrt(out.reduce((s, x) => s + x * x, 0)) || 1;
      return out.map((x) => x / norm);
    });
    const conferences = pool.map((p) => p.conference ?? '');
    return embed.map((e, i) => {
      const scores = new Map<number, number>();
      embed.forEach((f, j) => {
        if (j !== i)
          scores.set(
            j,
            e.reduce((s, x, k) => s + x * f[k]!, 0),
          );
      });
      return rankSameConferenceFirst(scores, conferences, i);
    });
  };

/** The SPECTER lists shipped by EMNLP 2020 (uids; papers not in the file count as misses). */
const specter: Method = (pool) => {
  const recs = JSON.parse(readFileSync(values.specter!, 'utf8')) as Record<string, string[]>;
  const byUid = new Map(
    pool
      .filter((p) => p.conference === 'EMNLP 2020')
      .map((p) => [p.id.slice(p.id.indexOf(':') + 1), pool.indexOf(p)] as const),
  );
  return pool.map((p) => {
    if (p.conference !== 'EMNLP 2020') return [];
    const list = recs[p.id.slice(p.id.indexOf(':') + 1)] ?? [];
    return list.map((uid) => byUid.get(uid) ?? -1);
  });
};

// ---------------------------------------------------------------------------------------------
// Table

const emnlpIds = new Set(emnlp.map((p) => p.id));
const aclIds = new Set(acl.map((p) => p.id));
const specterKeys = new Set(Object.keys(JSON.parse(readFileSync(values.specter!, 'utf8'))));
const specterIds = new Set(
  emnlp.filter((p) => specterKeys.has(p.id.slice(p.id.indexOf(':') + 1))).map((p) => p.id),
);

function evaluate(name: string, method: Method, withWholeFile = true): string {
  const started = performance.now();
  const onEmnlp = precisionAtK(emnlp, method(emnlp), emnlpIds);
  const onAcl = precisionAtK(acl, method(acl), aclIds);
  let whole = ['—', '—'];
  if (withWholeFile) {
    const lists = method(all);
    whole = [precisionAtK(all, lists, emnlpIds), precisionAtK(all, lists, aclIds)].map((x) =>
      x.toFixed(3),
    );
  }
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  return `| ${name} | ${onEmnlp.toFixed(3)} | ${onAcl.toFixed(3)} | ${whole[0]} | ${whole[1]} | ${seconds} s |`;
}

const log = (line: string) => process.stdout.write(`${line}\n`);
log(
  `P@${K}, label = same track. EMNLP 2020: ${emnlp.length} papers (not Findings); ACL 2020: ${acl.length} papers.`,
);
log(
  'Pool "alone": each conference by itself. Pool "file": all three conferences, same conference first.',
);
log('');
log('| method | EMNLP, alone | ACL, alone | EMNLP, file | ACL, file | time |');
log('|---|---|---|---|---|---|');
log(evaluate('poster-bot (shipped)', ours()));
log(evaluate('plain TF-IDF cosine', plainTfidf));
log(evaluate('random', random));
const specterLists = specter(emnlp);
log(
  `| SPECTER lists shipped by EMNLP 2020 (${specterIds.size} papers) | ${precisionAtK(
    emnlp,
    specterLists,
    specterIds,
  ).toFixed(3)} | — | — | — | — |`,
);

if (values.variants) {
  log('');
  log('Tried on the way (same measure):');
  log('');
  log('| method | EMNLP, alone | ACL, alone | EMNLP, file | ACL, file | time |');
  log('|---|---|---|---|---|---|');
  const variants: [string, Method][] = [
    [
      'TF-IDF, words only (sublinear tf, title and keywords ×2)',
      ours({ phrases: false, lsaWeight: 0, diffusion: 0 }),
    ],
    ['… + two-word phrases', ours({ lsaWeight: 0, diffusion: 0 })],
    ['… + LSA (80 dimensions, half the score)', ours({ diffusion: 0 })],
    ['… + diffusion over the neighbour graph (shipped)', ours()],
    ['shipped + co-author bonus 0.01', ours({ coauthorBonus: 0.01 })],
    ['shipped + co-author bonus 0.05', ours({ coauthorBonus: 0.05 })],
    ['shipped, LSA 0.8 of the score', ours({ lsaWeight: 0.8 })],
    [
      'shipped, title and keywords ×1',
      ours({ fieldWeights: { title: 1, keywords: 1, abstract: 1 } }),
    ],
    ['shipped, 40 query terms, 30 candidates', ours({ queryTerms: 40, candidates: 30 })],
    [
      'the costlier settings shipped before (LSA rank 100, 2× rescored, 400 postings a term, 60 query terms, second step over 50)',
      ours({
        lsaRank: 100,
        rescored: 2,
        postingCap: 400,
        queryTerms: 60,
        diffusionWidth: 50,
      }),
    ],
    ['shipped, LSA rank 64', ours({ lsaRank: 64 })],
    ['shipped, second step over 20 neighbours', ours({ diffusionWidth: 20 })],
    ['shipped, 40 query terms', ours({ queryTerms: 40 })],
    ['BM25 more-like-this (25 terms)', bm25MoreLikeThis],
    ['LSA alone, 100 dimensions, all pairs', lsa(100)],
  ];
  for (const [name, method] of variants) log(evaluate(name, method, !name.startsWith('LSA alone')));
}
