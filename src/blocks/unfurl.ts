/**
 * A pasted poster link, unfurled (issue 13): the compact card — title, authors, badges and
 * session — with when the session is (a date token: every reader sees their own time zone)
 * and the card's buttons. No Share: the card already sits in the conversation.
 * https://api.slack.com/reference/messaging/link-unfurling
 */
import type { KnownBlock } from '@slack/types';
import type { Paper, Session } from '../catalog/types.ts';
import { renderCard } from './card.ts';
import { truncate } from './escape.ts';
import { SLACK_LIMITS } from './limits.ts';
import { formatInstant, slackDateToken } from './time.ts';

/** Sessions shown with their times, at most: a paper is in one or two. */
const MAX_TIMES = 3;

/** One link's unfurl: `{ blocks }`, as `chat.unfurl` takes it per URL. */
export function renderUnfurl(
  paper: Paper,
  sessions: ReadonlyMap<string, Session>,
  timeZone: string,
): { blocks: KnownBlock[] } {
  const blocks = renderCard(paper, {
    sessions,
    blockPrefix: 'unfurl',
    buttons: { abstract: true, share: false, similar: true },
  });
  const times = paper.sessionIds
    .map((id) => sessions.get(id))
    .filter((s): s is Session & { start: string } => s?.start !== undefined)
    .slice(0, MAX_TIMES)
    .map((s) => {
      const start = new Date(s.start);
      return `:clock3: ${slackDateToken(start, formatInstant(start, timeZone))}`;
    });
  if (times.length > 0) {
    // Under the title and authors, before the links and buttons.
    blocks.splice(1, 0, {
      type: 'context',
      elements: [{ type: 'mrkdwn', text: truncate(times.join(' · '), SLACK_LIMITS.sectionText) }],
    });
  }
  return { blocks };
}
