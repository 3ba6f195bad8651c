import type { Alias } from '../catalog/types.ts';
import { normalizeWord, STOP_WORDS } from './analyze.ts';

/**
 * Acronyms mined from the corpus itself: papers define them as "graph neural networks (GNNs)".
 * With the definition known, `GNN` finds papers that spell it out and "graph neural network"
 * finds papers that only say GNN. Mining, rather than a fixed list, keeps the bot right for
 * any field's jargon (NLP, vision, RL) without curating.
 *
 * The matching follows Schwartz & Hearst (2003), "A simple algorithm for identifying
 * abbreviation definitions in biomedical text": walk the short form backwards and find each
 * character in the candidate long form, the first one at the start of a word.
 */

/** Acronyms known to the index, looked up from either side. */
export interface AcronymTable {
  readonly size: number;
  /** The normalised words of an acronym's most frequent definition. */
  definitionOf(acronym: string): readonly string[] | undefined;
  /** Definitions whose first word is `word`, with their acronyms. */
  startingWith(word: string): readonly { acronym: string; words: readonly string[] }[];
  entries(): IterableIterator<[string, readonly string[]]>;
}

/** Builds the two-way lookup from acronym → definition words. */
export function createAcronymTable(
  definitions: ReadonlyMap<string, readonly string[]>,
): AcronymTable {
  const byFirst = new Map<string, { acronym: string; words: readonly string[] }[]>();
  for (const [acronym, words] of definitions) {
    const first = words[0]!;
    byFirst.set(first, [...(byFirst.get(first) ?? []), { acronym, words }]);
  }
  return {
    size: definitions.size,
    definitionOf: (acronym) => definitions.get(acronym),
    startingWith: (word) => byFirst.get(word) ?? [],
    entries: () => definitions.entries(),
  };
}

const SHORT_FORM_RE = /\(([A-Za-z][A-Za-z0-9-]{1,9})\)/g;

/** A short form worth reading as an acronym: 2–10 chars, at least two capitals. */
export function isShortForm(candidate: string): boolean {
  const capitals = candidate.replace(/[^A-Z]/g, '').length;
  return capitals >= 2 && /[A-Za-z]/.test(candidate[0] ?? '');
}

/**
 * The shortest tail of `words` that defines `shortForm`, or undefined. Characters of the
 * short form must appear in order; its first character must start a word.
 */
export function findLongForm(shortForm: string, words: readonly string[]): string[] | undefined {
  const short = shortForm.toLowerCase().replace(/[^a-z0-9]/g, '');
  const maxWords = Math.min(short.length + 5, short.length * 2);
  const candidate = words.slice(-maxWords);
  const long = candidate.join(' ').toLowerCase();
  let s = short.length - 1;
  let l = long.length - 1;
  while (s >= 0) {
    const c = short[s]!;
    while (l >= 0 && (long[l] !== c || (s === 0 && l > 0 && /[a-z0-9]/.test(long[l - 1]!)))) l--;
    if (l < 0) return undefined;
    s--;
    l--;
  }
  const start = long.lastIndexOf(' ', l + 1) + 1;
  const definition = long.slice(start).split(/\s+/).filter(Boolean);
  // A definition has at least two words and no more words than its acronym has letters,
  // and most of its words start with a letter of the acronym (not "user centric whereas …").
  if (definition.length < 2 || definition.length > short.length) return undefined;
  const initials = definition.filter((w) => short.includes(w[0] ?? '')).length;
  if (initials < Math.ceil(definition.length * 0.75)) return undefined;
  return definition;
}

/**
 * Acronyms of the field that papers use without defining them (a session may never spell
 * out "LLM"). Unambiguous in machine learning and NLP; corpus definitions override them.
 */
export const WELL_KNOWN_ACRONYMS: Readonly<Record<string, string>> = {
  ASR: 'automatic speech recognition',
  CNN: 'convolutional neural network',
  GAN: 'generative adversarial network',
  GNN: 'graph neural network',
  GPT: 'generative pre-trained transformer',
  LLM: 'large language model',
  LSTM: 'long short-term memory',
  MARL: 'multi-agent reinforcement learning',
  MCMC: 'Markov chain Monte Carlo',
  MDP: 'Markov decision process',
  MLP: 'multi-layer perceptron',
  NAS: 'neural architecture search',
  NER: 'named entity recognition',
  NLP: 'natural language processing',
  NMT: 'neural machine translation',
  OOD: 'out-of-distribution',
  RL: 'reinforcement learning',
  RNN: 'recurrent neural network',
  SGD: 'stochastic gradient descent',
  VAE: 'variational autoencoder',
  ViT: 'vision transformer',
  VQA: 'visual question answering',
};

