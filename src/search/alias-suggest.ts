/**
 * Alias suggestions for the usage report: a word people searched for that found nothing,
 * and a phrase of the catalog it abbreviates (`nerf` → `neural radiance field`, `genai` →
 * `generative ai`). The word must be made of a non-empty prefix of each of the phrase's
 * words in order — the way acronyms and clipped compounds are formed (Schwartz & Hearst's
 * matching, without needing a "(NeRF)" in the text). The phrase the catalog writes most
 * often wins; one written once is a coincidence, not a suggestion.
 *
 * Synonyms that share no letters ("LLM" for "foundation model") cannot be found this way;
 * the report lists the query and leaves the alias to a person.
 */
import { normalizeWord, rawTokens, STOP_WORDS } from './analyze.ts';

/** A phrase the word may stand for, with how often the catalog writes it. */
export interface Expansion {
  phrase: string;
  count: number;
}

const MIN_WORD = 2;
const MAX_WORD = 10;
const MAX_PHRASE_WORDS = 5;
/** A phrase seen fewer times is not worth suggesting. */
const MIN_COUNT = 2;

/** Phrases of `texts` that `word` abbreviates, most frequent first (at most `max`). */
export function expansionsOf(word: string, texts: Iterable<string>, max = 1): Expansion[] {
  const short = word.toLowerCase();
  if (!/^[\p{L}\p{N}]+$/u.test(short) || short.length < MIN_WORD || short.length > MAX_WORD) {
    return [];
  }
  const counts = new Map<string, number>();
  for (const text of texts) {
    const words = rawTokens(text).map((t) => t.word);
    for (let at = 0; at < words.length; at++) {
      if (words[at]![0] !== short[0]) continue;
      for (let n = 2; n <= Math.min(short.length, MAX_PHRASE_WORDS); n++) {
        const phrase = words.slice(at, at + n);
        if (phrase.length < n || phrase.some((w) => STOP_WORDS.has(w))) break;
        if (!abbreviates(short, phrase)) continue;
        const key = phrase.map(normalizeWord).join(' ');
        counts.set(key, (counts.get(key) ?? 0) + 1);
      }
    }
  }
  return [...counts]
    .filter(([, count]) => count >= MIN_COUNT)
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .slice(0, max)
    .map(([phrase, count]) => ({ phrase, count }));
}

/** Whether `short` splits into a non-empty prefix of each of `words`, in order. */
export function abbreviates(short: string, words: readonly string[]): boolean {
  const fits = (from: number, index: number): boolean => {
    if (index === words.length) return from === short.length;
    const word = words[index]!;
    const left = words.length - index - 1;
    for (let take = 1; take <= word.length && from + take <= short.length - left; take++) {
      if (short[from + take - 1] !== word[take - 1]) return false;
      if (fits(from + take, index + 1)) return true;
    }
    return false;
  };
  return fits(0, 0);
}
