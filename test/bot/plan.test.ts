/**
 * The plan feature through the real replies and an in-memory store: Save toggles, the card
 * redraws where only the asker sees it, public messages are answered privately, the Home tab
 * follows every change, and the counts show from five people up.
 */
import type { KnownBlock } from '@slack/types';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ACTION_IDS } from '../../src/blocks/ids.ts';
import type { SlackMessage } from '../../src/blocks/message.ts';
import { createReplies } from '../../src/bot/replies.ts';
import { encodeRequest } from '../../src/bot/results-request.ts';
import type { Asker, BotView, Reply } from '../../src/bot/types.ts';
import type { Paper, Session } from '../../src/catalog/types.ts';
import { createAuthorIndex } from '../../src/search/author-index.ts';
import { createPaperIndex } from '../../src/search/paper-index.ts';
import { openStore, type Store } from '../../src/store/store.ts';
import { makePaper } from '../fixtures/papers.ts';
import { slackLimitViolations } from '../helpers/slack-limits.ts';

const SESSION: Session = {
  id: 's1',
  name: 'Poster Session 1',
  start: '2030-05-01T10:00:00Z',
  end: '2030-05-01T12:00:00Z',
};
const PAPERS: Paper[] = [
  makePaper({ id: 'g1', title: 'Graph Networks One', abstract: 'graph', sessionIds: ['s1'] }),
  makePaper({ id: 'g2', title: 'Graph Networks Two', abstract: 'graph', sessionIds: ['s1'] }),
  makePaper({ id: 'v1', title: 'Vision Models', abstract: 'vision', sessionIds: ['s1'] }),
];
const TEAM = 'T1';
const me: Asker = { userId: 'U1', teamId: TEAM, surface: 'command' };

let store: Store;
let replies: ReturnType<typeof createReplies>;
/** What the replies counted for the organisers' report: [user, query, results]. */
let counted: [string, string, number][];
beforeEach(() => {
  store = openStore(':memory:');
  counted = [];
  replies = createReplies({
    index: createPaperIndex(PAPERS),
    authors: createAuthorIndex(PAPERS),
    catalog: { papers: PAPERS, sessions: [SESSION] },
    pageSize: 5,
    now: () => new Date('2030-05-01T08:00:00Z'),
    store,
    stats: { query: (...row) => counted.push(row), click() {}, sent() {} },
  });
});
afterEach(() => store.close());

const messageOf = (reply: Reply): SlackMessage => {
  if (!('message' in reply)) throw new Error(`expected a message, got ${reply.kind}`);
  expect(slackLimitViolations(reply.message)).toEqual([]);
  return reply.message;
};

/** The Save buttons of a message: paper id → label. */
function saveLabels(blocks: readonly KnownBlock[]): Record<string, string> {
  const labels: Record<string, string> = {};
  for (const b of blocks) {
    if (b.type !== 'actions') continue;
    for (const e of b.elements) {
      if (e.type === 'button' && e.action_id === ACTION_IDS.planToggle) {
        const value = e.value ?? '';
        const id = value.startsWith('{') ? (JSON.parse(value) as { p: string }).p : value;
        labels[id] = e.text.text;
      }
    }
  }
  return labels;
}

const saveValue = (m: SlackMessage, id: string) =>
  m.blocks
    .flatMap((b) => (b.type === 'actions' ? b.elements : []))
    .flatMap((e) => (e.type === 'button' && e.action_id === ACTION_IDS.planToggle ? [e] : []))
    .find((e) => e.value?.includes(id))?.value as string;

/** The posters listed in a Home view, in order (the "Next up" line names them too; skipped). */
const homeTitles = (view: BotView | undefined) =>
  (view?.blocks ?? [])
    .filter((b) => b.block_id?.startsWith('home_poster_'))
    .flatMap((b) => (b.type === 'section' ? (b.text?.text.match(TITLES) ?? []) : []));
