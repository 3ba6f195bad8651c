/**
 * Text analysis shared by indexing and querying: the same function turns a paper's text and
 * a user's query into index terms, so everything folded here matches in both directions.
 *
 * What users notice, and how each is handled:
 * - case and diacritics: NFKD + strip combining marks + lower case (`José` = `jose`);
 * - word forms: plural folding only (`transformers` = `transformer`, `robots` = `robot`).
 *   A Porter stemmer was measured to hurt ranking (it merges `learning`/`learned`,
 *   `general`/`generative`); see `npm run eval`. Derivational variants (`convergence` ~
 *   `convergent`) are handled at query time by a weaker stem-prefix match instead;
 * - British spellings: `quantisation` = `quantization`, `behaviour` = `behavior`, …;
 * - hyphens and joined forms: `pre-training` yields `pre`, `training` and `pretraining`;
 *   the query side joins adjacent words, so all three spellings meet.
 */

/** Words too common to carry meaning in a query or a title. Kept short on purpose. */
export const STOP_WORDS: ReadonlySet<string> = new Set(
  (
    'a an and are as at be by can do does for from has have how in into is it its of on or ' +
    'our over than that the their them these this those to towards toward under using via vs ' +
    'was we what when where which while who why will with within without'
  ).split(' '),
);

/** British → American spellings that no suffix rule catches safely. */
const SPELLING_WORDS: Record<string, string> = {
  colour: 'color',
  flavour: 'flavor',
  favour: 'favor',
  honour: 'honor',
  labour: 'labor',
  neighbour: 'neighbor',
  neighbourhood: 'neighborhood',
  behaviour: 'behavior',
  behavioural: 'behavioral',
  humour: 'humor',
  rumour: 'rumor',
  vapour: 'vapor',
  armour: 'armor',
  rigour: 'rigor',
  vigour: 'vigor',
  centre: 'center',
  metre: 'meter',
  fibre: 'fiber',
  litre: 'liter',
  defence: 'defense',
  offence: 'offense',
  licence: 'license',
  catalogue: 'catalog',
  dialogue: 'dialog',
  analogue: 'analog',
  programme: 'program',
  grey: 'gray',
  aeroplane: 'airplane',
  modelling: 'modeling',
  modelled: 'modeled',
  labelling: 'labeling',
  labelled: 'labeled',
  travelling: 'traveling',
  signalling: 'signaling',
  tunnelling: 'tunneling',
  cancelled: 'canceled',
  levelling: 'leveling',
  fuelled: 'fueled',
  channelled: 'channeled',
};

/** Words ending in -ise/-yse that are not British spellings of -ize/-yze. */
const ISE_EXCEPTIONS = new Set(
  (
    'advise anise arise chaise cerise concise demise despise devise disguise excise exercise ' +
    'expertise franchise guise improvise incise merchandise noise otherwise paradise poise ' +
    'praise precise premise promise raise reprise revise rise supervise surmise surprise ' +
    'treatise wise likewise clockwise pairwise elementwise pointwise stepwise layerwise ' +
    'coordinatewise piecewise compromise enterprise televise'
  ).split(' '),
);

/** Folds case and diacritics, and turns typographic variants into plain ones. */
export function foldText(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[\u2018\u2019\u02bc]/g, "'")
    .replace(/[\u2010-\u2015\u2212]/g, '-');
}

/** American spelling of a (folded) word. */
export function americanize(word: string): string {
  const known = SPELLING_WORDS[word];
  if (known) return known;
  if (word.length > 6) {
    if (word.endsWith('isation')) return `${word.slice(0, -7)}ization`;
    if (word.endsWith('isations')) return `${word.slice(0, -8)}izations`;
    if (word.endsWith('ising')) return `${word.slice(0, -5)}izing`;
    if (word.endsWith('ised') && !ISE_EXCEPTIONS.has(`${word.slice(0, -1)}`))
      return `${word.slice(0, -4)}ized`;
    if (word.endsWith('iser')) return `${word.slice(0, -4)}izer`;
    if (word.endsWith('isers')) return `${word.slice(0, -5)}izers`;
    if (word.endsWith('yse') || word.endsWith('ysed') || word.endsWith('ysing'))
      return word.replace(/ys(e|ed|ing)$/, 'yz$1');
  }
  if (word.length > 5 && (word.endsWith('ise') || word.endsWith('ises'))) {
    const base = word.endsWith('s') ? word.slice(0, -1) : word;
    if (!ISE_EXCEPTIONS.has(base) && !base.endsWith('wise')) {
      return word.replace(/ise(s?)$/, 'ize$1');
    }
  }
  return word;
}

