/**
 * The reminder a person gets in their DM shortly before a session holding posters they
 * saved: when (a Slack date token, read in each reader's own time zone), where, and the
 * posters, each linked. Pure: the reminder and the clock in, `{ text, blocks }` out.
 */
import type { KnownBlock } from '@slack/types';
import type { Paper, Session } from '../catalog/types.ts';
import { posterLink } from '../plan/sessions.ts';
import { safeUrl } from './card.ts';
import { escapeMrkdwn, truncate } from './escape.ts';
import { SLACK_LIMITS } from './limits.ts';
import type { SlackMessage } from './message.ts';
import { formatInstant, slackDateToken } from './time.ts';

/** What a reminder shows. */
export interface ReminderContent {
  session: Session;
  start: Date;
  /** The person's saved posters in the session. */
  papers: readonly Paper[];
}

/** Characters of a title in the list; a whole list stays far under a section's 3,000. */
const TITLE_MAX = 200;
/** Where the plan lives, for the last line. */
export const OPEN_MY_PLAN_HINT =
  'Open my plan: the bot’s *Home* tab lists everything you saved (reminders can be switched off there).';

/** `in 10 minutes`, `in 1 minute`, `now` (under a minute). */
export function minutesUntil(start: Date, now: Date): string {
  const minutes = Math.floor((start.getTime() - now.getTime()) / 60_000);
  if (minutes < 1) return 'now';
  return `in ${minutes} minute${minutes === 1 ? '' : 's'}`;
}

export function renderReminder(
  content: ReminderContent,
  now: Date,
  timeZone: string,
): SlackMessage {
  const { session, start, papers } = content;
  const name = escapeMrkdwn(truncate(session.name, 150));
  const when = slackDateToken(start, formatInstant(start, timeZone), '{time}');
  const soon = minutesUntil(start, now);
  const where = session.location ? ` · ${locationText(session.location)}` : '';
  const count = papers.length === 1 ? 'your saved poster' : `your ${papers.length} saved posters`;
  const blocks: KnownBlock[] = [
    {
      type: 'section',
      block_id: 'reminder_when',
      text: {
        type: 'mrkdwn',
        text: `:alarm_clock: *${name}* starts ${soon} (${when})${where}, with ${count}:`,
      },
    },
    {
      type: 'section',
      block_id: 'reminder_posters',
      text: { type: 'mrkdwn', text: posterList(papers, session) },
    },
    {
      type: 'context',
      block_id: 'reminder_hint',
      elements: [{ type: 'mrkdwn', text: OPEN_MY_PLAN_HINT }],
    },
  ];
  // The notification text is mrkdwn too: a title with `<!channel>` or `*` is data, not markup.
  const titles = papers.map((paper) => escapeMrkdwn(truncate(paper.title, 80))).join('; ');
  const text = truncate(
    `Reminder: ${name} starts ${soon} (${formatInstant(start, timeZone)}): ${titles}`,
    SLACK_LIMITS.fallbackText,
  );
  return { text, blocks };
}

/** A location that is a link becomes one; anything else is escaped text. */
function locationText(location: string): string {
  const url = safeUrl(location);
  return url ? `<${url}|join the session>` : escapeMrkdwn(truncate(location, 200));
}

/**
 * One line per poster, linked to its page, with the session's place beside it; as many as
 * fit in one section, then "and N more".
 */
function posterList(papers: readonly Paper[], session: Session): string {
  const budget = SLACK_LIMITS.sectionText - 40;
  const place =
    session.location && !safeUrl(session.location)
      ? ` — ${escapeMrkdwn(truncate(session.location, 80))}`
      : '';
  const lines: string[] = [];
  let used = 0;
  for (const [i, paper] of papers.entries()) {
    const title = escapeMrkdwn(truncate(paper.title, TITLE_MAX));
    const url = safeUrl(posterLink(paper));
    const line = `• ${url ? `<${url}|${title}>` : title}${place}`;
    if (used + line.length + 1 > budget) {
      lines.push(`…and ${papers.length - i} more in your plan`);
      break;
    }
    lines.push(line);
    used += line.length + 1;
  }
  return lines.join('\n');
}

/** A coming session's reminder, for `/poster reminders`. */
export interface ScheduledReminder extends ReminderContent {
  /** When the DM goes out: start − REMINDER_LEAD. */
  remindAt: Date;
  /** Already sent (recorded in the store). */
  sent: boolean;
}

export interface ReminderSchedule {
  /** By start. */
  coming: readonly ScheduledReminder[];
  /** The person's reminders switch. */
  on: boolean;
  leadMinutes: number;
  now: Date;
  timeZone: string;
}

/** Sessions listed before "and N more": the list stays a short message. */
const SCHEDULE_SHOWN = 10;

/**
 * What the asker will be reminded of: a line per coming session with saved posters, then the
 * next reminder as it will be sent (the dry run of src/reminders/run.ts for one person).
 */
export function renderReminderSchedule(schedule: ReminderSchedule): SlackMessage {
  const { coming, on, leadMinutes, now, timeZone } = schedule;
  if (coming.length === 0) {
    const text =
      'No reminders coming: none of your saved posters is in a session still ahead. Save posters with Save on a card.';
    return { text, blocks: [{ type: 'section', text: { type: 'mrkdwn', text } }] };
  }
  const head = on
    ? `I’ll send you a direct message ${leadMinutes} minute${leadMinutes === 1 ? '' : 's'} before each of these sessions:`
    : 'Your reminders are switched off (turn them on in the bot’s Home tab). These sessions hold your saved posters:';
  const lines = coming.slice(0, SCHEDULE_SHOWN).map((entry) => {
    const name = escapeMrkdwn(truncate(entry.session.name, 150));
    const when = slackDateToken(entry.start, formatInstant(entry.start, timeZone));
    const state = entry.sent
      ? 'reminder sent'
      : entry.remindAt.getTime() <= now.getTime()
        ? 'reminder due now'
        : `reminder ${slackDateToken(entry.remindAt, formatInstant(entry.remindAt, timeZone), '{time}')}`;
    const n = entry.papers.length;
    return `• *${name}*, ${when}: ${n} saved poster${n === 1 ? '' : 's'} (${on ? state : 'no reminder'})`;
  });
  if (coming.length > SCHEDULE_SHOWN) lines.push(`…and ${coming.length - SCHEDULE_SHOWN} more`);
  const blocks: KnownBlock[] = [
    {
      type: 'section',
      block_id: 'reminders_schedule',
      text: {
        type: 'mrkdwn',
        text: truncate(`${head}\n${lines.join('\n')}`, SLACK_LIMITS.sectionText),
      },
    },
  ];
  const next = on ? coming.find((entry) => !entry.sent) : undefined;
  if (next !== undefined) {
    const preview = renderReminder(
      next,
      next.remindAt.getTime() > now.getTime() ? next.remindAt : now,
      timeZone,
    );
    blocks.push(
      { type: 'divider' },
      {
        type: 'context',
        elements: [{ type: 'mrkdwn', text: 'The next one, as it will arrive:' }],
      },
      ...preview.blocks,
    );
  }
  const text = truncate(
    `${on ? 'Reminders' : 'Reminders off'}: ${coming.length} session${coming.length === 1 ? '' : 's'} with your saved posters`,
    SLACK_LIMITS.fallbackText,
  );
  return { text, blocks };
}
