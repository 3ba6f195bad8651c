/**
 * Posters found from outside `/poster` (src/bot/features/links.ts) through the real replies:
 * the search form (filters, headings, pages, what it counts for organisers), pasted links
 * that become cards, and "Find posters about this" on a message.
 */
import type { KnownBlock } from '@slack/types';
import { beforeEach, describe, expect, it } from 'vitest';
import { FORM_IDS } from '../../src/blocks/ids.ts';
import { FORM_TITLE } from '../../src/bot/features/links.ts';
import { createReplies } from '../../src/bot/replies.ts';
import type { Asker, BotView } from '../../src/bot/types.ts';
import type { Paper, Session } from '../../src/catalog/types.ts';
import { createAuthorIndex } from '../../src/search/author-index.ts';
import { createPaperIndex } from '../../src/search/paper-index.ts';
import { makePaper } from '../fixtures/papers.ts';
import { postersShown } from '../helpers/question-judge.ts';
import { allText, slackLimitViolations } from '../helpers/slack-limits.ts';

const MORNING: Session = { id: 's1', name: 'Morning', start: '2030-05-01T09:00:00Z' };
const AFTERNOON: Session = { id: 's2', name: 'Afternoon', start: '2030-05-02T14:00:00Z' };

/** Twelve graph papers: g0–g7 in the morning, g8–g11 in the afternoon; code on even ones. */
const GRAPH: Paper[] = Array.from({ length: 12 }, (_, i) =>
  makePaper({
    id: `g${i}`,
    title: `Graph study ${i}`,
    abstract: 'graph networks',
    sessionIds: [i < 8 ? 's1' : 's2'],
    codeUrls: i % 2 === 0 ? [`https://github.com/g/${i}`] : [],
    forumUrl: `https://openreview.net/forum?id=G${i}`,
  }),
);
const VISION = makePaper({
  id: 'v1',
  title: 'Vision transformers at scale',
  abstract: 'images',
  sessionIds: ['s2'],
  award: 'Best Paper',
  forumUrl: 'https://openreview.net/forum?id=V1',
});
const PAPERS = [...GRAPH, VISION];
const me: Asker = { userId: 'U1', teamId: 'T1', surface: 'modal' };

let counted: [string, string, number][];
/** The bot over PAPERS; `counting: false` is the console and the CLI, where nothing counts. */
const build = ({ sessions = [MORNING, AFTERNOON], pageSize = 5, counting = true } = {}) =>
  createReplies({
    index: createPaperIndex(PAPERS),
    authors: createAuthorIndex(PAPERS),
    catalog: { papers: PAPERS, sessions },
    pageSize,
    timeZone: 'UTC',
    ...(counting && {
      stats: { query: (...row) => counted.push(row), click() {}, sent() {} },
    }),
  });
let replies: ReturnType<typeof build>;
beforeEach(() => {
  counted = [];
  replies = build();
});

const form = async (request: Parameters<typeof replies.searchForm>[0]): Promise<BotView> => {
  const view = await replies.searchForm(request, me);
  expect(slackLimitViolations({ text: FORM_TITLE, blocks: view.blocks })).toEqual([]);
  return view;
};
const submit = (values: Record<string, unknown>) => form({ kind: 'submit', values });

/** The heading or notice under the inputs: the first section after the divider. */
function shown(view: BotView): string | undefined {
  const at = view.blocks.findIndex((b) => b.type === 'divider');
  const block = view.blocks[at + 1];
  return block?.type === 'section' ? block.text?.text : undefined;
}

/** The posters the form lists, by id, in order. */
const listed = (blocks: KnownBlock[]) => postersShown({ text: FORM_TITLE, blocks });