/** Words whose singular and plural are the same, or that only look plural. */
const INVARIANT_PLURALS = new Set(
  'series species news lens gas bias canvas atlas alias chaos ethos pathos mathematics physics'.split(
    ' ',
  ),
);

/**
 * Folds English plurals to the singular, conservatively (an "S stemmer" with the common
 * irregular endings). Words of four letters or fewer, and Latin/Greek singulars ending in
 * -us, -is, -ss, are left alone.
 */
export function singularize(word: string): string {
  if (word.length <= 3 || INVARIANT_PLURALS.has(word)) return word;
  if (/(ss|us|is|ous|ics)$/.test(word)) return word;
  if (word.endsWith('ies') && word.length > 4 && !/[ae]ies$/.test(word))
    return `${word.slice(0, -3)}y`;
  if (/(sses|xes|ches|shes|zzes)$/.test(word)) return word.slice(0, -2);
  if (word.endsWith('ices') && word.length > 5) return `${word.slice(0, -4)}ex`; // indices, vertices
  if (word.endsWith('s') && !word.endsWith('ss') && !word.endsWith("'s")) return word.slice(0, -1);
  if (word.endsWith("'s")) return word.slice(0, -2);
  return word;
}

/** One normalised term: American spelling, singular. The unit of matching. */
export function normalizeWord(word: string): string {
  return singularize(americanize(word));
}

/** A word of the text with its position, before normalisation. */
export interface RawToken {
  /** Folded surface form (lower case, no diacritics), apostrophes removed. */
  word: string;
  /** True when the word was joined to the next one by a hyphen or slash (`pre-training`). */
  joinedToNext: boolean;
}

const WORD_RE = /[\p{L}\p{N}]+(?:'[\p{L}]+)?/gu;

/** Splits folded text into words, remembering which were hyphen-joined to the next. */
export function rawTokens(text: string): RawToken[] {
  const folded = foldText(text);
  const tokens: RawToken[] = [];
  for (const match of folded.matchAll(WORD_RE)) {
    const end = (match.index ?? 0) + match[0].length;
    const next = folded[end];
    const after = folded[end + 1];
    const joinedToNext =
      (next === '-' || next === '/') && after !== undefined && /[\p{L}\p{N}]/u.test(after);
    tokens.push({ word: match[0].replace(/'[\p{L}]+$/u, ''), joinedToNext });
  }
  return tokens;
}

/**
 * Index terms for a piece of text, in order: each word normalised, plus the joined form of
 * hyphenated pairs (`pre-training` → `pre`, `pretraining`, `training`). Stop words are
 * dropped. The query side adds the joined form of adjacent query words, so `pretraining`,
 * `pre-training` and `pre training` all meet.
 */
export function analyze(text: string): string[] {
  const tokens = rawTokens(text);
  const terms: string[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    if (!STOP_WORDS.has(token.word)) terms.push(normalizeWord(token.word));
    const next = tokens[i + 1];
    if (token.joinedToNext && next) terms.push(normalizeWord(token.word + next.word));
  }
  return terms;
}

/**
 * Query words: each word of the query once, normalised, stop words removed (unless the
 * query is made of nothing else). Hyphenated and spaced pairs are handled by the index.
 */
export function queryWords(query: string): string[] {
  const words = rawTokens(query).map((t) => t.word);
  const meaningful = words.filter((w) => !STOP_WORDS.has(w));
  const chosen = meaningful.length > 0 ? meaningful : words;
  return [...new Set(chosen.map(normalizeWord))];
}
