/**
 * A person's saved posters grouped by the session they are presented in, by start time: what
 * a reminder and a calendar event are made of. Pure, no I/O, no clock.
 */
import { sessionEndMs, startMs } from '../catalog/session-window.ts';
import type { Paper, Session } from '../catalog/types.ts';

/** A dated session and the saved posters presented in it, in the order they were saved. */
export interface PlannedSession {
  session: Session;
  /** Epoch milliseconds. */
  start: number;
  /** Epoch milliseconds: the session's end, or start + two hours when it has none. */
  end: number;
  papers: Paper[];
}

export interface SavedSessions {
  /** By start, then session name. */
  sessions: PlannedSession[];
  /** Saved posters with no dated session: no reminder, no calendar event. */
  undated: Paper[];
  /** Saved ids the catalog no longer has (a data update removed them). */
  unknown: string[];
}

/** What the grouping reads from the catalog. */
export interface CatalogLookup {
  papers: ReadonlyMap<string, Paper>;
  sessions: ReadonlyMap<string, Session>;
}

/**
 * Groups `paperIds` (saved posters) by their dated sessions. A poster presented in two
 * sessions is in both: either is a chance to see it.
 */
export function groupBySession(paperIds: readonly string[], lookup: CatalogLookup): SavedSessions {
  const bySession = new Map<string, PlannedSession>();
  const undated: Paper[] = [];
  const unknown: string[] = [];
  for (const id of new Set(paperIds)) {
    const paper = lookup.papers.get(id);
    if (paper === undefined) {
      unknown.push(id);
      continue;
    }
    let dated = false;
    for (const sessionId of paper.sessionIds) {
      const session = lookup.sessions.get(sessionId);
      const start = session && startMs(session);
      if (session === undefined || start === undefined) continue;
      dated = true;
      let entry = bySession.get(session.id);
      if (entry === undefined) {
        entry = { session, start, end: sessionEndMs(session, start), papers: [] };
        bySession.set(session.id, entry);
      }
      entry.papers.push(paper);
    }
    if (!dated) undated.push(paper);
  }
  const sessions = [...bySession.values()].sort(
    (a, b) => a.start - b.start || a.session.name.localeCompare(b.session.name),
  );
  return { sessions, undated, unknown };
}

/** The page to open for a poster: its poster page, else its forum, else the paper. */
export function posterLink(paper: Paper): string | undefined {
  return paper.posterUrl ?? paper.forumUrl ?? paper.paperUrl;
}
