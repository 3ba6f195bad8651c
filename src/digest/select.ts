/**
 * What the daily digest and `/poster now|next|today` show: pure functions of the catalog,
 * a date or an instant, and (for the rotation) what was featured before. No I/O, no clock.
 */

import {
  datedSessions,
  type SessionPapers,
  startMs,
  withPapers,
} from '../catalog/session-window.ts';
import type { Catalog, Paper } from '../catalog/types.ts';
import { type LocalDate, localDate } from '../time.ts';

/** Why a day gets no digest. */
export type NothingReason = 'empty-catalog' | 'no-sessions-on-date';

/** What one day's digest contains. */
export type DigestSelection =
  | {
      kind: 'sessions';
      date: LocalDate;
      /** The sessions starting that day in the digest time zone, by start time. */
      sessions: SessionPapers[];
      /** Award winners, then orals, then spotlights among the day's papers (each once). */
      highlights: Paper[];
      /** The day's most frequent author keywords, most frequent first, as authors wrote them. */
      topics: string[];
    }
  | {
      kind: 'rotation';
      date: LocalDate;
      /** "Posters of the day": those featured least often so far, in a per-date order. */
      papers: Paper[];
    }
  | { kind: 'nothing'; date: LocalDate; reason: NothingReason };

export interface DigestOptions {
  /** Papers in a "posters of the day" rotation. Default 5. */
  postersPerDay?: number;
  /** Cap on highlights; a conference day can have dozens of orals. Default 10. */
  maxHighlights?: number;
  /** Cap on topics. Default 5. */
  maxTopics?: number;
  /** A keyword is a topic only if at least this many of the day's papers carry it. Default 2. */
  minTopicPapers?: number;
}

const DEFAULTS: Required<DigestOptions> = {
  postersPerDay: 5,
  maxHighlights: 10,
  maxTopics: 5,
  minTopicPapers: 2,
};

/**
 * Chooses the content of `date`'s digest.
 *
 * - Sessions belong to the day on which they start in `timeZone`.
 * - If no session in the catalog has a date (the seed: one undated session), every day is a
 *   rotation over all papers: the least-featured first, so nothing repeats until every paper
 *   has been shown once, then a new round begins. `featured` counts earlier features
 *   (`Store.featureCounts`); the order among equals is shuffled by `date`, so
 *   consecutive days do not walk the catalog in file order, yet a re-run of the same day
 *   picks the same papers.
 * - Otherwise a day without sessions gets nothing.
 */
export function selectDigest(
  catalog: Catalog,
  date: LocalDate,
  timeZone: string,
  featured: ReadonlyMap<string, number>,
  options: DigestOptions = {},
): DigestSelection {
  const opts = { ...DEFAULTS, ...options };
  if (catalog.papers.length === 0) return { kind: 'nothing', date, reason: 'empty-catalog' };
  if (!catalog.sessions.some((session) => startMs(session) !== undefined)) {
    return {
      kind: 'rotation',
      date,
      papers: pickRotation(catalog.papers, featured, date, opts.postersPerDay),
    };
  }
  const sessions = withPapers(
    catalog,
    datedSessions(catalog).filter(({ start }) => localDate(new Date(start), timeZone) === date),
  );
  if (sessions.length === 0) return { kind: 'nothing', date, reason: 'no-sessions-on-date' };
  const papers = uniquePapers(sessions);
  return {
    kind: 'sessions',
    date,
    sessions,
    highlights: rankHighlights(papers).slice(0, opts.maxHighlights),
    topics: mainTopics(papers, opts.maxTopics, opts.minTopicPapers),
  };
}

/** Award winners first, then orals, then spotlights; other papers are not highlights. */
export function rankHighlights(papers: readonly Paper[]): Paper[] {
  const rank = (paper: Paper): number =>
    paper.award ? 0 : paper.decision === 'Oral' ? 1 : paper.decision === 'Spotlight' ? 2 : 3;
  return papers.filter((paper) => rank(paper) < 3).sort((a, b) => rank(a) - rank(b));
}

/**
 * The keywords carried by most of `papers`, case-insensitively (a paper counts once per
 * keyword), shown in the spelling most papers used (ties: the one with more capitals, so
 * "GAN" beats "gan"). Ties in frequency read alphabetically.
 */
export function mainTopics(papers: readonly Paper[], max: number, minPapers = 2): string[] {
  const topics = new Map<string, { papers: number; spellings: Map<string, number> }>();
  for (const paper of papers) {
    const seen = new Set<string>();
    for (const raw of paper.keywords) {
      const spelling = raw.trim().replace(/\s+/g, ' ');
      const key = spelling.toLowerCase();
      if (key === '' || seen.has(key)) continue;
      seen.add(key);
      const topic = topics.get(key) ?? { papers: 0, spellings: new Map<string, number>() };
      topic.papers += 1;
      topic.spellings.set(spelling, (topic.spellings.get(spelling) ?? 0) + 1);
      topics.set(key, topic);
    }
  }
  return [...topics.values()]
    .filter((topic) => topic.papers >= minPapers)
    .map((topic) => ({ papers: topic.papers, label: preferredSpelling(topic.spellings) }))
    .sort((a, b) => b.papers - a.papers || a.label.localeCompare(b.label))
    .slice(0, max)
    .map((topic) => topic.label);
}

function preferredSpelling(spellings: ReadonlyMap<string, number>): string {
  const capitals = (text: string): number => text.replace(/[^\p{Lu}]/gu, '').length;
  let best = '';
  let bestCount = -1;
  for (const [spelling, count] of spellings) {
    if (count > bestCount || (count === bestCount && capitals(spelling) > capitals(best))) {
      best = spelling;
      bestCount = count;
    }
  }
  return best;
}

/** The `count` papers featured least often, ties broken by a per-date shuffle. */
function pickRotation(
  papers: readonly Paper[],
  featured: ReadonlyMap<string, number>,
  date: LocalDate,
  count: number,
): Paper[] {
  return papers
    .map((paper) => ({
      paper,
      times: featured.get(paper.id) ?? 0,
      order: hash32(`${date}\u0000${paper.id}`),
    }))
    .sort(
      (a, b) =>
        a.times - b.times ||
        a.order - b.order ||
        (a.paper.id < b.paper.id ? -1 : a.paper.id > b.paper.id ? 1 : 0),
    )
    .slice(0, count)
    .map(({ paper }) => paper);
}

/** FNV-1a with a murmur3 finaliser: a stable, well-mixed 32-bit hash (not cryptographic). */
function hash32(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Each paper once, in the order the sessions present them. */
function uniquePapers(sessions: readonly SessionPapers[]): Paper[] {
  const seen = new Map<string, Paper>();
  for (const { papers } of sessions) for (const paper of papers) seen.set(paper.id, paper);
  return [...seen.values()];
}