const TITLES = /Graph Networks \w+|Vision Models/g;

describe('Save on a private answer', () => {
  it('redraws the clicked page with Saved, and republishes the Home tab', async () => {
    const page = messageOf(await replies.command('graph', me));
    expect(saveLabels(page.blocks)).toEqual({ g1: 'Save', g2: 'Save' });
    // The button carries what redraws the page: the request, as Next would send it.
    expect(JSON.parse(saveValue(page, 'g2'))).toEqual({
      p: 'g2',
      a: ACTION_IDS.resultsNext,
      v: encodeRequest({ kind: 'search', query: 'graph', page: 0 }),
    });
    const reply = await replies.action(ACTION_IDS.planToggle, saveValue(page, 'g2'), me);
    expect(reply.kind).toBe('replace');
    expect(saveLabels(messageOf(reply).blocks)).toEqual({ g1: 'Save', g2: 'Saved ✓' });
    expect(homeTitles(reply.home)).toEqual(['Graph Networks Two']);
    expect(await store.plans.saved({ teamId: TEAM, userId: 'U1' })).toMatchObject([
      { paperId: 'g2' },
    ]);
    // A new search shows it saved; a second click un-saves it.
    expect(saveLabels(messageOf(await replies.command('graph', me)).blocks).g2).toBe('Saved ✓');
    const again = await replies.action(ACTION_IDS.planToggle, saveValue(page, 'g2'), me);
    expect(saveLabels(messageOf(again).blocks).g2).toBe('Save');
    expect(homeTitles(again.home)).toEqual([]);
  });

  it('redraws the abstract it was clicked on', async () => {
    const abstract = messageOf(await replies.action(ACTION_IDS.paperAbstract, 'v1', me));
    const reply = await replies.action(ACTION_IDS.planToggle, saveValue(abstract, 'v1'), me);
    expect(reply.kind).toBe('replace');
    expect(messageOf(reply).blocks[0]?.block_id).toBe('abstract_heading');
    expect(saveLabels(messageOf(reply).blocks)).toEqual({ v1: 'Saved ✓' });
  });

  it('never runs a redraw the client names beyond the poster lists (Share would post)', async () => {
    const forged = JSON.stringify({ p: 'g1', a: ACTION_IDS.paperShare, v: 'g1' });
    const reply = await replies.action(ACTION_IDS.planToggle, forged, me);
    expect(reply.kind).toBe('ephemeral');
    expect(messageOf(reply).text).toContain('Saved “Graph Networks One” to your plan');
  });
});

