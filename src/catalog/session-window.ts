/**
 * Which sessions are on now, next or today: a pure query over the catalog's schedule, for
 * `/poster now|next|today` and the digest's day. No I/O, no clock (the instant is passed in).
 */
import { localDate } from '../time.ts';
import type { Catalog, Paper, Session } from './types.ts';

/** A session with its papers, in catalog order. */
export interface SessionPapers {
  session: Session;
  papers: Paper[];
}

/** Which sessions `/poster now|next|today` asks for. */
export type SessionWindow = 'now' | 'next' | 'today';

/**
 * How long a session without an end time is taken to run (for "now"). Two hours is the
 * usual poster slot (every ICLR 2020 session); better than never showing such a session.
 */
export const DEFAULT_SESSION_MS = 2 * 60 * 60 * 1000;

/**
 * The sessions `/poster now|next|today` lists, by start time:
 * `now` those running (start ≤ now < end), `next` every session sharing the earliest start
 * after now, `today` those starting on now's date in `timeZone`.
 */
export function selectSessions(
  catalog: Catalog,
  now: Date,
  window: SessionWindow,
  timeZone: string,
): SessionPapers[] {
  const at = now.getTime();
  const dated = datedSessions(catalog);
  switch (window) {
    case 'now':
      return withPapers(
        catalog,
        dated.filter(({ start, end }) => start <= at && at < end),
      );
    case 'next': {
      const upcoming = dated.filter(({ start }) => start > at);
      const first = Math.min(...upcoming.map(({ start }) => start));
      return withPapers(
        catalog,
        upcoming.filter(({ start }) => start === first),
      );
    }
    case 'today': {
      const today = localDate(now, timeZone);
      return withPapers(
        catalog,
        dated.filter(({ start }) => localDate(new Date(start), timeZone) === today),
      );
    }
  }
}

export interface DatedSession {
  session: Session;
  start: number;
  end: number;
}

/** Sessions with a parseable start, by start time then name, with an end to compare against. */
export function datedSessions(catalog: Catalog): DatedSession[] {
  const dated: DatedSession[] = [];
  for (const session of catalog.sessions) {
    const start = startMs(session);
    if (start === undefined) continue;
    dated.push({ session, start, end: sessionEndMs(session, start) });
  }
  return dated.sort((a, b) => a.start - b.start || a.session.name.localeCompare(b.session.name));
}

export function startMs(session: Session): number | undefined {
  if (session.start === undefined) return undefined;
  const ms = Date.parse(session.start);
  return Number.isNaN(ms) ? undefined : ms;
}

/**
 * When a session that starts at `start` ends: its own end, or start + {@link DEFAULT_SESSION_MS}
 * when it has none (or one not after its start). The one rule for every surface: the Home tab,
 * reminders, the calendar and `/poster now` must agree on when a session is over.
 */
export function sessionEndMs(session: Session, start: number): number {
  const end = session.end === undefined ? Number.NaN : Date.parse(session.end);
  return Number.isNaN(end) || end <= start ? start + DEFAULT_SESSION_MS : end;
}

export function withPapers(catalog: Catalog, sessions: readonly DatedSession[]): SessionPapers[] {
  const wanted = new Set(sessions.map(({ session }) => session.id));
  const papersOf = new Map<string, Paper[]>();
  for (const paper of catalog.papers) {
    for (const id of paper.sessionIds) {
      if (!wanted.has(id)) continue;
      const list = papersOf.get(id) ?? [];
      list.push(paper);
      papersOf.set(id, list);
    }
  }
  return sessions.map(({ session }) => ({ session, papers: papersOf.get(session.id) ?? [] }));
}
