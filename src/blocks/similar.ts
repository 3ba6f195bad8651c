/**
 * The answer to "Similar": posters close to one paper, each with where and when it is shown
 * and why it was chosen, then the other posters of the same people, apart. Pure: domain in,
 * Block Kit out, every text from the data escaped and cut below Slack's limits.
 */
import type { KnownBlock, SectionBlock } from '@slack/types';
import type { Paper, Session } from '../catalog/types.ts';
import { type AuthorPoster, describeWhy, type SimilarPoster } from '../similar/similar-index.ts';
import { button } from './button.ts';
import { renderTitle } from './card.ts';
import { escapeMrkdwn, truncate } from './escape.ts';
import { ACTION_IDS } from './ids.ts';
import { SLACK_LIMITS } from './limits.ts';
import type { SlackMessage } from './message.ts';
import { saveButton } from './plan.ts';
import { formatInstant, slackDateToken } from './time.ts';

/** How much of each part we show; five posters and the author list stay far below 11,000. */
export const SIMILAR_LIMITS = {
  posters: 5,
  byAuthors: 5,
  sessionsShown: 2,
  sessionName: 100,
  /** A linked title longer than this (a very long URL) is shown unlinked. */
  linkedTitle: 500,
  /** The sessions-and-times line of one poster. */
  where: 400,
  why: 200,
  names: 120,
  /** The "More by these authors" section, below a section's 3000. */
  byAuthorsText: 2800,
} as const;

export interface SimilarAnswer {
  paper: Paper;
  similar: readonly SimilarPoster[];
  byAuthors: readonly AuthorPoster[];
}

export interface SimilarContext {
  sessions: ReadonlyMap<string, Session>;
  /** Fallback text of the time tokens (each reader sees their own zone); default UTC. */
  timeZone?: string;
}

/** The whole answer: heading, up to five neighbours, then "More by these authors". */
export function renderSimilar(answer: SimilarAnswer, context: SimilarContext): SlackMessage {
  const { paper, similar, byAuthors } = answer;
  const shown = similar.slice(0, SIMILAR_LIMITS.posters);
  const title = escapeMrkdwn(truncate(paper.title, 300));
  const blocks: KnownBlock[] = [
    section(
      'similar_heading',
      shown.length > 0
        ? `*Posters similar to* ${titleOf(paper)}`
        : `No posters close enough to ${titleOf(paper)} were found.`,
    ),
  ];
  // Save redraws this answer: the "Similar" of the paper it is about.
  const redraw = { actionId: ACTION_IDS.similarShow, value: paper.id };
  shown.forEach((neighbour, i) => {
    blocks.push(neighbourBlock(neighbour, i, context), {
      type: 'actions',
      block_id: `similar_${i}_actions`,
      elements: [saveButton(neighbour.paper, redraw)],
    });
  });
  blocks.push(
    { type: 'divider' },
    section('similar_by_authors', byAuthorsText(byAuthors, context)),
  );
  const count = shown.length === 1 ? '1 poster' : `${shown.length} posters`;
  return {
    text: truncate(`${count} similar to ‘${title}’`, SLACK_LIMITS.fallbackText),
    blocks,
  };
}

/** One neighbour: title, sessions and times, the why line; "Similar" hops to its neighbours. */
function neighbourBlock(
  { paper, why }: SimilarPoster,
  index: number,
  context: SimilarContext,
): KnownBlock {
  const lines = [
    titleOf(paper),
    where(paper, context, true),
    `_${truncate(escapeMrkdwn(describeWhy(why)), SIMILAR_LIMITS.why)}_`,
  ];
  return {
    ...section(`similar_${index}`, lines.join('\n')),
    accessory: button('Similar', ACTION_IDS.similarShow, paper.id),
  };
}

/** The linked title, or the bold title alone when its link would take too much room. */
function titleOf(paper: Paper): string {
  const linked = renderTitle(paper);
  return linked.length <= SIMILAR_LIMITS.linkedTitle
    ? linked
    : `*${escapeMrkdwn(truncate(paper.title, 300))}*`;
}

/**
 * ":round_pushpin: Poster Session 3 · Mon, Apr 27, 05:00–07:00" (times with `withTimes`), or
 * that no session is known. Sessions are added whole while they fit: a date token is never cut.
 */
function where(paper: Paper, { sessions, timeZone = 'UTC' }: SimilarContext, withTimes: boolean) {
  const known = paper.sessionIds
    .map((id) => sessions.get(id))
    .filter((s): s is Session => s !== undefined);
  if (known.length === 0) return ':round_pushpin: session not announced';
  const parts: string[] = [];
  let length = 0;
  for (const session of known.slice(0, SIMILAR_LIMITS.sessionsShown)) {
    const name = `*${truncate(escapeMrkdwn(session.name), SIMILAR_LIMITS.sessionName)}*`;
    const when = withTimes ? (sessionWhen(session, timeZone) ?? 'time not announced') : '';
    const part = when ? `${name} · ${when}` : name;
    if (parts.length > 0 && length + part.length > SIMILAR_LIMITS.where) break;
    parts.push(part);
    length += part.length + 2;
  }
  const more = known.length - parts.length;
  return `:round_pushpin: ${parts.join('; ')}${more > 0 ? ` (+${more} more)` : ''}`;
}

/** Start and end as date tokens: every reader sees their own time zone. */
function sessionWhen(session: Session, timeZone: string): string | undefined {
  const start = instant(session.start);
  if (!start) return undefined;
  const from = slackDateToken(start, formatInstant(start, timeZone));
  const end = instant(session.end);
  return end ? `${from}–${slackDateToken(end, formatInstant(end, timeZone), '{time}')}` : from;
}

function instant(iso: string | undefined): Date | undefined {
  if (iso === undefined) return undefined;
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? undefined : new Date(ms);
}

/** "More by these authors": title, the shared people, sessions; or that there is none. */
function byAuthorsText(byAuthors: readonly AuthorPoster[], context: SimilarContext): string {
  const heading = '*More by these authors*';
  if (byAuthors.length === 0) return `${heading}\nNo other posters by these authors.`;
  const lines = [heading];
  let length = heading.length;
  let shown = 0;
  for (const { paper, people } of byAuthors.slice(0, SIMILAR_LIMITS.byAuthors)) {
    const names = truncate(
      escapeMrkdwn(people.map((p) => p.name).join(', ')),
      SIMILAR_LIMITS.names,
    );
    const line = `• ${titleOf(paper)} — ${names}\n   ${where(paper, context, false)}`;
    // Whole lines only, with room left for the "…and N more" line.
    if (length + line.length + 40 > SIMILAR_LIMITS.byAuthorsText) break;
    lines.push(line);
    length += line.length + 1;
    shown++;
  }
  const more = byAuthors.length - shown;
  if (more > 0) lines.push(`…and ${more} more`);
  return lines.join('\n');
}

function section(blockId: string, text: string): SectionBlock {
  return {
    type: 'section',
    block_id: blockId,
    text: { type: 'mrkdwn', text: truncate(text, SLACK_LIMITS.sectionText) },
  };
}
