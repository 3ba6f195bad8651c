import { describe, expect, it } from 'vitest';
import { createAcronymTable } from '../../src/search/acronyms.ts';
import {
  MAX_TYPO_WORDS,
  MIN_PREFIX_LENGTH,
  planQuery,
  Strength,
  splitCompound,
  stemOf,
  type TermStats,
  typoBudget,
} from '../../src/search/query-plan.ts';

/** A catalogue seen only through its word counts. */
function stats(counts: Record<string, number>): TermStats {
  return { countOf: (term) => counts[term] ?? 0 };
}
const NO_ACRONYMS = createAcronymTable(new Map());
const GNN = createAcronymTable(new Map([['gnn', ['graph', 'neural', 'network']]]));

/** The plan's alternatives, shortened to what each is: `word:term`, `all:a+b`, `near:…`. */
function alternatives(query: string, counts: Record<string, number>, acronyms = NO_ACRONYMS) {
  return planQuery(query, acronyms, stats(counts)).nodes.map((node) =>
    node.kind === 'all'
      ? `${node.adjacent ? 'adjacent' : 'all'}:${node.terms.join('+')}`
      : `${node.strength === Strength.stem ? 'stem' : 'word'}:${node.term}` +
        `${node.prefix ? '*' : ''}${node.fuzzy ? `~${node.fuzzy}` : ''}`,
  );
}

describe('planQuery', () => {
  it('gives each query word a slot, stop words and repeats dropped, as typed for display', () => {
    const plan = planQuery('The Transformers of the transformer', NO_ACRONYMS, stats({}));
    expect(plan.words).toEqual(['transformer']);
    expect(plan.typed).toEqual(['transformers']);
    expect(plan.slots).toBe(1);
  });

  it('completes words of four letters or more, typo-tolerant only when unknown', () => {
    expect(MIN_PREFIX_LENGTH).toBe(4);
    expect(alternatives('gan quan graph', { gan: 9, graph: 9 })).toEqual([
      'word:gan', // three letters: no prefix, and known
      'word:quan*', // unknown, but four letters carry no typo budget
      'word:graph*', // known: no typo tolerance
    ]);
    expect(alternatives('grahp', {})).toEqual(['word:grahp*~1']);
  });

  it('trusts a word seen three times as typed', () => {
    expect(alternatives('graph', { graph: 3 })).toEqual(['word:graph*']);
    expect(alternatives('graph', { graph: 2 })).toEqual(['word:graph*~1']);
  });

  it('adds the stem, the joined form of neighbours, and acronyms both ways', () => {
    expect(alternatives('convergence', { convergence: 5 })).toEqual([
      'word:convergence*',
      'stem:converg*',
    ]);
    expect(alternatives('pre training', { pre: 5, training: 9, pretraining: 2 })).toEqual([
      'word:pre',
      'word:pretraining',
      'word:training*',
      'stem:train*',
    ]);
    expect(alternatives('gnn', { gnn: 5 }, GNN)).toEqual(['word:gnn', 'all:graph+neural+network']);
    const plan = planQuery('graph neural networks', GNN, stats({ graph: 9, neural: 9 }));
    expect(plan.slotsOf('gnn')).toEqual([0, 1, 2]);
  });

  it('splits an unknown compound into two known words, to be found side by side', () => {
    expect(alternatives('codebook', { code: 5, book: 3 })).toEqual([
      'word:codebook*~1',
      'adjacent:code+book',
    ]);
    const plan = planQuery('codebook', NO_ACRONYMS, stats({ code: 5, book: 3 }));
    expect(plan.slotsOf('code', 'book')).toEqual([0]);
  });

  it('reads only the first few unknown words as typos, however long the query', () => {
    const words = Array.from(
      { length: 30 },
      (_, i) => `zzqx${String.fromCharCode(97 + (i % 26))}${i}`,
    );
    const plan = planQuery(words.join(' '), NO_ACRONYMS, stats({}));
    expect(plan.slots).toBe(30);
    const tolerant = plan.nodes.filter((n) => n.kind === 'word' && n.fuzzy > 0);
    expect(tolerant).toHaveLength(MAX_TYPO_WORDS);
  });
});

describe('splitCompound', () => {
  it.each([
    ['dataset', { data: 9, set: 4 }, ['data', 'set']],
    ['datasets', { data: 9, set: 4 }, ['data', 'set']], // plural of the second part folded
    ['multitask', { multi: 3, task: 8, ask: 9 }, ['multi', 'task']],
    // Of two splits, the one whose rarer part is commoner: "hyper"+"parameter", not
    // "hyperparam"+"eter".
    ['hyperparameter', { hyper: 2, parameter: 7, hyperparam: 1, eter: 1 }, ['hyper', 'parameter']],
  ])('%s → %j', (word, counts, expected) => {
    expect(splitCompound(word, stats(counts))).toEqual(expected);
  });

  it.each([
    ['dataset', { dataset: 1, data: 9, set: 4 }], // a known word is not split
    ['dataset', { data: 9 }], // "set" unknown
    ['intoset', { into: 9, set: 4 }], // a stop word is no part
    ['abset', { ab: 9, set: 4 }], // parts of three letters at least
  ])('%s is not split (%j)', (word, counts) => {
    expect(splitCompound(word, stats(counts))).toBeUndefined();
  });
});

describe('stemOf and typoBudget', () => {
  it.each([
    ['convergence', 'converg'],
    ['contrastive', 'contrast'],
    ['learning', 'learn'],
    ['coding', undefined], // "cod" would be shorter than five letters
    ['graph', undefined],
  ])('stem of %s is %s', (word, stem) => expect(stemOf(word)).toBe(stem));

  it.each([
    ['gnn', 0],
    ['graph', 1],
    ['adverserial', 2],
  ])('%s tolerates %i edits', (word, edits) => expect(typoBudget(word)).toBe(edits));
});
