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
  /** Id → key (`pretraining`, `question answering`). */
  readonly keys: string[] = [];
  /** Phrase id → the ids of its two words. */
  readonly phraseWords = new Map<number, readonly [number, number]>();
  private readonly wordIds = new Map<string, number>();
  private readonly writtenIds = new Map<string, number>();
  private readonly phraseIds = new Map<number, number>();

  /** Id of a written word, or -1 for a stop word or a bare number. */
  word(written: string): number {
    let id = this.writtenIds.get(written);
    if (id === undefined) {
      const key = wordKey(written);
      id = key === undefined ? -1 : this.idOf(key);
      this.writtenIds.set(written, id);
    }
    return id;
  }

  /** Id of the phrase of two words (by id). */
  phrase(first: number, second: number): number {
    // Word ids stay far below 2^26, so the pair fits a safe integer.
    const pair = first * 0x4000000 + second;
    let id = this.phraseIds.get(pair);
    if (id === undefined) {
      id = this.idOf(`${this.keys[first]} ${this.keys[second]}`);
      this.phraseIds.set(pair, id);
      this.phraseWords.set(id, [first, second]);
    }
    return id;
  }

  private idOf(key: string): number {
    let id = this.wordIds.get(key);
    if (id === undefined) {
      id = this.keys.length;
      this.keys.push(key);
      this.wordIds.set(key, id);
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
    const re = new RegExp(WORD_RE);
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
}

/** True when nothing but spaces (and inline marks) stands between two words. */
function isPhraseGap(text: string, from: number, to: number): boolean {
  if (to - from === 1 && text.charCodeAt(from) === 32) return true;
  return PHRASE_GAP_RE.test(text.slice(from, to));
}

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
    out.push({ key: vocabulary.keys[id]!, surface: writtenForm(text, start, end) });
  });
  return out;
}
