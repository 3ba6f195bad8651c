import type { KnownBlock } from '@slack/types';
import type { Paper, Session } from '../catalog/types.ts';
import type { SnippetPart } from '../search/snippet.ts';
import { button } from './button.ts';
import { type CardContext, renderCard } from './card.ts';
import { escapeMrkdwn, truncate } from './escape.ts';
import { ACTION_IDS } from './ids.ts';
import { SLACK_LIMITS } from './limits.ts';
import type { SlackMessage } from './message.ts';

/** One paper on a results page, with what its card highlights. */
export interface ResultItem {
  paper: Paper;
  snippet?: readonly SnippetPart[];
  boldAuthors?: readonly number[];
  /** Query words this paper does not match, shown under its card as web search does. */
  missing?: readonly string[];
}

export interface ResultsPage {
  /** What was asked, in words: "for ‘vision transformer’", "by Cho-Jui Hsieh". Plain text. */
  subject: string;
  items: readonly ResultItem[];
  /** Zero-based page number and page size. */
  page: number;
  pageSize: number;
  total: number;
  sessions: ReadonlyMap<string, Session>;
  /** Button values for the neighbouring pages (encoded requests), when they exist. */
  prevValue?: string;
  nextValue?: string;
  /** A line under the heading (e.g. "Showing papers matching some of your words"). */
  note?: string;
  /** How a Save click redraws this page: the button that shows it (src/blocks/plan.ts). */
  redraw?: CardContext['redraw'];
}

/** Hard cap of cards per message: 5 blocks each keeps us far below 50 blocks. */
export const MAX_CARDS_PER_MESSAGE = 8;

/** "Posters 1–5 of 12 for ‘vision transformer’" with cards and ◂ Prev / Next ▸ buttons. */
export function renderResults(results: ResultsPage): SlackMessage {
  const first = results.page * results.pageSize + 1;
  const last = first + Math.min(results.items.length, MAX_CARDS_PER_MESSAGE) - 1;
  const subject = truncate(results.subject, 200);
  const heading =
    results.total <= results.items.length
      ? `${results.total} ${results.total === 1 ? 'poster' : 'posters'} ${subject}`
      : `Posters ${first}–${last} of ${results.total} ${subject}`;
  // Each page has its own block ids: Slack may keep a replaced message's state per block_id.
  const tag = results.page === 0 ? '' : `_p${results.page + 1}`;
  const blocks: KnownBlock[] = [
    {
      type: 'section',
      block_id: `results_heading${tag}`,
      text: { type: 'mrkdwn', text: `*${escapeMrkdwn(heading)}*` },
    },
  ];
  if (results.note) {
    blocks.push({
      type: 'context',
      elements: [{ type: 'mrkdwn', text: escapeMrkdwn(results.note) }],
    });
  }
  results.items.slice(0, MAX_CARDS_PER_MESSAGE).forEach((item, i) => {
    const context: CardContext = {
      sessions: results.sessions,
      blockPrefix: `card_${i}${tag}`,
      ...(item.snippet && { snippet: item.snippet }),
      ...(item.boldAuthors && { boldAuthors: item.boldAuthors }),
      ...(results.redraw && { redraw: results.redraw }),
    };
    blocks.push({ type: 'divider' }, ...renderCard(item.paper, context));
    if (item.missing && item.missing.length > 0) blocks.push(renderMissing(item.missing));
  });
  const nav = [];
  if (results.prevValue) nav.push(button('◂ Prev', ACTION_IDS.resultsPrev, results.prevValue));
  if (results.nextValue) nav.push(button('Next ▸', ACTION_IDS.resultsNext, results.nextValue));
  if (nav.length > 0) {
    const pages = Math.ceil(results.total / results.pageSize);
    blocks.push(
      { type: 'divider' },
      {
        type: 'context',
        elements: [{ type: 'mrkdwn', text: `Page ${results.page + 1} of ${pages}` }],
      },
      { type: 'actions', block_id: `results_nav${tag}`, elements: nav },
    );
  }
  return {
    text: truncate(escapeMrkdwn(heading), SLACK_LIMITS.fallbackText),
    blocks: fitMessage(blocks),
  };
}

// --- search: what a result misses, and topics the catalogue has nothing about (issue 10) ---

/** Words shown in "Missing: …" at most; a long query's list is cut with an ellipsis. */
const MAX_MISSING_WORDS = 8;

/** "Missing: ~federated~" under a card that matches only some of the query's words. */
function renderMissing(words: readonly string[]): KnownBlock {
  const shown = words.slice(0, MAX_MISSING_WORDS).map((w) => `~${escapeMrkdwn(truncate(w, 40))}~`);
  if (words.length > MAX_MISSING_WORDS) shown.push('…');
  return { type: 'context', elements: [{ type: 'mrkdwn', text: `Missing: ${shown.join(' ')}` }] };
}

// --- end of search additions ---

/** Total characters of text in a message's blocks, as Slack counts toward its size limit. */
export function blocksTextLength(blocks: readonly KnownBlock[]): number {
  return JSON.stringify(blocks).length;
}

/**
 * Guarantees the block-count and total-size limits whatever the content: drops whole cards
 * from the end (keeping the navigation) until the message fits.
 */
export function fitMessage(blocks: KnownBlock[]): KnownBlock[] {
  const fits = (b: KnownBlock[]) =>
    b.length <= SLACK_LIMITS.blocksPerMessage &&
    blocksTextLength(b) <= SLACK_LIMITS.messageTotalText;
  if (fits(blocks)) return blocks;
  const navStart = blocks.findIndex((b) => b.block_id?.startsWith('results_nav'));
  const tail = navStart === -1 ? [] : blocks.slice(navStart - 2);
  const body = navStart === -1 ? [...blocks] : blocks.slice(0, navStart - 2);
  while (body.length > 1 && !fits([...body, ...tail])) {
    const lastDivider = body.map((b) => b.type).lastIndexOf('divider');
    body.splice(lastDivider > 0 ? lastDivider : body.length - 1);
  }
  return [...body, ...tail];
}