describe('Save on a public message', () => {
  const inThread: Asker = { ...me, surface: 'thread' };

  it('shows Save to everyone, and answers the clicker alone with Undo', async () => {
    await store.plans.save({ teamId: TEAM, userId: 'U1' }, 'g1');
    const answer = await replies.mention('<@UBOT> graph', inThread);
    // Public: never the reader's own state.
    expect(saveLabels(answer.blocks)).toEqual({ g1: 'Save', g2: 'Save' });
    expect(saveValue(answer, 'g2')).toMatch(/^\{"p":"g2"/);
    const reply = await replies.action(ACTION_IDS.planToggle, 'g2', inThread);
    expect(reply.kind).toBe('ephemeral');
    expect(messageOf(reply).text).toBe(
      ':white_check_mark: Saved “Graph Networks Two” to your plan. It is in my Home tab.',
    );
    expect(homeTitles(reply.home)).toEqual(['Graph Networks One', 'Graph Networks Two']);
    // Undo, pressed on that private note, rewrites the note.
    const undoValue = JSON.stringify({ p: 'g2', c: 1 });
    const undone = await replies.action(ACTION_IDS.planToggle, undoValue, {
      ...me,
      surface: 'command',
    });
    expect(undone.kind).toBe('replace');
    expect(messageOf(undone).text).toBe('Removed “Graph Networks Two” from your plan.');
  });

  it('shows "🔥 N saves" from five different people, not from four', async () => {
    for (const user of ['A', 'B', 'C', 'D'])
      await store.plans.save({ teamId: TEAM, userId: user }, 'v1');
    const four = await replies.mention('<@UBOT> vision', inThread);
    expect(JSON.stringify(four.blocks)).not.toContain('saves');
    await store.plans.save({ teamId: 'T2', userId: 'E' }, 'v1');
    const five = await replies.mention('<@UBOT> vision', inThread);
    expect(JSON.stringify(five.blocks)).toContain(':fire: 5 saves');
  });
});

describe('the Home tab', () => {
  it('lists the plan, and Remove, reminders and paging answer with the new view', async () => {
    const owner = { teamId: TEAM, userId: 'U1' };
    await store.plans.save(owner, 'g1');
    await store.plans.save(owner, 'v1');
    const home = await replies.home!({ ...me, surface: 'home' });
    expect(home.type).toBe('home');
    expect(homeTitles(home)).toEqual(['Graph Networks One', 'Vision Models']);
    const removed = await replies.action(ACTION_IDS.planRemove, '0|g1', { ...me, surface: 'home' });
    expect(removed.kind === 'view' && homeTitles(removed.view)).toEqual(['Vision Models']);
    const off = await replies.action(ACTION_IDS.planRemindersToggle, 'off', me);
    expect(await store.plans.remindersOn(owner)).toBe(false);
    expect(off.kind === 'view' && JSON.stringify(off.view.blocks)).toContain(
      'Reminders are *off*.',
    );
    const paged = await replies.action(ACTION_IDS.planHomePage, '3', me);
    expect(paged.kind).toBe('view');
  });

  it.each([
    [ACTION_IDS.planRemove, 'g1'],
    [ACTION_IDS.planRemindersToggle, 'maybe'],
    [ACTION_IDS.planHomePage, '-1'],
    [ACTION_IDS.planToggle, ''],
    [ACTION_IDS.planToggle, 'no-such-paper'],
  ])('%s refuses the value %j', async (actionId, value) => {
    const reply = await replies.action(actionId, value, me);
    expect(reply.kind).toBe('ephemeral');
    expect(await store.plans.saved({ teamId: TEAM, userId: 'U1' })).toEqual([]);
  });

  it('lists a poster shown in two sessions under both, as its reminders and calendar do', async () => {
    const later: Session = { id: 's2', name: 'Poster Session 2', start: '2030-05-02T10:00:00Z' };
    const twice = makePaper({ id: 't1', title: 'Graph Networks Twice', sessionIds: ['s1', 's2'] });
    const papers = [...PAPERS, twice];
    const own = createReplies({
      index: createPaperIndex(papers),
      authors: createAuthorIndex(papers),
      catalog: { papers, sessions: [SESSION, later] },
      pageSize: 5,
      now: () => new Date('2030-05-01T08:00:00Z'),
      store,
    });
    await store.plans.save({ teamId: TEAM, userId: 'U1' }, 't1');
    const home = await own.home!({ ...me, surface: 'home' });
    const lines = (home.blocks ?? []).flatMap((b) =>
      b.type === 'section' && /^home_(session|poster)_/.test(b.block_id ?? '')
        ? [b.text?.text.match(/Poster Session \d|Graph Networks Twice/)?.[0]]
        : [],
    );
    expect(lines).toEqual([
      'Poster Session 1',
      'Graph Networks Twice',
      'Poster Session 2',
      'Graph Networks Twice',
    ]);
    const plan = messageOf(await own.command('plan', me));
    expect(plan.text).toMatch(/^Your poster plan: 1 poster in 2 sessions\./);
  });

  it('/poster plan sums the plan up and points at the Home tab', async () => {
    await store.plans.save({ teamId: TEAM, userId: 'U1' }, 'g1');
    const reply = messageOf(await replies.command('plan', me));
    expect(reply.text).toMatch(/^Your poster plan: 1 poster in 1 session\. Open my Home tab/);
  });
});

describe('Saved only where the asker alone sees it', () => {
  const owner = { teamId: TEAM, userId: 'U1' };
  const inThread: Asker = { ...me, surface: 'thread' };
  const inModal: Asker = { ...me, surface: 'modal' };

  it('a Share posts the card for everyone without the sharer’s choice on it', async () => {
    await store.plans.save(owner, 'g1');
    const shared = await replies.action(ACTION_IDS.paperShare, 'g1', me);
    expect(shared.kind).toBe('in_channel');
    expect(saveLabels(messageOf(shared).blocks)).toEqual({ g1: 'Save' });
  });

  it('a private answer to a click under a public message shows what the clicker saved', async () => {
    await store.plans.save(owner, 'g1');
    const abstract = await replies.action(ACTION_IDS.paperAbstract, 'g1', inThread);
    expect(abstract.kind).toBe('ephemeral');
    expect(saveLabels(messageOf(abstract).blocks)).toEqual({ g1: 'Saved ✓' });
  });

  it('"Find posters about this" marks what the asker saved, and is counted', async () => {
    await store.plans.save(owner, 'g1');
    const answer = await replies.aboutMessage(
      'Has anyone seen work on graph networks here?',
      inThread,
    );
    expect(saveLabels(answer.blocks)).toEqual({ g1: 'Saved ✓', g2: 'Save' });
    expect(counted).toEqual([['U1', 'graph networks', 2]]);
  });

  it('the search form marks what the asker saved, shows a Save in place, and counts once', async () => {
    await store.plans.save(owner, 'g1');
    const form = await replies.searchForm({ kind: 'submit', values: { query: 'graph' } }, inModal);
    const cards = { text: '', blocks: form.blocks };
    expect(saveLabels(form.blocks)).toEqual({ g1: 'Saved ✓', g2: 'Save' });
    // A Save in the form toggles the plan; the form, shown again, says so.
    await replies.action(ACTION_IDS.planToggle, saveValue(cards, 'g2'), inModal);
    const metadata = form.privateMetadata ?? '';
    const again = await replies.searchForm({ kind: 'refresh', metadata }, inModal);
    expect(saveLabels(again.blocks)).toEqual({ g1: 'Saved ✓', g2: 'Saved ✓' });
    // The submitted search is counted; showing it again is not.
    expect(counted).toEqual([['U1', 'graph', 2]]);
  });

  it('an abstract opened in a modal has no Share (no conversation to post into)', async () => {
    const abstract = messageOf(await replies.action(ACTION_IDS.paperAbstract, 'v1', inModal));
    const ids = abstract.blocks.flatMap((b) =>
      b.type === 'actions' ? b.elements.map((e) => ('action_id' in e ? e.action_id : '')) : [],
    );
    expect(ids).toEqual([ACTION_IDS.similarShow, ACTION_IDS.planToggle]);
    const inPrivate = messageOf(await replies.action(ACTION_IDS.paperAbstract, 'v1', me));
    expect(JSON.stringify(inPrivate.blocks)).toContain(ACTION_IDS.paperShare);
  });
});

describe('without a workspace or a store', () => {
  it('cannot save without a team id, and says so', async () => {
    const reply = await replies.action(ACTION_IDS.planToggle, 'g1', { userId: 'U1' });
    expect(messageOf(reply).text).toBe('Saving posters is not available here.');
  });

  it('draws no Save button when there is no store, synchronously as before', () => {
    const bare = createReplies({
      index: createPaperIndex(PAPERS),
      authors: createAuthorIndex(PAPERS),
      catalog: { papers: PAPERS, sessions: [SESSION] },
      pageSize: 5,
    });
    const reply = bare.command('graph', me);
    expect(reply).not.toBeInstanceOf(Promise);
    expect(saveLabels(messageOf(reply as Reply).blocks)).toEqual({});
  });
});
