/**
 * The Home tab: a person's plan (the posters they saved) grouped by day and session, with
 * "Next up", a warning where two of their sessions overlap, Remove per poster, the reminders
 * switch and the calendar export; or, with nothing saved, what the bot can do and what is on.
 * Pure: domain objects and `now` in, blocks out. Times are Slack date tokens, so every reader
 * sees their own time zone; `timeZone` only groups days and writes the fallback text.
 *
 * Limits by construction: a view holds at most 100 blocks (SLACK.md). The fixed parts take at
 * most {@link HOME_LIMITS.fixedBlocks}, an `extra` section (the organisers', appended by the
 * caller) at most {@link HOME_LIMITS.extraBlocks}, and the plan is cut into pages that fit the
 * rest, with ◂ Prev / Next ▸: a plan of any size is paged, never cut silently.
 */
import type { Button, KnownBlock, SectionBlock } from '@slack/types';
import { sessionEndMs, startMs } from '../catalog/session-window.ts';
import type { Paper, Session } from '../catalog/types.ts';
import { localDate } from '../time.ts';
import { button } from './button.ts';
import { renderAuthors, renderTitle } from './card.ts';
import { escapeMrkdwn, truncate } from './escape.ts';
import { ACTION_IDS } from './ids.ts';
import { SLACK_LIMITS } from './limits.ts';
import { formatInstant, slackDateToken } from './time.ts';

export const HOME_LIMITS = {
  /** Slack's cap on a Home tab view. */
  viewBlocks: 100,
  /** Header, next up, settings (2), a note, a divider, the page line and its buttons, a divider. */
  fixedBlocks: 9,
  /** The share of an `extra` section; blocks past it are left out, with a note saying so. */
  extraBlocks: 20,
  /** Posters on one page, whatever room is left: a readable page. */
  postersPerPage: 30,
  /** Sessions named in one overlap warning. */
  overlapsNamed: 3,
  sessionName: 150,
  location: 100,
} as const;

/**
 * A saved poster under one of its sessions. A poster shown in two sessions comes twice, once
 * under each: reminders and the calendar cover both.
 */
export interface HomePoster {
  paper: Paper;
  session?: Session;
}

/** A session for the empty state's "on now" / "next", with how many posters it holds. */
export interface HomeSession {
  session: Session;
  posters: number;
}

export interface HomeInput {
  /** The saved posters the catalog knows, in any order. */
  posters: readonly HomePoster[];
  /** Saved posters no longer in the catalog (said, not listed). */
  missing?: number;
  now: Date;
  /** Days are grouped in this zone (the conference's), and fallback text written in it. */
  timeZone: string;
  /** Whether the catalog has session times: reminders and the calendar need them. */
  dated: boolean;
  remindersOn: boolean;
  /** Zero-based; clamped to the pages there are. */
  page?: number;
  /** For someone with nothing saved: the sessions on now, and the next ones. */
  onNow?: readonly HomeSession[];
  upNext?: readonly HomeSession[];
  /** Another section (the organisers'), below the plan, within its share of the budget. */
  extra?: readonly KnownBlock[];
}

export interface HomeRender {
  blocks: KnownBlock[];
  /** A one-line summary, for the console and logs. */
  text: string;
  page: number;
  pages: number;
}

/** The Home tab for one person. */
export function renderHome(input: HomeInput): HomeRender {
  const extra = input.extra ?? [];
  const extraShown = extra.slice(0, HOME_LIMITS.extraBlocks);
  const blocks: KnownBlock[] = [
    {
      type: 'header',
      block_id: 'home_header',
      text: { type: 'plain_text', text: 'Your poster plan' },
    },
  ];
  let page = 0;
  let pages = 1;
  if (input.posters.length === 0) {
    blocks.push(...emptyPlan(input));
  } else {
    const rows = planRows(input);
    const budget =
      HOME_LIMITS.viewBlocks -
      HOME_LIMITS.fixedBlocks -
      extraShown.length -
      (extra.length > 0 ? 1 : 0);
    const starts = pageStarts(rows, budget);
    pages = starts.length;
    page = Math.min(Math.max(0, Math.trunc(input.page ?? 0)), pages - 1);
    blocks.push(section('home_next_up', nextUp(input)), ...settings(input));
    if (input.missing) blocks.push(context(missingNote(input.missing)));
    blocks.push({ type: 'divider' });
    const from = starts[page]!;
    const to = starts[page + 1] ?? rows.length;
    blocks.push(...pageBlocks(rows.slice(from, to), page, input.timeZone));
    if (pages > 1) blocks.push(...navigation(rows, from, to, page, pages));
  }
  if (extra.length > 0) {
    blocks.push({ type: 'divider' }, ...extraShown);
    if (extraShown.length < extra.length) {
      blocks.push(context(`${extra.length - extraShown.length} more blocks were left out here.`));
    }
  }
  return { blocks, text: summary(input), page, pages };
}

