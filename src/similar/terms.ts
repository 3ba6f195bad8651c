/**
 * The terms a paper is compared on, each with the words as the paper writes them, so that a
 * "why" line can show `question answering` or `BERT` rather than a folded key.
 *
 * A term is a word folded as search folds it (case, diacritics, British spelling, plurals:
 * src/search/analyze.ts), with hyphens dropped (`pre-training` = `pretraining`), or a phrase
 * of two such words that stand side by side in one sentence (`question answering`). Words
 * that say nothing about a topic (`propose`, `results`, `paper`) are dropped on top of the
 * search stop words: in a similarity they only add noise, and in a "why" line they would read
 * like padding.
 */
import { foldText, normalizeWord, STOP_WORDS } from '../search/analyze.ts';

/**
 * Words of every abstract's scaffolding. Kept to what writing about research uses whatever
 * the topic; inverse document frequency handles the rest (`model`, `task`).
 */
const SCAFFOLDING_WORDS = (
  'also although among another any around based been being both but could did different ' +
  'each either even every existing experiment first found further given however here ' +
  'including like made make many may might more most much must new not novel number one ' +
  'only other paper present proposed propose provide result shown show should significantly ' +
  'since some such then there thereby therefore through thus two use used using very well ' +
  'were whether would yet approach method work demonstrate outperform achieve performance ' +
  'evaluate conduct extensive study introduce'
).split(' ');

/** Not topical on their own: search's stop words plus the scaffolding of an abstract. */
export const SIMILAR_STOP_WORDS: ReadonlySet<string> = new Set([
  ...STOP_WORDS,
  ...SCAFFOLDING_WORDS.map(normalizeWord),
]);

/**
 * Words of running text with their offsets: letters and digits, joined by inner hyphens or
 * apostrophes (`pre-training`, `GPT-2`, `Bengio's`). A sentence or clause break between two
 * words is any punctuation other than those joiners.
 */
