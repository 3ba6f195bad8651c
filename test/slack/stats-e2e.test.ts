/**
 * The organisers' report end to end (issue 14): searches from several people (some finding
 * nothing) and clicks go through Bolt's real HTTP receiver with signed requests; then
 * `poster-bot stats --json`, run on the same SQLite file, reports them — with no user id in
 * the report or anywhere in the stored query data, and nothing that fewer than 3 people
 * asked. Then an alias added to the data's aliases.csv turns a search that found nothing
 * into results.
 */
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACTION_IDS } from '../../src/blocks/ids.ts';
import type { SlackMessage } from '../../src/blocks/message.ts';
import { createStatsRecorder } from '../../src/bot/stats-recorder.ts';
import type { StatsReport } from '../../src/bot/stats-report.ts';
import type { Replies } from '../../src/bot/types.ts';
import { runCli } from '../../src/cli.ts';
import { buildBot, openStoreAt } from '../../src/compose.ts';
import { openStore, type Store } from '../../src/store/store.ts';
import { RESPONSE_URL_TARGET } from '../helpers/fake-slack-api.ts';
import {
  type HttpHarness,
  postInteraction,
  postSlashCommand,
  startHttpHarness,
} from '../helpers/slack-harness.ts';
import { blockActionsPayload, slashCommandFields } from '../helpers/slack-payloads.ts';

const NOW = new Date('2026-12-04T15:00:00Z');
const ORGANISER = 'U0ORGANI1';
const PEOPLE = ['U0ALICE01', 'U0BOBBY02', 'U0CAROL03', 'U0DAVID04'];

let dir: string;
let dataDir: string;
let dbPath: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'stats-e2e-'));
  dataDir = join(dir, 'data');
  cpSync('data', dataDir, { recursive: true });
  rmSync(join(dataDir, 'aliases.csv'), { force: true });
  dbPath = join(dir, 'bot.db');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The bot as src/main.ts builds it in Slack mode, over `dataDir` and the store at `dbPath`. */
async function startBot(store: Store): Promise<HttpHarness<Replies>> {
  const stats = createStatsRecorder({
    stats: store.stats,
    now: () => NOW,
    timeZone: 'UTC',
    onError: (error) => {
      throw error;
    },
  });
  const bot = buildBot(dataDir, {
    store,
    stats,
    now: () => NOW,
    organisers: new Set([ORGANISER]),
  });
  return startHttpHarness({ replies: bot.replies });
}

/** `/poster <text>` from `userId`, answered in the ack body. */
async function poster(harness: HttpHarness<Replies>, userId: string, text: string) {
  const fields = { ...slashCommandFields(text, harness.fake.responseUrl()), user_id: userId };
  const response = await postSlashCommand(harness.eventsUrl, fields);
  expect(response.status).toBe(200);
  return JSON.parse(response.text) as SlackMessage;
}

let clicks = 0;

/** A click on a button of an ephemeral answer, by `userId`; returns what was sent back. */
async function click(
  harness: HttpHarness<Replies>,
  userId: string,
  actionId: string,
  value: string,
) {
  clicks += 1;
  const id = `click-${clicks}`;
  const payload = blockActionsPayload(actionId, value, harness.fake.responseUrl(id));
  payload.user = { id: userId, username: 'x', name: 'x', team_id: 'T0TEAM001' };
  const response = await postInteraction(harness.eventsUrl, payload);
  expect(response.status).toBe(200);
  return harness.fake.callsTo(RESPONSE_URL_TARGET).filter((r) => r.responseId === id);
}

function buttonValue(message: SlackMessage, actionId: string): string {
  for (const block of message.blocks) {
    if (block.type !== 'actions') continue;
    for (const element of block.elements) {
      if (element.type === 'button' && element.action_id === actionId) return element.value ?? '';
    }
  }
  throw new Error(`no ${actionId} button`);
}

/** `poster-bot stats --json` in-process, on the same database file and data folder. */
async function statsJson(): Promise<{ report: StatsReport; stdout: string }> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(['stats', '--json', '--data', dataDir], {
    stdout: { write: (s: string) => (stdout += s) },
    stderr: { write: (s: string) => (stderr += s) },
    env: { DATABASE_PATH: dbPath },
    buildBot: (data) => buildBot(data),
    loadCatalog: () => {
      throw new Error('stats reads the data through buildBot');
    },
    openStore: openStoreAt,
    createPoster: () => {
      throw new Error('stats posts nothing');
    },
    now: () => NOW,
    sleep: async () => {},
  });
  expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
  return { report: JSON.parse(stdout) as StatsReport, stdout };
}