// --- the plan, as rows -------------------------------------------------------------------

interface Row {
  poster: HomePoster;
  /** Local date of the session start, '' when undated. */
  day: string;
  /** The session's id, '' for a poster without a session. */
  sessionKey: string;
  start?: number;
  end?: number;
  /** Other sessions of the plan running at the same time. */
  overlaps: Session[];
}

function planRows(input: HomeInput): Row[] {
  const rows: Row[] = input.posters.map((poster) => {
    const start = poster.session && startMs(poster.session);
    const end =
      start === undefined || !poster.session ? undefined : sessionEndMs(poster.session, start);
    return {
      poster,
      day: start === undefined ? '' : localDate(new Date(start), input.timeZone),
      sessionKey: poster.session?.id ?? '',
      ...(start !== undefined && { start }),
      ...(end !== undefined && { end }),
      overlaps: [],
    };
  });
  rows.sort(byWhenThenTitle);
  markOverlaps(rows);
  return rows;
}

/** Dated sessions by start, then undated ones by name, then posters without a session. */
function byWhenThenTitle(a: Row, b: Row): number {
  const rank = (r: Row) => (r.start !== undefined ? 0 : r.sessionKey !== '' ? 1 : 2);
  return (
    rank(a) - rank(b) ||
    (a.start ?? 0) - (b.start ?? 0) ||
    (a.poster.session?.name ?? '').localeCompare(b.poster.session?.name ?? '') ||
    a.sessionKey.localeCompare(b.sessionKey) ||
    a.poster.paper.title.localeCompare(b.poster.paper.title) ||
    a.poster.paper.id.localeCompare(b.poster.paper.id)
  );
}

/** Sessions of the plan whose times intersect (start before the other's end, both ways). */
function markOverlaps(rows: Row[]): void {
  const sessions = new Map<string, { session: Session; start: number; end: number }>();
  for (const row of rows) {
    if (row.start === undefined || row.end === undefined || !row.poster.session) continue;
    sessions.set(row.sessionKey, { session: row.poster.session, start: row.start, end: row.end });
  }
  const list = [...sessions.values()];
  const overlapsOf = new Map<string, Session[]>();
  for (const a of list) {
    overlapsOf.set(
      a.session.id,
      list.filter((b) => b !== a && a.start < b.end && b.start < a.end).map((b) => b.session),
    );
  }
  for (const row of rows) row.overlaps = overlapsOf.get(row.sessionKey) ?? [];
}

/** Blocks a row adds after `previous` on the same page: a day heading, a session, a warning. */
function rowCost(row: Row, previous: Row | undefined): number {
  const newDay = !previous || previous.day !== row.day;
  const newSession = newDay || previous.sessionKey !== row.sessionKey;
  return (
    1 +
    (newDay && row.day !== '' ? 1 : 0) +
    (newSession ? 1 + (row.overlaps.length > 0 ? 1 : 0) : 0)
  );
}

/** Where each page starts: posters are added while they fit the budget and the page size. */
function pageStarts(rows: readonly Row[], budget: number): number[] {
  const starts = [0];
  let used = 0;
  let posters = 0;
  for (let i = 0; i < rows.length; i++) {
    const cost = rowCost(rows[i]!, posters === 0 ? undefined : rows[i - 1]);
    if (posters > 0 && (used + cost > budget || posters >= HOME_LIMITS.postersPerPage)) {
      starts.push(i);
      used = rowCost(rows[i]!, undefined);
      posters = 1;
      continue;
    }
    used += cost;
    posters++;
  }
  return starts;
}

