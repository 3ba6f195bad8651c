/**
 * The daily digest as Slack messages: one top-level message (the day at a glance) and the
 * thread under it (every poster as a card, in chunks). Pure, built from the Block Kit
 * primitives of src/blocks/: the selection comes from ./select.ts, times become Slack date tokens so each reader sees local time.
 */
import type { KnownBlock } from '@slack/types';
import { renderCard, renderMeta, renderTitle, safeUrl } from '../blocks/card.ts';
import { escapeMrkdwn, truncate } from '../blocks/escape.ts';
import { SLACK_LIMITS } from '../blocks/limits.ts';
import type { SlackMessage } from '../blocks/message.ts';
import { blocksTextLength, fitMessage, MAX_CARDS_PER_MESSAGE } from '../blocks/results.ts';
import { formatInstant, slackDateToken } from '../blocks/time.ts';
import { type SessionPapers, sessionEndMs } from '../catalog/session-window.ts';
import type { Paper, Session } from '../catalog/types.ts';
import type { LocalDate } from '../time.ts';
import type { DigestSelection } from './select.ts';

/** A selection that has something to post (`nothing` has no message). */
export type PostableSelection = Exclude<DigestSelection, { kind: 'nothing' }>;

/** What the digest renderers need besides the selection. */
export interface DigestRenderContext {
  /** Sessions by id, to name every session a card's paper is presented in. */
  sessions: ReadonlyMap<string, Session>;
  /** The digest time zone: fallback text of date tokens (clients that cannot render them). */
  timeZone: string;
  /** When the digest is posted: sessions over by then are marked as such. */
  now?: Date;
}

/**
 * Caps on the top-level message. With them its text stays near 7,000 characters whatever the
 * data, under Slack's ~11,000 (SLACK.md); `fitMessage` is only the last guard.
 */
export const DIGEST_LIMITS = {
  sessionsListed: 20,
  rotationTitlesListed: 10,
} as const;

/** The `block_id` of a thread chunk's heading, unique within its message. */
const CHUNK_HEADING_ID = 'digest_chunk_heading';

/** At most this many titles per session message: a screenful or two on a phone. */
const MAX_TITLES_PER_MESSAGE = 40;

/** What a reader can do next, under every session's list. */
const WHAT_NEXT =
  'What next: `/poster &lt;keywords&gt;` searches every poster · `/poster now` shows the session on now · mention me in this thread, e.g. `@poster papers by &lt;name&gt;`';

/**
 * The top-level message: the date, the day's sessions with their times as Slack date tokens
 * and poster counts, the highlights (awards, orals, spotlights) and the main topics; for a
 * "posters of the day" rotation, the day's picks. Details go to the thread
 * ({@link renderDigestChunks}), so the channel gets one message a day.
 */
export function renderDigestRoot(
  selection: PostableSelection,
  context: DigestRenderContext,
): SlackMessage {
  return selection.kind === 'sessions'
    ? renderSessionsRoot(selection, context)
    : renderRotationRoot(selection);
}

/**
 * The thread. A day of sessions: the highlights as full cards, then one compact message per
 * session listing, as linked titles, the posters shown for the first time that day (a poster
 * presented twice a day is listed once, under its first session, naming the other), and
 * what to do next. A rotation ("posters of the day"): its picks as cards.
 *
 * Every message is within Slack's limits (≤ {@link MAX_CARDS_PER_MESSAGE} cards, 50 blocks,
 * ~11,000 characters); a long session takes several messages, and no poster is dropped.
 * Deterministic: the same selection gives the same chunks, which is what lets a crashed run
 * resume by chunk index.
 */
export function renderDigestChunks(
  selection: PostableSelection,
  context: DigestRenderContext,
): SlackMessage[] {
  if (selection.kind === 'rotation') {
    return chunkGroup({ label: 'Posters of the day', papers: selection.papers }, context.sessions);
  }
  const highlights =
    selection.highlights.length > 0
      ? chunkGroup({ label: 'Highlights', papers: selection.highlights }, context.sessions)
      : [];
  return [...highlights, ...sessionMessages(selection.sessions, context)];
}

