import type { KnownBlock } from '@slack/types';
import type { Paper, Session } from '../catalog/types.ts';
import type { SnippetPart } from '../search/snippet.ts';
import { button } from './button.ts';
import { escapeMrkdwn, truncate } from './escape.ts';
import { ACTION_IDS } from './ids.ts';
import { SLACK_LIMITS } from './limits.ts';
import { saveButton, type ToggleValue } from './plan.ts';

/** How much of each part of a card we show; together far below a section's 3000 chars. */
export const CARD_LIMITS = {
  title: 300,
  authorsShown: 6,
  authorName: 80,
  snippet: 320,
  metaLine: 300,
} as const;

/** What a card shows besides the paper itself. */
export interface CardContext {
  /** Sessions by id, to name the paper's sessions. */
  sessions: ReadonlyMap<string, Session>;
  /** The abstract snippet around the matched words, if any. */
  snippet?: readonly SnippetPart[];
  /** Indexes in `paper.authors` to show in bold (the person asked for). */
  boldAuthors?: readonly number[];
  /** Show the Abstract / Share / Similar buttons (Share not on an already shared card). */
  buttons?: { abstract: boolean; share: boolean; similar?: boolean; save?: boolean };
  /** How a Save click on a private card redraws the message (src/blocks/plan.ts). */
  redraw?: ToggleValue['redraw'];
  /** Unique per message: block ids must not repeat (Block Kit). */
  blockPrefix: string;
}

/** A title linked to its poster page when known: `*<url|Title>*`. */
export function renderTitle(paper: Paper): string {
  const title = escapeMrkdwn(truncate(paper.title, CARD_LIMITS.title));
  const url = safeUrl(paper.posterUrl);
  return url ? `*<${url}|${title}>*` : `*${title}*`;
}

/**
 * "A · *B* · C · … +6 more": at most `authorsShown` names; the asked-for people always
 * shown (and bold) even when they sit late in a long list.
 */
export function renderAuthors(authors: readonly string[], bold: readonly number[] = []): string {
  const max = CARD_LIMITS.authorsShown;
  const shown = new Set<number>(bold.filter((i) => i < authors.length).slice(0, max));
  for (let i = 0; shown.size < Math.min(max, authors.length) && i < authors.length; i++) {
    shown.add(i);
  }
  const names = [...shown]
    .sort((a, b) => a - b)
    .map((i) => {
      const name = escapeMrkdwn(truncate(authors[i]!, CARD_LIMITS.authorName));
      return bold.includes(i) ? `*${name}*` : name;
    });
  const hidden = authors.length - shown.size;
  return hidden > 0 ? `${names.join(' · ')} … +${hidden} more` : names.join(' · ');
}

/** Award, decision badge and sessions: ":trophy: Outstanding Paper · :star: Oral · …". */
export function renderMeta(paper: Paper, sessions: ReadonlyMap<string, Session>): string {
  const parts: string[] = [];
  if (paper.award) parts.push(`:trophy: ${escapeMrkdwn(paper.award)}`);
  if (paper.decision === 'Oral') parts.push(':microphone: Oral');
  if (paper.decision === 'Spotlight') parts.push(':flashlight: Spotlight');
  const names = paper.sessionIds
    .map((id) => sessions.get(id)?.name)
    .filter((name): name is string => name !== undefined);
  if (names.length > 0) parts.push(`:round_pushpin: ${escapeMrkdwn(names.join(', '))}`);
  return truncate(parts.join(' · '), CARD_LIMITS.metaLine);
}

/** Snippet parts as mrkdwn, matched words in bold. */
export function renderSnippet(parts: readonly SnippetPart[]): string {
  let out = '';
  let length = 0;
  for (const part of parts) {
    if (length + part.text.length > CARD_LIMITS.snippet) {
      out += escapeMrkdwn(truncate(part.text, Math.max(1, CARD_LIMITS.snippet - length)));
      break;
    }
    length += part.text.length;
    const text = escapeMrkdwn(part.text);
    out += part.match ? `*${text}*` : text;
  }
  return `_${out.trim()}_`.replace(/^_\s*_$/, '');
}

/** Links shown under a card: OpenReview and code. */
export function renderLinks(paper: Paper): string {
  const links: string[] = [];
  const forum = safeUrl(paper.forumUrl);
  if (forum) links.push(`<${forum}|OpenReview>`);
  const code = paper.codeUrls.map(safeUrl).filter(Boolean).slice(0, 2);
  for (const [i, url] of code.entries()) links.push(`<${url}|${i === 0 ? 'Code' : 'Code 2'}>`);
  return links.join(' · ');
}

/** One paper as blocks: text section, links, buttons. */
export function renderCard(paper: Paper, context: CardContext): KnownBlock[] {
  const lines = [
    renderTitle(paper),
    renderAuthors(paper.authors, context.boldAuthors),
    renderMeta(paper, context.sessions),
    context.snippet ? renderSnippet(context.snippet) : '',
  ].filter(Boolean);
  const blocks: KnownBlock[] = [
    {
      type: 'section',
      block_id: `${context.blockPrefix}_text`,
      text: { type: 'mrkdwn', text: truncate(lines.join('\n'), SLACK_LIMITS.sectionText) },
    },
  ];
  const links = renderLinks(paper);
  if (links) blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: links }] });
  const buttons = context.buttons ?? { abstract: true, share: true };
  const elements = [
    ...(buttons.abstract
      ? [button('Abstract', ACTION_IDS.paperAbstract, paper.id, `Abstract of ${paper.title}`)]
      : []),
    ...(buttons.share
      ? [button('Share', ACTION_IDS.paperShare, paper.id, `Share ${paper.title} with the channel`)]
      : []),
    ...(buttons.similar !== false
      ? [button('Similar', ACTION_IDS.similarShow, paper.id, `Posters similar to ${paper.title}`)]
      : []),
    ...(buttons.save !== false ? [saveButton(paper, context.redraw)] : []),
  ];
  if (elements.length > 0) {
    blocks.push({ type: 'actions', block_id: `${context.blockPrefix}_actions`, elements });
  }
  return blocks;
}

/**
 * URLs from data files go inside `<…|…>`: only http(s), and without the characters that
 * would end the link early; '' for anything else.
 */
export function safeUrl(url: string | undefined): string {
  if (!url || !/^https?:\/\/[^\s]+$/i.test(url) || url.length > SLACK_LIMITS.buttonUrl) return '';
  return url.replace(/[<>|]/g, encodeURIComponent).replace(/&/g, '&amp;');
}