function pageBlocks(rows: readonly Row[], page: number, timeZone: string): KnownBlock[] {
  const blocks: KnownBlock[] = [];
  rows.forEach((row, i) => {
    const previous = i === 0 ? undefined : rows[i - 1];
    const newDay = !previous || previous.day !== row.day;
    if (newDay && row.day !== '' && row.start !== undefined) {
      blocks.push(section(`home_day_${i}`, `*${dayHeading(row.start, row.day)}*`));
    }
    if (newDay || previous?.sessionKey !== row.sessionKey) {
      blocks.push(section(`home_session_${i}`, sessionLine(row, timeZone)));
      if (row.overlaps.length > 0) blocks.push(context(overlapWarning(row.overlaps)));
    }
    blocks.push(posterRow(row.poster.paper, i, page));
  });
  return blocks;
}

function dayHeading(start: number, day: string): string {
  const fallback = new Intl.DateTimeFormat('en-US', {
    timeZone: 'UTC',
    weekday: 'long',
    month: 'long',
    day: 'numeric',
  }).format(new Date(`${day}T12:00:00Z`));
  return slackDateToken(new Date(start), fallback, '{date_long_pretty}');
}

/** "*Poster Session 3* · 18:30–20:30 · :round_pushpin: Hall B", times as date tokens. */
function sessionLine(row: Row, timeZone: string): string {
  const session = row.poster.session;
  if (!session) return '*No session announced yet*';
  const parts = [`*${escapeMrkdwn(truncate(session.name, HOME_LIMITS.sessionName))}*`];
  parts.push(
    row.start === undefined ? 'time not announced' : timeRange(row.start, row.end, timeZone),
  );
  if (session.location) {
    parts.push(`:round_pushpin: ${escapeMrkdwn(truncate(session.location, HOME_LIMITS.location))}`);
  }
  return parts.join(' · ');
}

function timeRange(start: number, end: number | undefined, timeZone: string): string {
  const token = (ms: number) =>
    slackDateToken(new Date(ms), formatInstant(new Date(ms), timeZone), '{time}');
  if (end === undefined || end === start) return token(start);
  return `${token(start)}–${token(end)}`;
}

function overlapWarning(overlaps: readonly Session[]): string {
  const named = overlaps
    .slice(0, HOME_LIMITS.overlapsNamed)
    .map((s) => `*${escapeMrkdwn(truncate(s.name, HOME_LIMITS.sessionName))}*`);
  const more = overlaps.length - named.length;
  return `:warning: Overlaps with ${named.join(', ')}${more > 0 ? ` and ${more} more` : ''}, also in your plan.`;
}

/** A poster: its linked title and first authors, with Remove beside it. */
function posterRow(paper: Paper, index: number, page: number): SectionBlock {
  return {
    ...section(`home_poster_${index}`, `${renderTitle(paper)}\n${renderAuthors(paper.authors)}`),
    accessory: button(
      'Remove',
      ACTION_IDS.planRemove,
      `${page}|${paper.id}`,
      `Remove ${paper.title} from your plan`,
    ),
  };
}

function navigation(rows: readonly Row[], from: number, to: number, page: number, pages: number) {
  const buttons: Button[] = [];
  if (page > 0) buttons.push(button('◂ Prev', ACTION_IDS.planHomePage, String(page - 1)));
  if (page < pages - 1) buttons.push(button('Next ▸', ACTION_IDS.planHomePage, String(page + 1)));
  return [
    context(`Posters ${from + 1}–${to} of ${rows.length} · page ${page + 1} of ${pages}`),
    { type: 'actions', block_id: `home_nav_${page}`, elements: buttons } as KnownBlock,
  ];
}

// --- next up, settings, notes --------------------------------------------------------------

