/**
 * Help (src/bot/features/help.ts) through the real replies: its example searches and questions
 * come from the catalog loaded, each one known to find posters; the example author is the most
 * published; the counts and the dated commands follow the catalog; the last line says who sees
 * answers on the surface where help was asked; and the examples are worked out once.
 */
import { describe, expect, it, vi } from 'vitest';
import type { SlackMessage } from '../../src/blocks/message.ts';
import { createReplies } from '../../src/bot/replies.ts';
import { type Asker, type Reply, replyMessage, type Surface } from '../../src/bot/types.ts';
import type { Paper, Session } from '../../src/catalog/types.ts';
import { createAuthorIndex } from '../../src/search/author-index.ts';
import { createPaperIndex } from '../../src/search/paper-index.ts';
import { makePaper } from '../fixtures/papers.ts';
import { allText, slackLimitViolations } from '../helpers/slack-limits.ts';

const asker: Asker = { userId: 'U1', teamId: 'T1' };

function helpOver(papers: Paper[], sessions: Session[] = []) {
  const index = createPaperIndex(papers);
  const search = vi.spyOn(index, 'search');
  const replies = createReplies({
    index,
    authors: createAuthorIndex(papers),
    catalog: { papers, sessions },
    pageSize: 5,
  });
  async function help(surface?: Surface): Promise<SlackMessage> {
    const reply: Reply = await replies.command('help', { ...asker, ...(surface && { surface }) });
    const message = replyMessage(reply);
    expect(slackLimitViolations(message)).toEqual([]);
    return message;
  }
  return { help, search, replies };
}

/** The one-click example searches under the help. */
const examplesOf = (m: SlackMessage) =>
  m.blocks.flatMap((b) =>
    b.type === 'actions' ? b.elements.map((e) => (e.type === 'button' ? e.value : '')) : [],
  );

