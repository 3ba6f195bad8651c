import type { KnownBlock } from '@slack/types';
import type { Paper, Session } from '../catalog/types.ts';
import { button } from './button.ts';
import { renderAuthors, renderCard, renderLinks, renderMeta, renderTitle } from './card.ts';
import { escapeMrkdwn, safeCut, truncate } from './escape.ts';
import { ACTION_IDS } from './ids.ts';
import { SLACK_LIMITS } from './limits.ts';
import type { SlackMessage } from './message.ts';
import { saveButton } from './plan.ts';

/** Longest abstract we show, split into sections that each fit Slack's 3000. */
export const MAX_ABSTRACT = 8000;
const ABSTRACT_CHUNK = 2900;

/** The full abstract of one paper, with its links and the Share and Similar buttons. */
export function renderAbstract(
  paper: Paper,
  sessions: ReadonlyMap<string, Session>,
  { share = true }: { share?: boolean } = {},
): SlackMessage {
  const heading = [
    renderTitle(paper),
    renderAuthors(paper.authors, []),
    renderMeta(paper, sessions),
  ]
    .filter(Boolean)
    .join('\n');
  const blocks: KnownBlock[] = [
    {
      type: 'section',
      block_id: 'abstract_heading',
      text: { type: 'mrkdwn', text: truncate(heading, SLACK_LIMITS.sectionText) },
    },
  ];
  const abstract = escapeMrkdwn(
    paper.abstract.trim() || 'No abstract is available for this poster.',
  );
  chunkText(truncate(abstract, MAX_ABSTRACT), ABSTRACT_CHUNK).forEach((chunk, i) => {
    blocks.push({
      type: 'section',
      block_id: `abstract_${i}`,
      text: { type: 'mrkdwn', text: chunk },
    });
  });
  const links = renderLinks(paper);
  if (links) blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: links }] });
  blocks.push({
    type: 'actions',
    block_id: 'abstract_actions',
    elements: [
      ...(share ? [button('Share', ACTION_IDS.paperShare, paper.id)] : []),
      button('Similar', ACTION_IDS.similarShow, paper.id),
      saveButton(paper, { actionId: ACTION_IDS.paperAbstract, value: paper.id }),
    ],
  });
  return {
    text: truncate(`Abstract: ${escapeMrkdwn(paper.title)}`, SLACK_LIMITS.fallbackText),
    blocks,
  };
}

/** A card posted for everyone in the channel, saying who shared it. */
export function renderShared(
  paper: Paper,
  sharedBy: string,
  sessions: ReadonlyMap<string, Session>,
): SlackMessage {
  const who = /^[UW][A-Z0-9]{2,}$/.test(sharedBy) ? `<@${sharedBy}>` : escapeMrkdwn(sharedBy);
  const blocks: KnownBlock[] = [
    { type: 'context', elements: [{ type: 'mrkdwn', text: `:bookmark: ${who} shared a poster` }] },
    ...renderCard(paper, {
      sessions,
      blockPrefix: 'shared',
      buttons: { abstract: true, share: false },
    }),
  ];
  return {
    text: truncate(
      `${who} shared a poster: ${escapeMrkdwn(paper.title)}`,
      SLACK_LIMITS.fallbackText,
    ),
    blocks,
  };
}

/** "No posters match ‘x’." with "did you mean" buttons and tips. */
export function renderNoResults(query: string, suggestions: readonly string[]): SlackMessage {
  return renderNothingFound({
    blockId: 'no_results',
    headline: (echoed) => `No posters match ‘${echoed}’.`,
    query,
    suggestions,
    tip: () => 'Try fewer or more general words, an author’s surname, or `/poster help`.',
  });
}

/**
 * "No poster about ‘federated learning’." — for a query whose words some posters share, but
 * none of its informative ones: a list would be posters about something else. Offers the
 * "did you mean" searches as buttons and the author search, since a query of unknown words
 * is often a name.
 */
export function renderNothingAbout(query: string, suggestions: readonly string[]): SlackMessage {
  return renderNothingFound({
    blockId: 'nothing_about',
    headline: (echoed) => `No poster about ‘${echoed}’.`,
    query,
    suggestions,
    tip: (echoed) => `Looking for a person? \`/poster author ${echoed}\` searches the authors.`,
  });
}

/** A headline echoing the (escaped) query, up to five "did you mean" buttons, a tip. */
function renderNothingFound(options: {
  blockId: string;
  headline: (echoed: string) => string;
  query: string;
  suggestions: readonly string[];
  tip: (echoed: string) => string;
}): SlackMessage {
  const { blockId, suggestions } = options;
  const echoed = escapeMrkdwn(truncate(options.query, 200));
  const headline = options.headline(echoed);
  const blocks: KnownBlock[] = [
    {
      type: 'section',
      block_id: blockId,
      text: {
        type: 'mrkdwn',
        text: `${headline}${suggestions.length > 0 ? ' Did you mean:' : ''}`,
      },
    },
  ];
  if (suggestions.length > 0) {
    blocks.push({
      type: 'actions',
      block_id: `${blockId}_suggestions`,
      elements: suggestions
        .slice(0, 5)
        .map((s, i) => button(s, `${ACTION_IDS.searchSuggestion}_${i}`, s)),
    });
  }
  blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: options.tip(echoed) }] });
  return { text: headline, blocks };
}

/** A short message (an error, a notice) as a single section. */
export function renderNotice(text: string): SlackMessage {
  const body = escapeMrkdwn(truncate(text, SLACK_LIMITS.sectionText - 100));
  return { text: body, blocks: [{ type: 'section', text: { type: 'mrkdwn', text: body } }] };
}

/** Splits text into chunks of at most `size`, at paragraph or word boundaries when possible. */
export function chunkText(text: string, size: number): string[] {
  const chunks: string[] = [];
  let rest = text;
  while (rest.length > size) {
    let cut = rest.lastIndexOf('\n', size);
    if (cut < size / 2) cut = rest.lastIndexOf(' ', size);
    if (cut < size / 2) cut = size;
    cut = safeCut(rest, cut);
    chunks.push(rest.slice(0, cut).trimEnd());
    rest = rest.slice(cut).trimStart();
  }
  if (rest) chunks.push(rest);
  return chunks;
}