/** A date as readers say it: `Tuesday, April 28, 2020` (a calendar date has no zone). */
export function formatDigestDate(date: LocalDate): string {
  return new Intl.DateTimeFormat('en-US', {
    timeZone: 'UTC',
    weekday: 'long',
    month: 'long',
    day: 'numeric',
    year: 'numeric',
  }).format(new Date(`${date}T12:00:00Z`));
}

function renderSessionsRoot(
  selection: Extract<DigestSelection, { kind: 'sessions' }>,
  context: DigestRenderContext,
): SlackMessage {
  const day = formatDigestDate(selection.date);
  const posters = new Set(selection.sessions.flatMap((g) => g.papers.map((p) => p.id))).size;
  const summary = `${plural(selection.sessions.length, 'poster session')} today, ${plural(posters, 'poster')}`;
  const listed = selection.sessions.slice(0, DIGEST_LIMITS.sessionsListed);
  const sessionLines = listed.map((group) => sessionLine(group, context));
  const unlisted = selection.sessions.length - listed.length;
  if (unlisted > 0) sessionLines.push(`… and ${plural(unlisted, 'more session')} in the thread`);

  const blocks: KnownBlock[] = [
    header(`Poster digest · ${day}`),
    mrkdwnSection(
      'digest_summary',
      `*${summary}.* Every poster is in the thread, once, under its first session :thread:`,
    ),
    ...mrkdwnSections('digest_sessions', sessionLines),
  ];
  // Dividers mark what fitMessage may drop from the end first: topics, then highlights.
  if (selection.highlights.length > 0) {
    blocks.push(
      { type: 'divider' },
      ...mrkdwnSections('digest_highlights', [
        '*Highlights*',
        ...selection.highlights.map(
          (paper) => `• ${renderTitle(paper)} · ${renderMeta(paper, context.sessions)}`,
        ),
      ]),
    );
  }
  if (selection.topics.length > 0) {
    blocks.push(
      { type: 'divider' },
      contextLine(
        `Main topics: ${selection.topics.map((topic) => escapeMrkdwn(topic)).join(' · ')}`,
      ),
    );
  }
  return { text: fallback(`Poster digest for ${day}: ${summary}`), blocks: fitMessage(blocks) };
}

function renderRotationRoot(
  selection: Extract<DigestSelection, { kind: 'rotation' }>,
): SlackMessage {
  const day = formatDigestDate(selection.date);
  const listed = selection.papers.slice(0, DIGEST_LIMITS.rotationTitlesListed);
  const blocks: KnownBlock[] = [
    header(`Posters of the day · ${day}`),
    mrkdwnSection(
      'digest_summary',
      `*${plural(selection.papers.length, 'poster')} picked for today*; every poster gets its turn ` +
        'before any comes back. Abstracts and links are in the thread :thread:',
    ),
    ...mrkdwnSections(
      'digest_picks',
      listed.map((paper) => `• ${renderTitle(paper)}`),
    ),
  ];
  return {
    text: fallback(`Posters of the day for ${day}: ${plural(selection.papers.length, 'poster')}`),
    blocks: fitMessage(blocks),
  };
}

interface CardGroup {
  /** Plain text: a session name or "Posters of the day". */
  label: string;
  /** mrkdwn (date tokens) saying when the group takes place, if it does. */
  when?: string;
  papers: readonly Paper[];
}

/** A group's papers as messages of cards, each message as full as the limits allow. */
function chunkGroup(group: CardGroup, sessions: ReadonlyMap<string, Session>): SlackMessage[] {
  const cards = group.papers.map((paper, i) => [
    { type: 'divider' } as const,
    ...renderCard(paper, { sessions, blockPrefix: `digest_card_${i}` }),
  ]);
  const ranges: { first: number; end: number }[] = [];
  let first = 0;
  while (first < cards.length) {
    let end = first + 1; // one card always fits: a card is far below every limit
    while (
      end < cards.length &&
      end - first < MAX_CARDS_PER_MESSAGE &&
      fits(chunkBlocks(group, first, end + 1, cards))
    ) {
      end += 1;
    }
    ranges.push({ first, end });
    first = end;
  }
  return ranges.map(({ first: from, end }) => ({
    text: fallback(`${group.label}: ${rangeLabel(from, end, cards.length)}`),
    blocks: chunkBlocks(group, from, end, cards),
  }));
}