/** The next session (or the one running now) that holds a saved poster. */
function nextUp(input: HomeInput): string {
  const at = input.now.getTime();
  const sessions = new Map<string, { session: Session; start: number; end: number; n: number }>();
  for (const { session } of input.posters) {
    const start = session && startMs(session);
    if (!session || start === undefined) continue;
    const end = sessionEndMs(session, start);
    const entry = sessions.get(session.id) ?? { session, start, end, n: 0 };
    entry.n++;
    sessions.set(session.id, entry);
  }
  if (sessions.size === 0) {
    return input.dated
      ? '*Next up:* the sessions of your posters have no times yet.'
      : '*Next up:* this conference’s schedule has no session times yet, so I can’t tell what comes next.';
  }
  const coming = [...sessions.values()]
    .filter((s) => s.end > at || s.start > at)
    .sort((a, b) => a.start - b.start);
  const next = coming[0];
  if (!next) return '*Next up:* every session in your plan is over.';
  const running = next.start <= at;
  const name = `*${escapeMrkdwn(truncate(next.session.name, HOME_LIMITS.sessionName))}*`;
  const when = running
    ? `running now, until ${slackDateToken(new Date(next.end), formatInstant(new Date(next.end), input.timeZone), '{time}')}`
    : slackDateToken(new Date(next.start), formatInstant(new Date(next.start), input.timeZone));
  const where = next.session.location
    ? ` · :round_pushpin: ${escapeMrkdwn(truncate(next.session.location, HOME_LIMITS.location))}`
    : '';
  const count = next.n === 1 ? '1 of your posters' : `${next.n} of your posters`;
  return `*${running ? 'Now' : 'Next up'}:* ${name} · ${when}${where} · ${count}`;
}

/** Reminders on / off and the calendar export, when sessions have times; else why not. */
function settings(input: HomeInput): KnownBlock[] {
  if (!input.dated) return [context(UNDATED_NOTE)];
  const state = input.remindersOn
    ? 'Reminders are *on*: I send you a direct message before each session that holds your posters.'
    : 'Reminders are *off*.';
  return [
    context(state),
    {
      type: 'actions',
      block_id: 'home_settings',
      elements: [
        button(
          input.remindersOn ? 'Turn reminders off' : 'Turn reminders on',
          ACTION_IDS.planRemindersToggle,
          input.remindersOn ? 'off' : 'on',
        ),
        button('Export to calendar', ACTION_IDS.planExportIcs, ''),
      ],
    },
  ];
}

const UNDATED_NOTE =
  'Reminders and the calendar export need session times; this conference’s schedule has none yet.';

function missingNote(missing: number): string {
  return missing === 1
    ? '1 saved poster is no longer in the catalog.'
    : `${missing} saved posters are no longer in the catalog.`;
}

/** With nothing saved: how to save, what the bot does, and what is on now and next. */
function emptyPlan(input: HomeInput): KnownBlock[] {
  const blocks: KnownBlock[] = [
    section(
      'home_empty',
      'Nothing saved yet. Press *Save* on any poster card (in `/poster` answers, mentions, ' +
        'the daily digest) and it appears here, grouped by day and session.',
    ),
    section(
      'home_help',
      [
        '*What I can do*',
        '• `/poster vision transformer`: posters about a topic',
        '• `/poster author <name>`: a person’s posters',
        '• `/poster now` · `/poster next` · `/poster today`: what is on',
        '• `@poster …` in a channel: the same answers, in the thread',
        '• *Similar* on a card: posters like it, and more by the same people',
      ].join('\n'),
    ),
  ];
  if (!input.dated) {
    blocks.push(context(UNDATED_NOTE));
    return blocks;
  }
  const line = (label: string, list: readonly HomeSession[] | undefined) =>
    list && list.length > 0
      ? `*${label}:* ${list
          .slice(0, 3)
          .map(({ session, posters }) => {
            const start = startMs(session);
            const when =
              start === undefined
                ? ''
                : ` (${slackDateToken(new Date(start), formatInstant(new Date(start), input.timeZone))})`;
            return `${escapeMrkdwn(truncate(session.name, HOME_LIMITS.sessionName))}${when}, ${posters} posters`;
          })
          .join('; ')}`
      : `*${label}:* no session.`;
  blocks.push(
    section('home_sessions', `${line('On now', input.onNow)}\n${line('Next', input.upNext)}`),
  );
  return blocks;
}

function summary(input: HomeInput): string {
  const n = new Set(input.posters.map((p) => p.paper.id)).size;
  if (n === 0) return 'Your poster plan is empty.';
  const sessions = new Set(input.posters.map((p) => p.session?.id ?? '')).size;
  return `Your poster plan: ${n} ${n === 1 ? 'poster' : 'posters'} in ${sessions} ${sessions === 1 ? 'session' : 'sessions'}.`;
}

function section(blockId: string, text: string): SectionBlock {
  return {
    type: 'section',
    block_id: blockId,
    text: { type: 'mrkdwn', text: truncate(text, SLACK_LIMITS.sectionText) },
  };
}

function context(text: string): KnownBlock {
  return { type: 'context', elements: [{ type: 'mrkdwn', text }] };
}
