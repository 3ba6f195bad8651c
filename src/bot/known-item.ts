/**
 * Known items: a question that names a poster — by its short name ("BEiT", "the F8Net
 * poster", "Cold Brew"), or by its title or most of it — should get that poster, not every
 * poster sharing a word with it. Uses only PaperIndex's public API (`all`, `search`).
 */

import { formatInstant } from '../blocks/time.ts';
import type { Paper, Session } from '../catalog/types.ts';
import type { PaperIndex } from '../search/paper-index.ts';

/** Finds the posters a phrase names; empty when it names none (it is a topic, or a person). */
export interface KnownItems {
  find(phrase: string): Paper[];
}

/** A short name is the part of a title before its colon, up to this many words. */
const MAX_NAME_WORDS = 4;
/** A title (or a title part) is named when the phrase holds this share of its words… */
const MIN_TITLE_COVERAGE = 0.75;
/** …and this share of the phrase's words are the title's, with at least this many shared. */
const MIN_PHRASE_PRECISION = 0.75;
const MIN_SHARED_WORDS = 3;
/** A phrase naming more posters than this is a topic, not a known item. */
const MAX_KNOWN = 2;

const STOP = new Set(
  'a an and are as at be by can for from how in into is it its of on or the their to towards toward under via vs we what when where which while with without'.split(
    ' ',
  ),
);

/** Lower-case words, accents folded, split at anything that is not a letter or digit. */
export function titleWords(text: string): string[] {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
}

/** Content words with plurals folded, for comparing a phrase with a title. */
function contentWords(text: string): Set<string> {
  return new Set(
    titleWords(text)
      .filter((w) => !STOP.has(w))
      .map((w) => (w.length > 3 && w.endsWith('s') && !w.endsWith('ss') ? w.slice(0, -1) : w)),
  );
}

/**
 * "F8Net", "BEiT", "PipeGCN", "T-WaveNet": written like a name, never like a word. Capitals
 * alone ("META", "SELF", "GAN") are not enough: people type words that way too.
 */
function looksCoined(name: string): boolean {
  return /\p{N}/u.test(name) || /\p{Ll}\p{Lu}/u.test(name);
}

export function createKnownItems(index: Pick<PaperIndex, 'all' | 'search'>): KnownItems {
  // Short name (its words joined by one space) → papers; built on first use.
  let names: Map<string, Paper[]> | undefined;
  function nameTable(): Map<string, Paper[]> {
    if (names) return names;
    names = new Map();
    for (const paper of index.all()) {
      const head = /^([^:]{1,60}):\s*\S/.exec(paper.title)?.[1];
      if (!head) continue;
      const words = titleWords(head);
      if (words.length === 0 || words.length > MAX_NAME_WORDS) continue;
      const key = words.join(' ');
      names.set(key, [...(names.get(key) ?? []), paper]);
    }
    return names;
  }

  /**
   * A short name counts when it names one paper and is a name, not a phrase of common
   * words: coined and typed as written ("EViT"), or found complete in no other paper
   * ("Eigencurve", "Cold Brew", "beit").
   */
  function byName(phrase: string): Paper[] {
    const words = titleWords(phrase);
    const found: Paper[] = [];
    const table = nameTable();
    for (let size = Math.min(MAX_NAME_WORDS, words.length); size >= 1; size--) {
      for (let at = 0; at + size <= words.length; at++) {
        const papers = table.get(words.slice(at, at + size).join(' '));
        if (papers?.length !== 1) continue;
        const paper = papers[0]!;
        if (found.includes(paper)) continue;
        const head = paper.title.slice(0, paper.title.indexOf(':'));
        // A coined name typed as written ("MuTual", not "mutual"), a name that is the whole
        // question as written ("ALBERT"), or one no other paper holds.
        const asWritten = phrase.trim() === head.trim();
        if ((looksCoined(head) && phrase.includes(head)) || asWritten || isUnique(head, paper)) {
          found.push(paper);
        }
      }
    }
    return found;
  }

  function isUnique(head: string, paper: Paper): boolean {
    const complete = index.search(head, { limit: 3 }).filter((hit) => hit.complete);
    return complete.length === 1 && complete[0]!.paper.id === paper.id;
  }

  /**
   * Titles (or a part of one, split at `:` or `?`) the phrase holds most of. A phrase that
   * many papers match in full is a topic even when it is most of some title ("generative
   * adversarial networks"), unless it is a whole title word for word.
   */
  function byTitle(phrase: string): Paper[] {
    const asked = contentWords(phrase);
    if (asked.size < MIN_SHARED_WORDS) return [];
    const hits = index.search(phrase, { limit: MAX_KNOWN + 3 });
    const common = hits.filter((hit) => hit.complete).length > MAX_KNOWN;
    const found: Paper[] = [];
    for (const { paper } of hits) {
      const parts = [paper.title, ...paper.title.split(/[:?]/)].map(contentWords);
      const named = parts.some((part, i) => {
        let shared = 0;
        for (const w of part) if (asked.has(w)) shared++;
        const whole = i === 0 && shared === part.size && shared === asked.size;
        return (
          shared >= MIN_SHARED_WORDS &&
          shared / part.size >= MIN_TITLE_COVERAGE &&
          shared / asked.size >= MIN_PHRASE_PRECISION &&
          (!common || (whole && shared > MIN_SHARED_WORDS))
        );
      });
      if (named) found.push(paper);
    }
    return found;
  }

  return {
    find(phrase) {
      const found = byName(phrase);
      for (const paper of byTitle(phrase)) if (!found.includes(paper)) found.push(paper);
      return found.length <= MAX_KNOWN ? found : [];
    },
  };
}

/**
 * Where and when a poster is: "Poster Session 9, Tue, Apr 26, 17:30 GMT+2 · Hall A", or that
 * the schedule has no time for it yet.
 */
export function whereAndWhen(
  paper: Paper,
  sessions: ReadonlyMap<string, Session>,
  timeZone: string,
): string {
  const places = paper.sessionIds
    .map((id) => sessions.get(id))
    .filter((s): s is Session => s !== undefined)
    .map((s) =>
      [s.name, s.start && formatInstant(new Date(s.start), timeZone), s.location]
        .filter(Boolean)
        .join(', '),
    );
  if (places.length === 0) return 'Not in any session of the schedule.';
  const timed = paper.sessionIds.some((id) => sessions.get(id)?.start);
  return `Presented in ${places.join('; ')}${timed ? '' : ' (no time in the schedule yet)'}.`;
}