function chunkBlocks(
  group: CardGroup,
  first: number,
  end: number,
  cards: readonly KnownBlock[][],
): KnownBlock[] {
  const heading = [
    `*${escapeMrkdwn(truncate(group.label, 200))}*`,
    group.when,
    rangeLabel(first, end, cards.length),
  ].filter(Boolean);
  return [mrkdwnSection(CHUNK_HEADING_ID, heading.join(' · ')), ...cards.slice(first, end).flat()];
}

function fits(blocks: readonly KnownBlock[]): boolean {
  return (
    blocks.length <= SLACK_LIMITS.blocksPerMessage &&
    blocksTextLength(blocks) <= SLACK_LIMITS.messageTotalText
  );
}

/** "posters 9–16 of 55", or "1 poster" / "3 posters" when one message holds them all. */
function rangeLabel(first: number, end: number, total: number): string {
  if (first === 0 && end === total) return plural(total, 'poster');
  return end - first === 1
    ? `poster ${first + 1} of ${total}`
    : `posters ${first + 1}–${end} of ${total}`;
}

/** "Mon 28 Apr 05:00–07:00" as date tokens: each reader sees their own time zone. */
function sessionWhen(session: Session, timeZone: string): string | undefined {
  const start = instant(session.start);
  if (!start) return undefined;
  const from = slackDateToken(start, formatInstant(start, timeZone));
  const end = instant(session.end);
  return end ? `${from}–${slackDateToken(end, formatInstant(end, timeZone), '{time}')}` : from;
}

function sessionLine(group: SessionPapers, context: DigestRenderContext): string {
  const { session } = group;
  const parts = [
    `• *${escapeMrkdwn(truncate(session.name, 100))}*`,
    sessionWhen(session, context.timeZone),
    plural(group.papers.length, 'poster'),
    session.location && escapeMrkdwn(truncate(session.location, 100)),
    isOver(session, context.now) && '_already over_',
  ].filter(Boolean);
  return parts.join(' · ');
}

/** Whether `session` ended before `now` (a session without an end lasts two hours). */
function isOver(session: Session, now: Date | undefined): boolean {
  const start = instant(session.start);
  if (now === undefined || start === undefined) return false;
  return sessionEndMs(session, start.getTime()) <= now.getTime();
}

function instant(iso: string | undefined): Date | undefined {
  if (iso === undefined) return undefined;
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? undefined : new Date(ms);
}

