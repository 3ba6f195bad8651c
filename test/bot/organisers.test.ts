/**
 * What the replies count, and what the organisers see (src/bot/features/organisers.ts,
 * src/blocks/organiser-report.ts): searches counted once (paging is a click, not a search),
 * clicks by kind, `/poster stats` and "Download CSV" only for ORGANISERS, and the Home
 * section within its block budget.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ACTION_IDS } from '../../src/blocks/ids.ts';
import { renderOrganiserReport, type StatsReport } from '../../src/blocks/organiser-report.ts';
import type { BotContext } from '../../src/bot/feature.ts';
import { createOrganisersFeature, NOT_AN_ORGANISER } from '../../src/bot/features/organisers.ts';
import { createReplies } from '../../src/bot/replies.ts';
import { createStatsRecorder } from '../../src/bot/stats-recorder.ts';
import { type Reply, replyMessage } from '../../src/bot/types.ts';
import { buildBot } from '../../src/compose.ts';
import { openStore, type Store } from '../../src/store/store.ts';
import { allText, slackLimitViolations } from '../helpers/slack-limits.ts';

const seed = buildBot('data');
const NOW = new Date('2026-12-04T10:00:00Z');
const ORGANISER = 'U0ORGANI1';
let store: Store;
let errors: unknown[];

function repliesFor(stats = true) {
  return createReplies({
    index: seed.index,
    authors: seed.authors,
    catalog: seed.catalog,
    similar: seed.similar,
    pageSize: 5,
    now: () => NOW,
    store,
    organisers: new Set([ORGANISER]),
    ...(stats && {
      stats: createStatsRecorder({
        stats: store.stats,
        now: () => NOW,
        timeZone: 'UTC',
        onError: (error) => errors.push(error),
      }),
    }),
  });
}

beforeEach(() => {
  store = openStore(':memory:');
  errors = [];
});
afterEach(() => store.close());

const read = () => store.stats.read({ today: '2026-12-04', minPeople: 1 });

function nextValue(reply: Reply): string {
  const message = replyMessage(reply);
  for (const block of message.blocks) {
    if (block.type !== 'actions') continue;
    for (const element of block.elements) {
      if ('action_id' in element && element.action_id === ACTION_IDS.resultsNext) {
        return (element as { value: string }).value;
      }
    }
  }
  throw new Error('no Next button');
}

describe('counting', () => {
  it('counts a /poster search and a mention, each once; a page turn only as a click', async () => {
    const replies = repliesFor();
    const first = await replies.command('transformers', { userId: 'U1' });
    await replies.mention('<@U0BOT0001> is anyone presenting work on graph neural networks?', {
      userId: 'U2',
    });
    await replies.action(ACTION_IDS.resultsNext, nextValue(first), { userId: 'U1' });
    const data = await read();
    expect(data.queries.map(({ query, asked, people }) => ({ query, asked, people }))).toEqual([
      { query: 'graph neural network', asked: 1, people: 1 },
      { query: 'transformer', asked: 1, people: 1 },
    ]);
    expect(data.queries.every((q) => q.results > 0)).toBe(true);
    expect(data.clicks).toEqual([{ kind: ACTION_IDS.resultsNext, n: 1 }]);
    expect(errors).toEqual([]);
  });

  it('counts a search that found nothing as such', async () => {
    await repliesFor().command('zzyzx qwerty', { userId: 'U1' });
    expect((await read()).queries).toEqual([
      { query: 'zzyzx qwerty', asked: 1, foundNothing: 1, results: 0, people: 1 },
    ]);
  });

  it('counts an indexed button by its kind, and never a button the bot does not have', async () => {
    const replies = repliesFor();
    await replies.action(`${ACTION_IDS.searchSuggestion}_2`, 'transformer', { userId: 'U1' });
    await replies.action('made_up_button', 'x', { userId: 'U1' });
    expect((await read()).clicks).toEqual([{ kind: ACTION_IDS.searchSuggestion, n: 1 }]);
  });

  it('answers as usual when counting fails, and says so to the error handler', async () => {
    const replies = repliesFor();
    vi.spyOn(store.stats, 'recordQuery').mockRejectedValue(new Error('disk I/O error'));
    const reply = await replies.command('transformers', { userId: 'U1' });
    expect(replyMessage(reply).blocks[0]?.block_id).toBe('results_heading');
    expect(errors).toHaveLength(1);
  });
});

describe('/poster stats and Download CSV', () => {
  it('shows the report to an organiser, within Slack’s limits', async () => {
    const replies = repliesFor();
    for (const user of ['U1', 'U2', 'U3']) await replies.command('gnn', { userId: user });
    const message = replyMessage(await replies.command('stats', { userId: ORGANISER }));
    expect(slackLimitViolations(message)).toEqual([]);
    expect(allText(message)).toContain('For organisers: what attendees look for');
    expect(allText(message)).toContain('‘gnn’ ×3');
  });

  it('is a search for “stats” for anyone else', async () => {
    const replies = repliesFor();
    const message = replyMessage(await replies.command('stats', { userId: 'U1' }));
    expect(allText(message)).not.toContain('For organisers');
    // Counted as the search reads it: plurals folded.
    expect((await read()).queries.map((q) => q.query)).toEqual(['stat']);
  });

  it('sends the CSV to an organiser as a file, and politely refuses anyone else', async () => {
    const replies = repliesFor();
    for (const user of ['U1', 'U2', 'U3']) await replies.command('gnn', { userId: user });
    const refused = await replies.action(ACTION_IDS.organiserCsv, '', { userId: 'U1' });
    expect(refused).toEqual({
      kind: 'ephemeral',
      message: { text: NOT_AN_ORGANISER, blocks: expect.any(Array) },
    });
    const reply = await replies.action(ACTION_IDS.organiserCsv, '2026-12-01', {
      userId: ORGANISER,
    });
    if (reply.kind !== 'file') throw new Error(`expected a file, got ${reply.kind}`);
    expect(reply.file.filename).toBe('poster-bot-report-2026-12-04.csv');
    expect(reply.file.title).toBe('poster-bot usage report, 2026-12-01 to 2026-12-04');
    expect(reply.file.content.split('\r\n')[0]).toBe('section,item,count,people,detail');
    expect(reply.file.content).toContain('top query,gnn,3,3,');
  });
});

describe('the Home section', () => {
  const feature = () =>
    createOrganisersFeature({
      ...(seed as unknown as BotContext),
      now: () => NOW,
      timeZone: 'UTC',
      store,
      organisers: new Set([ORGANISER]),
      search: { asked: () => ({ text: '', blocks: [] }) },
    });

  it('is for organisers only', async () => {
    expect(await feature().section('U1')).toBeUndefined();
    const blocks = await feature().section(ORGANISER, 8);
    expect(blocks?.length).toBeLessThanOrEqual(8);
    expect(blocks?.at(-1)).toMatchObject({ type: 'actions', block_id: 'organiser_report' });
  });
});

describe('renderOrganiserReport', () => {
  const report: StatsReport = {
    today: '2026-12-04',
    minPeople: 3,
    topQueries: Array.from({ length: 10 }, (_, i) => ({
      query: `<!channel> q${i} ${'x'.repeat(400)}`,
      asked: 10 - i,
      people: 3,
      results: i,
    })),
    zeroResults: [{ query: 'nerf', asked: 3, people: 3, nearest: 'near' }],
    withheld: 2,
    aliasSuggestions: [{ query: 'nerf', means: 'neural radiance field' }],
    clicks: [],
    savedPosters: [],
    savedSessions: [],
    days: [
      { day: '2026-12-04', queries: 40, foundNothing: 3, clicks: 1, reminders: 0, digests: 0 },
    ],
  };

  it.each([3, 5, 12, 40])('keeps to a budget of %i blocks, the CSV button last', (budget) => {
    const blocks = renderOrganiserReport(report, budget);
    expect(blocks.length).toBeLessThanOrEqual(budget);
    expect(blocks.at(-1)?.type).toBe('actions');
    expect(slackLimitViolations({ text: 'report', blocks })).toEqual([]);
  });

  it('escapes what attendees typed, shows 5 rows a list, and the alias lines', () => {
    const text = allText({ text: '', blocks: renderOrganiserReport(report) });
    expect(text).not.toContain('<!channel>');
    expect(text).toContain('&lt;!channel&gt; q4');
    expect(text).not.toContain('q5 ');
    expect(text).toContain('`nerf,neural radiance field`');
    expect(text).toContain('40 searches, 3 found nothing, 1 clicks');
  });

  it('renders nothing when not even the heading and the button fit', () => {
    expect(renderOrganiserReport(report, 2)).toEqual([]);
  });
});
