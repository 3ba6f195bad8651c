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
  const plainName = truncate(session.name, 150);
  const titles = papers.map((paper) => truncate(paper.title, 80)).join('; ');
  const text = truncate(
    `Reminder: ${plainName} starts ${soon} (${formatInstant(start, timeZone)}): ${titles}`,
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