/** A definition's words as index terms: hyphens split, stop words dropped, normalised. */
function definitionTerms(words: readonly string[]): string[] {
  return words
    .flatMap((w) => w.split('-'))
    .map((w) => w.toLowerCase().replace(/[^\p{L}\p{N}]/gu, ''))
    .filter((w) => w && !STOP_WORDS.has(w))
    .map(normalizeWord);
}

/**
 * Finds `long form (ACRONYM)` definitions in `texts` and keeps, per acronym, the definition
 * seen most often. Returns normalised acronym → normalised definition words.
 */
export function mineAcronyms(texts: Iterable<string>): AcronymTable {
  const counts = new Map<string, Map<string, number>>();
  for (const text of texts) {
    for (const match of text.matchAll(SHORT_FORM_RE)) {
      const raw = match[1]!;
      if (!isShortForm(raw)) continue;
      const shortForm = raw.replace(/s$/, '');
      const before = text.slice(Math.max(0, (match.index ?? 0) - 200), match.index);
      // The definition stays inside its clause.
      const clause = before.split(/[.;:!?()[\]]/).pop() ?? '';
      const words = clause.split(/[\s/]+/).filter(Boolean);
      const definition = findLongForm(shortForm, words);
      if (!definition) continue;
      const terms = definitionTerms(definition);
      if (terms.length < 2) continue;
      const key = acronymKey(shortForm);
      const perKey = counts.get(key) ?? new Map<string, number>();
      const joined = terms.join(' ');
      perKey.set(joined, (perKey.get(joined) ?? 0) + 1);
      counts.set(key, perKey);
    }
  }
  // Well-known acronyms fill in what the papers never define; the papers' own usage wins.
  const table = new Map<string, readonly string[]>(
    Object.entries(WELL_KNOWN_ACRONYMS).map(([acronym, long]) => [
      acronymKey(acronym),
      definitionTerms(long.split(' ')),
    ]),
  );
  for (const [key, definitions] of counts) {
    const best = [...definitions].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0];
    if (best) table.set(key, best[0].split(' '));
  }
  return createAcronymTable(table);
}

/** The index term of an acronym as written (`GNNs` → `gnn`, `Q-learning` is not one). */
export function acronymKey(written: string): string {
  return normalizeWord(written.toLowerCase().replace(/-/g, ''));
}

const CAPITALISED_RE = /[A-Za-z][A-Za-z0-9-]*[A-Z][A-Za-z0-9-]*/g;

/**
 * Acronyms written in capitals in `text` (`GNN`, `ViTs`), as index terms. Reading the
 * original case keeps "et al." from being read as "AL" (active learning).
 */
export function acronymsIn(text: string, table: AcronymTable): string[] {
  const found: string[] = [];
  for (const match of text.matchAll(CAPITALISED_RE)) {
    if (!isShortForm(match[0].replace(/s$/, ''))) continue;
    const key = acronymKey(match[0]);
    if (table.definitionOf(key)) found.push(key);
  }
  return found;
}

/**
 * The acronyms with the catalog's aliases (`aliases.csv`) added: each alias is read exactly
 * like a mined acronym, its word standing for its meaning's words (and those words, in a
 * query, for the word). An organiser's alias wins over a mined definition of the same word:
 * it was written because the mined one did not help.
 */
export function withAliases(
  definitions: ReadonlyMap<string, readonly string[]>,
  aliases: readonly Alias[],
): Map<string, readonly string[]> {
  const table = new Map(definitions);
  for (const { query, means } of aliases) {
    const key = acronymKey(query);
    const words = definitionTerms(means.split(/\s+/));
    if (key === '' || words.length === 0 || (words.length === 1 && words[0] === key)) continue;
    table.set(key, words);
  }
  return table;
}
