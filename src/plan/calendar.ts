/**
 * A person's plan as a calendar to take home (`my-plan.ics`). Pure: the saved posters, the
 * catalog and the clock in, the file's text out.
 *
 * One event per session holding saved posters, not one per poster: an attendee is in one
 * hall at one time, and five posters of the same session as five identical overlapping
 * events would fill the day view with copies and ring five alarms at once. The event lists
 * the posters, each with its link, in its description.
 */
import { createHash } from 'node:crypto';
import type { PlanOwner } from '../store/plans.ts';
import { type CalendarEvent, renderCalendar } from './ics.ts';
import { type CatalogLookup, groupBySession, type PlannedSession, posterLink } from './sessions.ts';

/** The attachment's name in Slack and in the console. */
export const PLAN_CALENDAR_FILENAME = 'my-plan.ics';

export type PlanCalendar =
  /** `ics` holds `events` events; `undated` saved posters had no time and were left out. */
  | { kind: 'calendar'; ics: string; events: number; posters: number; undated: number }
  /** Nothing saved (or nothing the catalog still has). */
  | { kind: 'empty' }
  /** Saved posters, but no session of theirs has a time (an undated catalog). */
  | { kind: 'undated'; posters: number };

export interface PlanCalendarInput {
  owner: PlanOwner;
  /** The saved paper ids (`store.plans.saved`). */
  paperIds: readonly string[];
  lookup: CatalogLookup;
  /** DTSTAMP of every event. */
  now: Date;
}

export function buildPlanCalendar(input: PlanCalendarInput): PlanCalendar {
  const { sessions, undated, unknown } = groupBySession(input.paperIds, input.lookup);
  const known = input.paperIds.length - unknown.length;
  if (known <= 0) return { kind: 'empty' };
  if (sessions.length === 0) return { kind: 'undated', posters: undated.length };
  const events = sessions.map((planned) => sessionEvent(input.owner, planned));
  return {
    kind: 'calendar',
    ics: renderCalendar(events, { now: input.now, name: 'My posters' }),
    events: events.length,
    posters: new Set(sessions.flatMap((s) => s.papers.map((p) => p.id))).size,
    undated: undated.length,
  };
}

/**
 * A UID that stays the same for the same person and session however often the plan is
 * exported (a calendar then updates the event instead of adding a copy), and tells nothing
 * about the person: a hash of team, user and session.
 */
export function eventUid(owner: PlanOwner, sessionId: string): string {
  const digest = createHash('sha256')
    .update(`${owner.teamId}\u0000${owner.userId}\u0000${sessionId}`)
    .digest('hex')
    .slice(0, 32);
  return `${digest}@poster-bot`;
}

function sessionEvent(owner: PlanOwner, { session, start, end, papers }: PlannedSession) {
  const links = papers.map((paper) => {
    const link = posterLink(paper);
    return link === undefined ? `• ${paper.title}` : `• ${paper.title}\n  ${link}`;
  });
  const count = papers.length === 1 ? '1 saved poster' : `${papers.length} saved posters`;
  const first = papers.length === 1 && papers[0] ? posterLink(papers[0]) : undefined;
  const event: CalendarEvent = {
    uid: eventUid(owner, session.id),
    start: new Date(start),
    end: new Date(end),
    summary:
      papers.length === 1 && papers[0]
        ? `${session.name}: ${papers[0].title}`
        : `${session.name}: ${count}`,
    description: [`Your ${count} in ${session.name}:`, ...links].join('\n'),
    ...(session.location !== undefined && { location: session.location }),
    // One poster: its page. Several: the session's own page when its location is a link.
    ...(first !== undefined
      ? { url: first }
      : session.location?.startsWith('http') && { url: session.location }),
  };
  return event;
}