describe('the search form', () => {
  it('opens blank: the inputs the catalog can fill and nothing under them', async () => {
    const view = await form({ kind: 'open' });
    expect(view).toMatchObject({
      type: 'modal',
      title: FORM_TITLE,
      submit: 'Search',
      callbackId: FORM_IDS.view,
      privateMetadata: '{"query":""}',
    });
    expect(view.blocks.map((b) => b.block_id)).toEqual([
      FORM_IDS.query,
      FORM_IDS.session,
      FORM_IDS.day,
      FORM_IDS.kind,
      FORM_IDS.code,
    ]);
    expect(counted).toEqual([]);
  });

  it('asks for words or a filter when submitted empty', async () => {
    const view = await submit({ query: '   ' });
    expect(shown(view)).toBe('Type a few words or choose a filter, then Search.');
    expect(listed(view.blocks)).toEqual([]);
    expect(counted).toEqual([]);
  });

  it('pages through what the words find, and counts the search once', async () => {
    const first = await submit({ query: 'graph' });
    expect(shown(first)).toBe('*Posters 1–5 of 12 for ‘graph’*');
    expect(listed(first.blocks)).toHaveLength(5);
    expect(first.privateMetadata).toBe('{"query":"graph"}');
    expect(counted).toEqual([['U1', 'graph', 12]]);

    const metadata = first.privateMetadata ?? '';
    const last = await form({ kind: 'page', metadata, page: 2 });
    expect(shown(last)).toBe('*Posters 11–12 of 12 for ‘graph’*');
    expect(listed(last.blocks)).toHaveLength(2);
    expect(last.privateMetadata).toBe('{"query":"graph","page":2}');
    const seen = [first, await form({ kind: 'page', metadata, page: 1 }), last].flatMap((v) =>
      listed(v.blocks),
    );
    expect(new Set(seen).size).toBe(12);
    expect(counted).toHaveLength(1); // pages are not searches
  });

  it('keeps a page in range whatever a client sends', async () => {
    const metadata = '{"query":"graph"}';
    expect(shown(await form({ kind: 'page', metadata, page: 99 }))).toBe(
      '*Posters 11–12 of 12 for ‘graph’*',
    );
    expect(shown(await form({ kind: 'page', metadata, page: -3 }))).toBe(
      '*Posters 1–5 of 12 for ‘graph’*',
    );
  });

  it('redraws the page it shows after a Save, without counting it again', async () => {
    const view = await form({ kind: 'refresh', metadata: '{"query":"graph","page":1}' });
    expect(shown(view)).toBe('*Posters 6–10 of 12 for ‘graph’*');
    expect(view.privateMetadata).toBe('{"query":"graph","page":1}');
    expect(counted).toEqual([]);
  });

  it('lists a filter’s posters in catalogue order without words, and does not count it', async () => {
    const view = await submit({ session: 's2', code: true });
    expect(shown(view)).toBe('*2 posters for Afternoon, with code*');
    expect(listed(view.blocks)).toEqual(['g8', 'g10']);
    expect(counted).toEqual([]);
  });

  it('combines words and filters, and says so in one poster’s heading', async () => {
    const view = await submit({ query: 'vision', kind: 'award', day: '2030-05-02' });
    expect(shown(view)).toBe('*1 poster for ‘vision’, Thu 2 May, award-winning*');
    expect(listed(view.blocks)).toEqual(['v1']);
    expect(counted).toEqual([['U1', 'vision', 1]]);
  });

  it('says what found nothing', async () => {
    const view = await submit({ query: 'graph', session: 's1', kind: 'award' });
    expect(shown(view)).toBe('No posters for ‘graph’, Morning, award-winning.');
    expect(counted).toEqual([['U1', 'graph', 0]]);
  });

  it('searches without counting where nothing counts (the console, the CLI)', async () => {
    const uncounted = build({ counting: false });
    const view = await uncounted.searchForm({ kind: 'submit', values: { query: 'vision' } }, me);
    expect(listed(view.blocks)).toEqual(['v1']);
  });

  it('shows at most a message’s worth of cards, whatever the page size', async () => {
    replies = build({ pageSize: 50 });
    const view = await submit({ query: 'graph' });
    expect(shown(view)).toBe('*Posters 1–8 of 12 for ‘graph’*');
    expect(listed(view.blocks)).toHaveLength(8);
  });

  it('opens blank for a blank /poster while some session is dated, and not otherwise', async () => {
    const blank = await replies.command('  ', me);
    expect(blank.kind === 'view' && blank.view.blocks.some((b) => b.type === 'divider')).toBe(
      false,
    );
    const someDated = build({ sessions: [{ id: 's1', name: 'Morning' }, AFTERNOON] });
    expect(someDated.emptyCommand(me)).toMatchObject({
      callbackId: FORM_IDS.view,
      privateMetadata: '{"query":""}',
    });
    // One dated day: no day menu.
    expect(someDated.emptyCommand(me)?.blocks.map((b) => b.block_id)).toEqual([
      FORM_IDS.query,
      FORM_IDS.session,
      FORM_IDS.kind,
      FORM_IDS.code,
    ]);
    const undated = build({ sessions: [{ id: 's1', name: 'Morning' }] });
    expect(undated.emptyCommand(me)).toBeUndefined();
    expect((await undated.command('', me)).kind).toBe('ephemeral');
  });
});

describe('pasted links', () => {
  it('become cards for the posters they name, once each; others are left alone', async () => {
    const known = 'https://openreview.net/forum?id=V1';
    const cards = await replies.unfurl(
      [known, 'https://example.org/nothing', known, 'https://openreview.net/forum?id=G3'],
      { userId: 'U1', teamId: 'T1' },
    );
    expect([...cards.keys()]).toEqual([known, 'https://openreview.net/forum?id=G3']);
    expect(allText({ text: '', blocks: cards.get(known)?.blocks ?? [] })).toContain(
      'Vision transformers at scale',
    );
  });

  it('make no card when no link names a poster', async () => {
    expect((await replies.unfurl(['https://example.org/'], { userId: 'U1' })).size).toBe(0);
  });
});

describe('Find posters about this', () => {
  it('searches what a message is about', async () => {
    const answer = await replies.aboutMessage('Anyone seen good work on vision transformers?', me);
    expect(listed(answer.blocks)[0]).toBe('v1');
  });

  it('says why a message without a topic finds nothing, and what to try', async () => {
    const answer = await replies.aboutMessage('<@U123> :wave: https://example.org', me);
    expect(listed(answer.blocks)).toEqual([]);
    expect(answer.text).toContain('Try the shortcut on a message that names a topic');
  });
});