describe('usage report through Slack and the CLI', () => {
  it('reports searches and clicks, without a user id and without what only 2 asked', async () => {
    const store = openStore(dbPath);
    const harness = await startBot(store);
    try {
      for (const user of PEOPLE) {
        const results = await poster(harness, user, 'Transformers');
        expect(results.blocks[0]?.block_id).toBe('results_heading');
        // A page turn is a click, not another search.
        const next = buttonValue(results, ACTION_IDS.resultsNext);
        expect(await click(harness, user, ACTION_IDS.resultsNext, next)).toHaveLength(1);
      }
      for (const user of PEOPLE.slice(0, 3)) {
        const nothing = await poster(harness, user, 'GenAI');
        expect(nothing.blocks[0]?.block_id).not.toBe('results_heading');
      }
      // Two people, many times: never shown.
      for (let i = 0; i < 5; i++) {
        for (const user of PEOPLE.slice(0, 2)) await poster(harness, user, 'my own poster id 42');
      }
      // Saves, as the Save button keeps them (src/store/plans.ts): counted at report time.
      const saved = buildBot(dataDir).catalog.papers[0]!;
      for (const userId of PEOPLE.slice(0, 2)) {
        await store.plans.save({ teamId: 'T0TEAM001', userId }, saved.id);
      }
      // Someone who is not an organiser cannot download the report.
      const refused = await click(harness, PEOPLE[0]!, ACTION_IDS.organiserCsv, '');
      expect(JSON.stringify(refused)).toContain('only for the organisers');
    } finally {
      await harness.close();
      await store.close();
    }

    const { report, stdout } = await statsJson();
    expect(report.topQueries).toEqual([
      { query: 'transformer', asked: 4, people: 4, results: expect.any(Number) },
      { query: 'genai', asked: 3, people: 3, results: 0 },
    ]);
    expect(report.topQueries[0]!.results).toBeGreaterThan(0);
    expect(report.zeroResults).toEqual([
      expect.objectContaining({ query: 'genai', asked: 3, people: 3 }),
    ]);
    expect(report.withheld).toBe(1);
    expect(stdout).not.toContain('own poster');
    expect(report.clicks).toEqual([
      { kind: ACTION_IDS.resultsNext, n: 4 },
      { kind: ACTION_IDS.organiserCsv, n: 1 },
    ]);
    expect(report.days).toEqual([
      { day: '2026-12-04', queries: 17, foundNothing: 3, clicks: 5, reminders: 0, digests: 0 },
    ]);
    expect(report.savedPosters).toEqual([
      { id: expect.any(String), title: expect.any(String), saves: 2 },
    ]);
    expect(report.savedSessions.map((s) => s.saves)).toEqual([2]);
    for (const user of [...PEOPLE, ORGANISER]) expect(stdout).not.toContain(user);

    // Nor anywhere in the stored query data.
    const db = new Database(dbPath, { readonly: true });
    try {
      const rows = ['stats_queries', 'stats_askers', 'stats_key', 'stats_clicks', 'stats_sent']
        .map((table) => JSON.stringify(db.prepare(`SELECT * FROM ${table}`).all()))
        .join('\n');
      expect(rows).toContain('genai');
      for (const user of PEOPLE) expect(rows).not.toContain(user);
    } finally {
      db.close();
    }
  });

  it('an alias in aliases.csv turns a search that found nothing into results', async () => {
    writeFileSync(
      join(dataDir, 'aliases.csv'),
      'query,means\n# from the report\ngenai,generative\n',
    );
    const store = openStore(join(dir, 'alias.db'));
    const harness = await startBot(store);
    try {
      const answer = await poster(harness, PEOPLE[0]!, 'GenAI');
      expect(answer.blocks[0]?.block_id).toBe('results_heading');
      expect(answer.text).toMatch(/for ‘GenAI’$/);
    } finally {
      await harness.close();
      await store.close();
    }
  });
});
