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

/**
 * British → American spellings that no suffix rule catches safely. A Map, not an object
 * literal: a lookup of `constructor` must not find `Object.prototype.constructor`.
 */
const SPELLING_WORDS: ReadonlyMap<string, string> = new Map(
  Object.entries({
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
  }),
);

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

/** Anything but printable ASCII and ordinary whitespace: text that may need folding. */
const NEEDS_FOLDING_RE = /[^\t\n\r -~]/;

/** Folds case and diacritics, and turns typographic variants into plain ones. */
export function foldText(text: string): string {
  // Plain ASCII (most text) has no diacritics or typographic variants to fold.
  if (!NEEDS_FOLDING_RE.test(text)) return text.toLowerCase();
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[\u2018\u2019\u02bc]/g, "'")
    .replace(/[\u2010-\u2015\u2212]/g, '-');
}

/** American spelling of a (folded) word. */
export function americanize(word: string): string {
  const known = SPELLING_WORDS.get(word);
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

/**
 * Most normalised words, remembered: a corpus repeats the same few thousand words millions of
 * times, and indexing 100k papers would otherwise spend seconds re-deriving them. Bounded so
 * a long-running bot fed odd queries cannot grow it without limit (emptied when full; the
 * common words come straight back).
 */
const normalized = new Map<string, string>();
const NORMALIZED_MAX = 1 << 18;

/** One normalised term: American spelling, singular. The unit of matching. */
export function normalizeWord(word: string): string {
  let term = normalized.get(word);
  if (term === undefined) {
    term = singularize(americanize(word));
    if (normalized.size >= NORMALIZED_MAX) normalized.clear();
    normalized.set(word, term);
  }
  return term;
}

/** A word of the text with its position, before normalisation. */
export interface RawToken {
  /** Folded surface form (lower case, no diacritics), apostrophes removed. */
  word: string;
  /** True when the word was joined to the next one by a hyphen or slash (`pre-training`). */
  joinedToNext: boolean;
}

const WORD_RE = /[\p{L}\p{N}]+(?:'[\p{L}]+)?/gu;

const WORD_CHAR_RE = /[\p{L}\p{N}]/u;
const POSSESSIVE_RE = /'[\p{L}]+$/u;

/**
 * Calls `visit` with each word of folded text (apostrophe suffix removed) and whether it is
 * joined to the next by a hyphen or slash. One regex scan, no match objects kept: this runs
 * over every word of the corpus at start-up. Not reentrant (`WORD_RE` keeps its position):
 * `visit` must not scan.
 */
function scanWords(folded: string, visit: (word: string, joinedToNext: boolean) => void): void {
  WORD_RE.lastIndex = 0;
  for (let match = WORD_RE.exec(folded); match !== null; match = WORD_RE.exec(folded)) {
    const raw = match[0];
    const end = match.index + raw.length;
    const next = folded[end];
    const after = folded[end + 1];
    const joinedToNext =
      (next === '-' || next === '/') && after !== undefined && WORD_CHAR_RE.test(after);
    visit(raw.includes("'") ? raw.replace(POSSESSIVE_RE, '') : raw, joinedToNext);
  }
}

/** Splits folded text into words, remembering which were hyphen-joined to the next. */
export function rawTokens(text: string): RawToken[] {
  const tokens: RawToken[] = [];
  scanWords(foldText(text), (word, joinedToNext) => {
    tokens.push({ word, joinedToNext });
  });
  return tokens;
}

/**
 * Index terms for a piece of text, in order: each word normalised, plus the joined form of
 * hyphenated pairs (`pre-training` → `pre`, `pretraining`, `training`). Stop words are
 * dropped. The query side adds the joined form of adjacent query words, so `pretraining`,
 * `pre-training` and `pre training` all meet.
 */
export function analyze(text: string): string[] {
  const terms: string[] = [];
  let joinTo: string | undefined; // the previous word, when hyphen-joined to this one
  scanWords(foldText(text), (word, joinedToNext) => {
    if (joinTo !== undefined) terms.push(normalizeWord(joinTo + word));
    if (!STOP_WORDS.has(word)) terms.push(normalizeWord(word));
    joinTo = joinedToNext ? word : undefined;
  });
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