/** The "Ask as you would ask a person" questions. */
const questionsOf = (m: SlackMessage) =>
  [
    ...(allText(m).match(/Ask as you would ask a person: (.*)/)?.[1] ?? '').matchAll(/`([^`]+)`/g),
  ].map((q) => q[1]);

const TOPICAL: Paper[] = [
  makePaper({
    id: 'p1',
    title: 'Privacy for everyone',
    authors: ['Ada Lovelace', 'Grace Hopper'],
    decision: 'Poster',
  }),
  makePaper({
    id: 'g1',
    title: 'Graph neural networks, deeper',
    authors: ['Grace Hopper'],
    decision: 'Oral',
  }),
  makePaper({
    id: 'g2',
    title: 'Graph neural networks at scale',
    authors: ['Alan Turing', 'Grace Hopper'],
    decision: 'Spotlight',
    codeUrls: ['https://github.com/a/b'],
  }),
];

describe('help', () => {
  it('offers the example searches that find posters here, in their order', async () => {
    const m = await helpOver(TOPICAL).help();
    expect(examplesOf(m)).toEqual(['graph neural networks', 'privacy']);
  });

  it('asks questions this catalog answers: the first example, orals, spotlights', async () => {
    const m = await helpOver(TOPICAL).help();
    expect(questionsOf(m)).toEqual([
      '@poster is anyone presenting work on graph neural networks?',
      '@poster what are the orals?',
      '/poster spotlights on graph neural networks',
    ]);
  });

  it('asks about code where there are no spotlights, and no topic it cannot find', async () => {
    const papers = [
      makePaper({ id: 'x', title: 'Quantum knots', codeUrls: ['https://github.com/q/k'] }),
    ];
    const m = await helpOver(papers).help();
    expect(examplesOf(m)).toEqual([]);
    expect(m.blocks.some((b) => b.type === 'actions')).toBe(false);
    expect(questionsOf(m)).toEqual(['/poster with code']);
  });

  it('asks about code, not spotlights, where there are none', async () => {
    const papers = [
      makePaper({ id: 'p', title: 'Privacy, again', codeUrls: ['https://github.com/p/q'] }),
      makePaper({ id: 'q', title: 'Quantum knots', decision: 'Poster' }),
    ];
    expect(questionsOf(await helpOver(papers).help())).toEqual([
      '@poster is anyone presenting work on privacy?',
      '/poster with code',
    ]);
  });

  it('asks no spotlight question without a topic to ask it on', async () => {
    const papers = [
      makePaper({ id: 's', title: 'Quantum knots', decision: 'Spotlight' }),
      makePaper({
        id: 'o',
        title: 'Topology of braids',
        decision: 'Oral',
        codeUrls: ['https://github.com/b/r'],
      }),
    ];
    const m = await helpOver(papers).help();
    expect(examplesOf(m)).toEqual([]);
    expect(questionsOf(m)).toEqual(['@poster what are the orals?', '/poster with code']);
  });

  it('offers every example search that finds posters, in its own order', async () => {
    const papers = [
      makePaper({ id: 'd', title: 'Diffusion models for audio' }),
      makePaper({ id: 'p', title: 'Privacy attacks on language models' }),
      makePaper({ id: 'r', title: 'Reinforcement learning for robots' }),
      makePaper({ id: 'g', title: 'Graph neural networks for molecules' }),
      makePaper({ id: 'v', title: 'Vision transformer pruning' }),
    ];
    const m = await helpOver(papers).help();
    expect(examplesOf(m)).toEqual([
      'vision transformer',
      'graph neural networks',
      'reinforcement learning',
      'privacy',
      'diffusion',
    ]);
    expect(questionsOf(m)).toEqual(['@poster is anyone presenting work on vision transformer?']);
  });

  it('says so when nothing is loaded, and offers nothing to try', async () => {
    const m = await helpOver([]).help();
    expect(allText(m)).toContain('0 posters in 0 sessions.');
    expect(examplesOf(m)).toEqual([]);
    expect(questionsOf(m)).toEqual([]);
  });

  it('asks no question the catalog cannot answer', async () => {
    const m = await helpOver([makePaper({ id: 'x', title: 'Quantum knots' })]).help();
    expect(allText(m)).not.toContain('Ask as you would ask a person');
  });

  it('names the most published author as the example person', async () => {
    const m = await helpOver(TOPICAL).help();
    expect(allText(m)).toContain('`/poster by:Grace Hopper`');
    expect(allText(m)).toContain('`@poster papers by Grace Hopper`');
  });

  it('falls back to a known name when the catalog lists no authors', async () => {
    const m = await helpOver([makePaper({ id: 'x', title: 'Anonymous', authors: [] })]).help();
    expect(allText(m)).toContain('`/poster by:Cho-Jui Hsieh`');
  });

  it('answers a mention for help as it answers /poster help', async () => {
    const { replies } = helpOver(TOPICAL);
    const m = await replies.mention('<@UBOT> help', asker);
    expect(examplesOf(m)).toEqual(['graph neural networks', 'privacy']);
    expect(allText(m)).toContain('posted in its thread for everyone');
  });

  it('names the first of two equally published authors', async () => {
    const papers = [
      makePaper({ id: 'a', title: 'A', authors: ['Zoe Zhang', 'Ada Lovelace'] }),
      makePaper({ id: 'b', title: 'B', authors: ['Ada Lovelace', 'Zoe Zhang'] }),
      makePaper({ id: 'c', title: 'C', authors: ['Alan Turing'] }),
    ];
    expect(allText(await helpOver(papers).help())).toContain('`/poster by:Zoe Zhang`');
  });

  it('counts the posters and sessions loaded', async () => {
    const one: Session = { id: 's1', name: 'One' };
    expect(allText(await helpOver(TOPICAL, [one]).help())).toContain('3 posters in 1 session.');
    expect(allText(await helpOver(TOPICAL, [one, { id: 's2', name: 'Two' }]).help())).toContain(
      '3 posters in 2 sessions.',
    );
  });

  it('offers now / next / today and reminders only when sessions have times', async () => {
    const undated = allText(await helpOver(TOPICAL, [{ id: 's1', name: 'One' }]).help());
    expect(undated).not.toContain('/poster now');
    expect(undated).not.toContain('/poster reminders');
    const dated = allText(
      await helpOver(TOPICAL, [
        { id: 's1', name: 'One' },
        { id: 's2', name: 'Two', start: '2030-05-01T09:00:00Z' },
      ]).help(),
    );
    expect(dated).toContain('`/poster now` · `/poster next` · `/poster today`');
    expect(dated).toContain('`/poster reminders`');
  });

  it.each<[Surface | undefined, string]>([
    [undefined, 'Results are only visible to you until you press Share.'],
    ['command', 'Results are only visible to you until you press Share.'],
    ['home', 'Results are only visible to you until you press Share.'],
    ['modal', 'Results are only visible to you until you press Share.'],
    ['dm', 'Answers here are only visible to you.'],
    ['thread', 'Answers to a mention are posted in its thread for everyone'],
    ['digest_thread', 'Answers to a mention are posted in its thread for everyone'],
  ])('asked on %s, says who sees answers', async (surface, note) => {
    expect(allText(await helpOver(TOPICAL).help(surface))).toContain(note);
  });

  it('works out its examples once, whichever surface asks', async () => {
    const { help, search } = helpOver(TOPICAL);
    const first = await help('command');
    const calls = search.mock.calls.length;
    expect(calls).toBe(5); // one per example search
    expect(await help('command')).toEqual(first);
    const inDm = await help('dm');
    expect(allText(inDm)).toContain('Answers here are only visible to you.');
    expect(examplesOf(inDm)).toEqual(examplesOf(first));
    expect(search.mock.calls.length).toBe(calls);
  });

  it('gives the message it made again per audience, and each audience its own', async () => {
    const { help } = helpOver(TOPICAL);
    const first = await help('command');
    // The very message made the first time, not one made again.
    expect(await help('command')).toBe(first);
    // From Home or with no surface known, as private as the command's answer.
    expect(await help('home')).toBe(first);
    expect(await help()).toBe(first);
    const inDm = await help('dm');
    expect(inDm).not.toEqual(first);
    expect(await help('dm')).toBe(inDm);
    const inThread = await help('thread');
    expect(inThread).not.toEqual(first);
    expect(inThread).not.toEqual(inDm);
    expect(await help('digest_thread')).toBe(inThread);
  });
});
