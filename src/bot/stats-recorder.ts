/**
 * Records what the organisers' report counts (src/store/stats.ts), fire and forget: a
 * failing write is logged and never slows or fails an answer. The composition root gives the
 * bot one only where people ask (Slack), not in the console or the CLI.
 */
import { queryWords } from '../search/analyze.ts';
import type { SentKind, StatsStore } from '../store/stats.ts';
import { localDate } from '../time.ts';

export interface StatsRecorder {
  /** A search asked by `userId` that found `results` posters. */
  query(userId: string, query: string, results: number): void;
  /** A click on a button; `kind` is its action id without an index. */
  click(kind: string): void;
  /** Reminders or digest messages sent (`n` of them). */
  sent(kind: SentKind, n: number): void;
}

export interface StatsRecorderDeps {
  stats: StatsStore;
  now: () => Date;
  /** Whose days the counts are kept in (DIGEST_TIMEZONE). */
  timeZone: string;
  /** Told about a write that failed (the answer went out regardless). */
  onError: (error: unknown, what: string) => void;
}

/**
 * A query as the search reads it: folded, British spellings and plurals normalised, stop
 * words dropped, each word once (`GNNs for Molecules` → `gnn molecule`). Two queries the
 * search treats alike count together.
 */
export function normaliseQuery(query: string): string {
  return queryWords(query).join(' ');
}

export function createStatsRecorder(deps: StatsRecorderDeps): StatsRecorder {
  const { stats, now, timeZone, onError } = deps;
  const today = () => localDate(now(), timeZone);
  const fire = (what: string, write: () => Promise<void>) => {
    try {
      write().catch((error: unknown) => onError(error, what));
    } catch (error) {
      onError(error, what);
    }
  };
  return {
    query(userId, query, results) {
      const normalised = normaliseQuery(query);
      if (normalised === '') return;
      fire('query', () => stats.recordQuery({ day: today(), query: normalised, results, userId }));
    },
    click(kind) {
      fire('click', () => stats.recordClick(today(), kind));
    },
    sent(kind, n) {
      fire(kind, () => stats.recordSent(today(), kind, n));
    },
  };
}