function plural(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

function header(text: string): KnownBlock {
  return {
    type: 'header',
    block_id: 'digest_header',
    text: { type: 'plain_text', text: truncate(text, SLACK_LIMITS.headerText) },
  };
}

function contextLine(text: string, blockId?: string): KnownBlock {
  return {
    type: 'context',
    ...(blockId !== undefined && { block_id: blockId }),
    elements: [{ type: 'mrkdwn', text }],
  };
}

function mrkdwnSection(blockId: string, text: string): KnownBlock {
  return {
    type: 'section',
    block_id: blockId,
    text: { type: 'mrkdwn', text: truncate(text, SLACK_LIMITS.sectionText) },
  };
}

/**
 * Lines packed into as few sections as the 3,000-character section limit allows, never
 * splitting a line (a cut date token or link would show as raw markup).
 */
function mrkdwnSections(blockIdPrefix: string, lines: readonly string[]): KnownBlock[] {
  const texts: string[] = [];
  let current = '';
  for (const line of lines) {
    const next = current === '' ? line : `${current}\n${line}`;
    if (next.length <= SLACK_LIMITS.sectionText || current === '') current = next;
    else {
      texts.push(current);
      current = line;
    }
  }
  if (current !== '') texts.push(current);
  return texts.map((text, i) =>
    mrkdwnSection(i === 0 ? blockIdPrefix : `${blockIdPrefix}_${i}`, text),
  );
}

/** The notification text: plain words, escaped, within the fallback limit. */
function fallback(text: string): string {
  return truncate(escapeMrkdwn(text), SLACK_LIMITS.fallbackText);
}

/**
 * One or more compact messages per session: its heading (name, time, how many posters, and
 * whether it is already over), the posters it shows for the first time that day as linked
 * titles, each naming the day's other session presenting it, and what to do next.
 */
function sessionMessages(
  groups: readonly SessionPapers[],
  context: DigestRenderContext,
): SlackMessage[] {
  const sessionsOf = new Map<string, Session[]>();
  for (const { session, papers } of groups) {
    for (const paper of papers)
      sessionsOf.set(paper.id, [...(sessionsOf.get(paper.id) ?? []), session]);
  }
  return groups.flatMap((group) => {
    if (group.papers.length === 0) return [];
    const own = group.papers.filter((paper) => sessionsOf.get(paper.id)?.[0] === group.session);
    const lines = own.map((paper) => {
      const others = (sessionsOf.get(paper.id) ?? []).filter((s) => s !== group.session);
      const also = others.map((s) => escapeMrkdwn(truncate(s.name, 60))).join(', ');
      return `• ${linkedTitle(paper)}${also ? ` · _also ${also}_` : ''}`;
    });
    const shownBefore = group.papers.length - own.length;
    const heading = [
      `*${escapeMrkdwn(truncate(group.session.name, 200))}*`,
      sessionWhen(group.session, context.timeZone),
      plural(group.papers.length, 'poster'),
      isOver(group.session, context.now) && '_already over_',
    ].filter(Boolean);
    const repeatNote = shownBefore > 0 ? repeatedNote(shownBefore, group.papers.length) : undefined;
    return packLines(group.session.name, heading.join(' · '), lines, repeatNote);
  });
}

/** "All 3 of its posters were listed under an earlier session today." */
function repeatedNote(repeated: number, total: number): string {
  const which =
    repeated < total
      ? `${repeated} of its posters ${repeated === 1 ? 'was' : 'were'}`
      : total === 1
        ? 'Its poster was'
        : `All ${total} of its posters were`;
  return `${which} listed under an earlier session today.`;
}

/** A title linked to its poster page, without the card's bold: a list line. */
function linkedTitle(paper: Paper): string {
  const title = escapeMrkdwn(truncate(paper.title, 90));
  const url = safeUrl(paper.posterUrl);
  return url ? `<${url}|${title}>` : title;
}

/** Lines into as few messages as the limits and {@link MAX_TITLES_PER_MESSAGE} allow. */
function packLines(
  label: string,
  heading: string,
  lines: readonly string[],
  note: string | undefined,
): SlackMessage[] {
  const build = (from: number, end: number): KnownBlock[] => {
    const range = lines.length > end - from ? ` · ${rangeLabel(from, end, lines.length)}` : '';
    return [
      mrkdwnSection(CHUNK_HEADING_ID, `${heading}${range}`),
      ...mrkdwnSections('digest_titles', lines.slice(from, end)),
      ...(note && end === lines.length ? [contextLine(note, 'digest_note')] : []),
      contextLine(WHAT_NEXT, 'digest_next'),
    ];
  };
  const messages: SlackMessage[] = [];
  let from = 0;
  do {
    let end = Math.min(lines.length, from + 1);
    while (
      end < lines.length &&
      end - from < MAX_TITLES_PER_MESSAGE &&
      fits(build(from, end + 1))
    ) {
      end += 1;
    }
    const range = lines.length === 0 ? 'no new posters' : rangeLabel(from, end, lines.length);
    messages.push({ text: fallback(`${label}: ${range}`), blocks: build(from, end) });
    from = end;
  } while (from < lines.length);
  return messages;
}
