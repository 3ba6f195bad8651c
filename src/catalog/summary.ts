/** Figures about a loaded catalog, for `check-data` and the startup log line. */
import type { Catalog, DataProblem } from './types.ts';

export interface CatalogSummary {
  papers: number;
  sessions: number;
  /** Distinct UTC dates (`YYYY-MM-DD`) on which a dated session starts, ascending. */
  days: string[];
  /** Sessions without a start: they exist but "now/next" and digests cannot place them. */
  undatedSessions: number;
  errors: number;
  warnings: number;
}

/** Counts what a user of the bot would ask about first: how much loaded, when, what went wrong. */
export function summarizeCatalog(
  catalog: Catalog,
  problems: readonly DataProblem[],
): CatalogSummary {
  const days = new Set<string>();
  let undatedSessions = 0;
  for (const session of catalog.sessions) {
    const ms = session.start === undefined ? Number.NaN : Date.parse(session.start);
    if (Number.isNaN(ms)) undatedSessions += 1;
    else days.add(new Date(ms).toISOString().slice(0, 10));
  }
  const errors = problems.filter((problem) => problem.severity === 'error').length;
  return {
    papers: catalog.papers.length,
    sessions: catalog.sessions.length,
    days: [...days].sort(),
    undatedSessions,
    errors,
    warnings: problems.length - errors,
  };
}
