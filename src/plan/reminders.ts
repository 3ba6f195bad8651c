/**
 * Which reminders are due: pure decisions over the catalog's sessions, the clock, the lead
 * time and who saved what. The sending (a DM, exactly once) is src/reminders/run.ts.
 *
 * A session's reminder is due from `start − lead` until the session starts: a pass that runs
 * any time in that window (every minute, or after a restart) finds it, and a session that has
 * already started gets none — a reminder for something under way is noise. One reminder per
 * person and session, listing every poster of theirs in it.
 */
import { startMs } from '../catalog/session-window.ts';
import type { Catalog, Paper, Session } from '../catalog/types.ts';
import type { PlannerPapers, PlanOwner, PlanStore } from '../store/plans.ts';

/** REMINDER_LEAD's default: 15 minutes before the session starts. */
export const DEFAULT_REMINDER_LEAD_MS = 15 * 60 * 1000;

/** A session whose reminder window holds the instant of the pass. */
export interface DueSession {
  session: Session;
  /** Epoch milliseconds. */
  start: number;
  /** Every paper presented in it, catalog order. */
  papers: Paper[];
}

export type ReminderWindow =
  /** No session of the catalog has a start time: nothing can ever be due. */
  | { kind: 'undated' }
  /** Nothing due now; `next` is the next session's reminder time, when there is one. */
  | { kind: 'none'; next?: { session: Session; remindAt: Date } }
  | { kind: 'due'; sessions: DueSession[] };

/**
 * The sessions due at `now`: `start − leadMs ≤ now < start`, by start then name.
 * @throws {RangeError} when `leadMs` is not a positive number.
 */
export function dueSessions(catalog: Catalog, now: Date, leadMs: number): ReminderWindow {
  if (!(leadMs > 0)) throw new RangeError(`reminders: the lead must be positive, got ${leadMs}`);
  const at = now.getTime();
  const due: DueSession[] = [];
  let next: { session: Session; start: number } | undefined;
  let dated = false;
  for (const session of catalog.sessions) {
    const start = startMs(session);
    if (start === undefined) continue;
    dated = true;
    if (start - leadMs <= at && at < start) due.push({ session, start, papers: [] });
    else if (start - leadMs > at && (next === undefined || start < next.start)) {
      next = { session, start };
    }
  }
  if (!dated) return { kind: 'undated' };
  if (due.length === 0) {
    return next === undefined
      ? { kind: 'none' }
      : { kind: 'none', next: { session: next.session, remindAt: new Date(next.start - leadMs) } };
  }
  const byId = new Map(due.map((entry) => [entry.session.id, entry]));
  for (const paper of catalog.papers) {
    for (const id of paper.sessionIds) byId.get(id)?.papers.push(paper);
  }
  due.sort((a, b) => a.start - b.start || a.session.name.localeCompare(b.session.name));
  return { kind: 'due', sessions: due };
}

/** The ids of every paper in `sessions`: whose planners to look up. */
export function paperIdsOf(sessions: readonly DueSession[]): string[] {
  return [...new Set(sessions.flatMap((entry) => entry.papers.map((paper) => paper.id)))];
}

/** One direct message to send: this person's saved posters in this session. */
export interface DueReminder {
  owner: PlanOwner;
  session: Session;
  start: Date;
  /** In the order the person saved them. */
  papers: Paper[];
  /** The exactly-once key: one per workspace, user and session. */
  key: string;
}

/** The claim key of a reminder (src/slack/post-once.ts): once per (team, user, session). */
export const reminderKey = (owner: PlanOwner, sessionId: string): string =>
  `reminder/${owner.teamId}/${owner.userId}/${sessionId}`;

/**
 * The reminders for `sessions`, one per planner and session holding any of their saved
 * posters; people in `off` (reminders switched off) get none. Ordered by session, then by the
 * order `planners` lists people.
 */
export function remindersFor(
  sessions: readonly DueSession[],
  planners: readonly PlannerPapers[],
  off: ReadonlySet<string> = new Set(),
): DueReminder[] {
  const reminders: DueReminder[] = [];
  for (const { session, start, papers } of sessions) {
    const inSession = new Map(papers.map((paper) => [paper.id, paper]));
    for (const { owner, paperIds } of planners) {
      if (off.has(ownerKey(owner))) continue;
      const saved = paperIds.flatMap((id) => inSession.get(id) ?? []);
      if (saved.length === 0) continue;
      reminders.push({
        owner,
        session,
        start: new Date(start),
        papers: saved,
        key: reminderKey(owner, session.id),
      });
    }
  }
  return reminders;
}

/** A person as a map key (team and user ids never hold a NUL). */
export const ownerKey = (owner: PlanOwner): string => `${owner.teamId}\u0000${owner.userId}`;

/** The store's part the look-up needs (src/store/plans.ts). */
export type ReminderPlans = Pick<PlanStore, 'plannersOf' | 'remindersOn'>;

/** What a pass at `now` finds due: the window, and the reminders to send in it. */
export type DueReminders =
  | Exclude<ReminderWindow, { kind: 'due' }>
  | { kind: 'due'; sessions: DueSession[]; reminders: DueReminder[]; switchedOff: number };

/**
 * Everything due at `now`: the due sessions, who saved posters in them (asking the store
 * once), and whether each person wants reminders.
 */
export async function findDueReminders(
  catalog: Catalog,
  plans: ReminderPlans,
  now: Date,
  leadMs: number,
): Promise<DueReminders> {
  const window = dueSessions(catalog, now, leadMs);
  if (window.kind !== 'due') return window;
  const planners = await plans.plannersOf(paperIdsOf(window.sessions));
  const off = new Set<string>();
  for (const { owner } of planners) {
    if (!(await plans.remindersOn(owner))) off.add(ownerKey(owner));
  }
  return {
    kind: 'due',
    sessions: window.sessions,
    reminders: remindersFor(window.sessions, planners, off),
    switchedOff: off.size,
  };
}
