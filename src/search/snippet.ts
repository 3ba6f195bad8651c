import { normalizeWord, rawTokens } from './analyze.ts';

/** A piece of a snippet; `match` pieces are the words that matched the query. */
export interface SnippetPart {
  text: string;
  match: boolean;
}

const WORD_RE = /[\p{L}\p{N}]+(?:'[\p{L}]+)?/gu;

/**
 * The window of `text` (about `width` characters, cut at word boundaries) holding the most
 * words whose normalised form is in `terms`, split into matched and plain parts, with "…"
 * where the text was cut. Pure: renderers decide how to show a match.
 */
export function snippet(text: string, terms: ReadonlySet<string>, width = 280): SnippetPart[] {
  const words = [...text.matchAll(WORD_RE)].map((m) => ({
    start: m.index ?? 0,
    end: (m.index ?? 0) + m[0].length,
    match: isMatch(m[0], terms),
  }));
  if (text.length <= width) return split(text, words, 0, text.length);
  // Start the window at the matched word with the most matches within reach.
  let best = { start: -1, count: 0 };
  let right = 0;
  let count = 0;
  for (let left = 0; left < words.length; left++) {
    // `right` trails `left` only after a word longer than the reach; the loop below then
    // re-counts that word, undoing its decrement, so no reset is needed.
    while (right < words.length && words[right]!.end - words[left]!.start <= width * 0.8) {
      if (words[right]!.match) count++;
      right++;
    }
    if (words[left]!.match && count > best.count) best = { start: left, count };
    if (words[left]!.match) count--;
  }
  const first = words[best.start];
  const from = first ? backUp(text, first.start) : 0;
  let to = Math.min(text.length, from + width);
  if (to < text.length) {
    const space = text.lastIndexOf(' ', to);
    if (space > from) to = space;
  }
  const parts = split(text, words, from, to);
  if (from > 0) parts.unshift({ text: '…', match: false });
  if (to < text.length) parts.push({ text: '…', match: false });
  return parts;
}

/** Starts a window a few words before its first match, at a sentence start when close. */
function backUp(text: string, at: number): number {
  const sentence = text.lastIndexOf('. ', at);
  if (sentence !== -1 && at - sentence < 80) return sentence + 2;
  // No space before gives -1, so the window starts at 0.
  return text.lastIndexOf(' ', Math.max(0, at - 40)) + 1;
}

function isMatch(word: string, terms: ReadonlySet<string>): boolean {
  const token = rawTokens(word)[0];
  return token !== undefined && terms.has(normalizeWord(token.word));
}

function split(
  text: string,
  words: readonly { start: number; end: number; match: boolean }[],
  from: number,
  to: number,
): SnippetPart[] {
  const parts: SnippetPart[] = [];
  let at = from;
  for (const w of words) {
    if (w.start < from || w.end > to || !w.match) continue;
    if (w.start > at) parts.push({ text: text.slice(at, w.start), match: false });
    parts.push({ text: text.slice(w.start, w.end), match: true });
    at = w.end;
  }
  if (at < to) parts.push({ text: text.slice(at, to), match: false });
  return parts;
}