const WORD_RE = /[\p{L}\p{N}]+(?:[-'’][\p{L}\p{N}]+)*/gu;
/** Between two words: nothing but spaces (and inline marks) keeps them one phrase. */
const PHRASE_GAP_RE = /^[\s"“”‘’*_()]*$/u;
const HAS_LETTER_RE = /\p{L}/u;
const POSSESSIVE_RE = /['’]s$/u;

/** One term of one text: its key and how the text first wrote it. */
export interface TermOccurrence {
  /** Folded key: `pretraining`, `question answering`. */
  key: string;
  /** As written in the text: `pre-training`, `Question Answering`. */
  surface: string;
}

/** The key of one written word, or undefined for a stop word or a bare number. */
export function wordKey(written: string): string | undefined {
  if (!HAS_LETTER_RE.test(written)) return undefined;
  const folded = foldText(written.replace(POSSESSIVE_RE, '')).replace(/['’]/g, '');
  if (folded.length < 2) return undefined;
  const key = normalizeWord(folded.replace(/-/g, ''));
  return SIMILAR_STOP_WORDS.has(key) || SIMILAR_STOP_WORDS.has(folded) ? undefined : key;
}

/**
 * Term ids for a corpus: every word and phrase met gets one, and each written form is folded
 * once (a corpus repeats the same few thousand words millions of times).
 */
export class Vocabulary {
  /** Id → key; '' for a phrase until {@link key} is asked for it. */
  private readonly keys: string[] = [];
  /** Id → its two words' ids for a phrase, -1 and -1 for a word (two slots per id). */
  private parts = new Int32Array(1 << 12);
  private readonly wordIds = new Map<string, number>();
  private readonly writtenIds = new Map<string, number>();
  private readonly phraseIds = new PairTable();

  /** Terms met so far (ids run from 0 to `size - 1`). */
  get size(): number {
    return this.keys.length;
  }

  /** The key of a term: `pretraining`, `question answering`. */
  key(id: number): string {
    let key = this.keys[id]!;
    if (key === '') {
      key = `${this.key(this.parts[2 * id]!)} ${this.key(this.parts[2 * id + 1]!)}`;
      this.keys[id] = key;
    }
    return key;
  }

  /** The ids of the two words of a phrase, or undefined for a word. */
  phraseWords(id: number): readonly [number, number] | undefined {
    const first = this.parts[2 * id]!;
    return first < 0 ? undefined : [first, this.parts[2 * id + 1]!];
  }

  /** Id of a written word, or -1 for a stop word or a bare number. */
  word(written: string): number {
    let id = this.writtenIds.get(written);
    if (id === undefined) {
      id = this.idOfKey(wordKey(written));
      this.writtenIds.set(written, id);
    }
    return id;
  }

  /**
   * Id of the phrase of two words (by id). A pair of words has one phrase and a phrase one
   * pair (a word key holds no space), so phrases are numbered by pair; their keys, which
   * only a reader needs, are made when asked for.
   */
  phrase(first: number, second: number): number {
    let id = this.phraseIds.get(first, second);
    if (id < 0) {
      id = this.add('', first, second);
      this.phraseIds.set(first, second, id);
    }
    return id;
  }

  /**
   * Calls `visit` for every term of `text`, in order: each kept word, and (with `phrases`)
   * each pair of kept words written side by side (no stop word, punctuation or clause break
   * between them). `start`/`end` delimit the term as written.
   */
  scan(
    text: string,
    phrases: boolean,
    visit: (id: number, start: number, end: number, isPhrase: boolean) => void,
  ): void {
    let previous = -1;
    let previousStart = 0;
    let previousEnd = 0;
    // One expression for every call: `visit` never scans again before this scan returns.
    const re = WORD_RE;
    re.lastIndex = 0;
    for (let match = re.exec(text); match !== null; match = re.exec(text)) {
      const start = match.index;
      const end = start + match[0].length;
      const id = this.word(match[0]);
      if (id < 0) {
        previous = -1;
        continue;
      }
      visit(id, start, end, false);
      if (phrases && previous >= 0 && isPhraseGap(text, previousEnd, start)) {
        visit(this.phrase(previous, id), previousStart, end, true);
      }
      previous = id;
      previousStart = start;
      previousEnd = end;
    }
  }

  private idOfKey(key: string | undefined): number {
    if (key === undefined) return -1;
    let id = this.wordIds.get(key);
    if (id === undefined) {
      id = this.add(key, -1, -1);
      this.wordIds.set(key, id);
    }
    return id;
  }

  private add(key: string, first: number, second: number): number {
    const id = this.keys.length;
    this.keys.push(key);
    if (2 * id + 2 > this.parts.length) {
      const bigger = new Int32Array(this.parts.length * 2);
      bigger.set(this.parts);
      this.parts = bigger;
    }
    this.parts[2 * id] = first;
    this.parts[2 * id + 1] = second;
    return id;
  }
}

/**
 * Pairs of word ids → phrase id, in open addressing over typed arrays. A Map keyed by
 * `first * 2^26 + second` held every key as a heap number and was a tenth of the build.
 */
class PairTable {
  private firsts = new Int32Array(1 << 12).fill(-1);
  private seconds = new Int32Array(1 << 12);
  private values = new Int32Array(1 << 12);
  private size = 0;

  /** The phrase id of the pair, or -1. */
  get(first: number, second: number): number {
    const mask = this.firsts.length - 1;
    for (let at = slotOf(first, second, mask); ; at = (at + 1) & mask) {
      const f = this.firsts[at]!;
      if (f < 0) return -1;
      if (f === first && this.seconds[at] === second) return this.values[at]!;
    }
  }

  /** Stores a pair not yet stored. */
  set(first: number, second: number, value: number): void {
    if (2 * (this.size + 1) > this.firsts.length) this.grow();
    this.place(first, second, value);
    this.size++;
  }

  private place(first: number, second: number, value: number): void {
    const mask = this.firsts.length - 1;
    let at = slotOf(first, second, mask);
    while (this.firsts[at]! >= 0) at = (at + 1) & mask;
    this.firsts[at] = first;
    this.seconds[at] = second;
    this.values[at] = value;
  }

  private grow(): void {
    const { firsts, seconds, values } = this;
    this.firsts = new Int32Array(firsts.length * 2).fill(-1);
    this.seconds = new Int32Array(firsts.length * 2);
    this.values = new Int32Array(firsts.length * 2);
    for (let at = 0; at < firsts.length; at++) {
      if (firsts[at]! >= 0) this.place(firsts[at]!, seconds[at]!, values[at]!);
    }
  }
}

function slotOf(first: number, second: number, mask: number): number {
  const h = Math.imul(first, 0x9e3779b1) ^ Math.imul(second + 0x7f4a7c15, 0x85ebca6b);
  return (h ^ (h >>> 15)) & mask;
}

/** True when nothing but spaces (and inline marks) stands between two words. */
function isPhraseGap(text: string, from: number, to: number): boolean {
  for (let at = from; at < to; at++) {
    const code = text.charCodeAt(at);
    // ASCII white space and `"*_()`; beyond ASCII, the expression decides.
    if (code >= 0x80) return PHRASE_GAP_RE.test(text.slice(from, to));
    if (!(code === 32 || (code >= 9 && code <= 13) || ASCII_GAP_MARKS.includes(code))) {
      return false;
    }
  }
  return true;
}

/** The ASCII marks of {@link PHRASE_GAP_RE} besides white space: `"*_()`. */
const ASCII_GAP_MARKS: readonly number[] = [34, 42, 95, 40, 41];

/** A term as written: inner runs of white space made one space. */
export function writtenForm(text: string, start: number, end: number): string {
  const written = text.slice(start, end);
  return /\s\s|[\t\n\r]/.test(written) ? written.replace(/\s+/g, ' ') : written;
}

/** Every term of `text` in order, with how the text writes it. */
export function termsOf(text: string): TermOccurrence[] {
  const vocabulary = new Vocabulary();
  const out: TermOccurrence[] = [];
  vocabulary.scan(text, true, (id, start, end) => {
    out.push({ key: vocabulary.key(id), surface: writtenForm(text, start, end) });
  });
  return out;
}
