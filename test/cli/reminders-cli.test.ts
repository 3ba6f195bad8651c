/**
 * `poster-bot reminders` and `poster-bot plan --ics`, in-process with a file database: a dry
 * run shows who would get which DM, `--post` sends each once through the fake Web API, and
 * the calendar printed parses with ical.js.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { webApi } from '@slack/bolt';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadCatalog } from '../../src/catalog/loader.ts';
import { runCli } from '../../src/cli.ts';
import { buildBot, openStoreAt } from '../../src/compose.ts';
import { CONSOLE_TEAM_ID } from '../../src/console/slack-input.ts';
import { createWebClientMessenger } from '../../src/reminders/run.ts';
import { openStore } from '../../src/store/store.ts';
import { type FakeSlackApi, fakeDmChannel, startFakeSlackApi } from '../helpers/fake-slack-api.ts';
import { icsEvents } from '../helpers/ical.ts';

const DATA = 'test/fixtures/catalog/scheduled';
const TEN_BEFORE = '2022-04-25T16:20:00Z'; // Poster Session 1 starts at 16:30Z

let dir: string;
let fake: FakeSlackApi;
beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'reminders-cli-'));
  fake = await startFakeSlackApi();
});
afterEach(async () => {
  await fake.close();
  rmSync(dir, { recursive: true, force: true });
});

const dbPath = () => join(dir, 'poster-bot.db');

async function cli(argv: string[], env: Record<string, string> = {}) {
  let stdout = '';
  let stderr = '';
  const code = await runCli([...argv, '--data', DATA], {
    stdout: { write: (s: string) => (stdout += s) },
    stderr: { write: (s: string) => (stderr += s) },
    env: { DATABASE_PATH: dbPath(), ...env },
    buildBot: (data) => buildBot(data),
    loadCatalog,
    openStore: (path, options) => openStoreAt(path, options),
    createPoster: () => {
      throw new Error('reminders do not post digests');
    },
    createMessenger: ({ botToken, apiUrl }) =>
      createWebClientMessenger(
        new webApi.WebClient(botToken, {
          ...(apiUrl !== undefined && { slackApiUrl: apiUrl }),
          retryConfig: { retries: 0 },
          logLevel: webApi.LogLevel.ERROR,
        }),
      ),
    now: () => new Date('2022-04-20T00:00:00Z'),
    sleep: async () => {},
  });
  return { code, stdout, stderr };
}

async function save(userId: string, title: string, teamId = 'T1') {
  const { catalog } = loadCatalog(DATA, {});
  const paper = catalog.papers.find((p) => p.title === title)!;
  const store = openStore(dbPath());
  await store.plans.save({ teamId, userId }, paper.id);
  await store.close();
}

const SLACK = {
  SLACK_BOT_TOKEN: 'xoxb-1-test',
  SLACK_SIGNING_SECRET: 'abc123',
};

describe('poster-bot reminders', () => {
  it('a dry run shows who would get which DM, and writes nothing', async () => {
    await save('UADA', 'Attention Is Still All You Need');
    const { code, stdout } = await cli(['reminders', '--at', TEN_BEFORE]);
    expect(code).toBe(0);
    expect(stdout).toContain('1 reminder due for Poster Session 1.');
    expect(stdout).toContain('── to UADA (team T1) ──');
    expect(stdout).toContain('Attention Is Still All You Need');
    expect(fake.requests).toEqual([]);
  });

  it('--post sends each DM once; a second --post sends nothing and the dry run says so', async () => {
    await save('UADA', 'Attention Is Still All You Need');
    const env = { ...SLACK, SLACK_API_URL: fake.apiUrl };
    const first = await cli(['reminders', '--at', TEN_BEFORE, '--post'], env);
    expect(first.stdout).toContain('1 DM sent, 0 already sent');
    expect(fake.messages.map((m) => m.channel)).toEqual([fakeDmChannel('UADA')]);
    const second = await cli(['reminders', '--at', '2022-04-25T16:25:00Z', '--post'], env);
    expect(second.stdout).toContain('0 DMs sent, 1 already sent');
    expect(fake.messages).toHaveLength(1);
    const dry = await cli(['reminders', '--at', TEN_BEFORE, '--json']);
    expect(JSON.parse(dry.stdout).reminders).toMatchObject([
      { userId: 'UADA', teamId: 'T1', alreadySent: true },
    ]);
  });

  it('--post counts the DMs it sent in the usage report, once', async () => {
    await save('UADA', 'Attention Is Still All You Need');
    await save('UBOB', 'Attention Is Still All You Need');
    const env = { ...SLACK, SLACK_API_URL: fake.apiUrl };
    await cli(['reminders', '--at', TEN_BEFORE, '--post'], env);
    await cli(['reminders', '--at', '2022-04-25T16:25:00Z', '--post'], env);
    const stats = await cli(['stats', '--csv']);
    expect(stats.stdout).toContain('; 2 reminders; 0 digests');
  });

  it('says why nothing is due: before the window, after the start, undated data', async () => {
    await save('UADA', 'Attention Is Still All You Need');
    expect((await cli(['reminders', '--at', '2022-04-25T16:00:00Z'])).stdout).toContain(
      'No reminders due now. Next: Poster Session 1, reminders from',
    );
    expect((await cli(['reminders', '--at', '2022-04-25T16:30:00Z'])).stdout).toContain(
      'Next: Poster Session 2',
    );
    const undated = await runCli(['reminders', '--data', 'data'], {
      stdout: { write: (s: string) => expect(s).toContain('an undated catalog') },
      stderr: { write: () => true },
      env: { DATABASE_PATH: dbPath() },
      buildBot: () => {
        throw new Error('not needed');
      },
      loadCatalog,
      openStore: (path, options) => openStoreAt(path, options),
      createPoster: () => {
        throw new Error('no');
      },
      now: () => new Date(),
      sleep: async () => {},
    });
    expect(undated).toBe(0);
  });

  it('refuses a bad --at, both modes at once, and --post without credentials', async () => {
    expect((await cli(['reminders', '--at', '2022-04-25 16:20'])).code).toBe(2);
    expect((await cli(['reminders', '--at', '2022-04-25T16:20:00'])).stderr).toContain(
      'with its offset',
    );
    expect((await cli(['reminders', '--dry-run', '--post'])).code).toBe(2);
    const noSlack = await cli(['reminders', '--post']);
    expect(noSlack.code).toBe(1);
    expect(noSlack.stderr).toContain('needs the bot’s Slack credentials');
  });
});

describe('poster-bot plan --ics', () => {
  it('prints the plan as a calendar that ical.js reads', async () => {
    await save('ULOCAL', 'Transformers for Tabular Data', CONSOLE_TEAM_ID);
    const { code, stdout } = await cli(['plan', 'ULOCAL', '--ics']);
    expect(code).toBe(0);
    expect(stdout.startsWith('BEGIN:VCALENDAR\r\n')).toBe(true);
    expect(icsEvents(stdout).map((e) => [e.summary, e.start])).toEqual([
      ['Poster Session 2: Transformers for Tabular Data', '2022-04-26T10:00:00.000Z'],
    ]);
  });

  it('fails with a reason for an empty plan, and needs a user and one format', async () => {
    const empty = await cli(['plan', 'UNOBODY', '--ics', '--team', 'T99']);
    expect(empty.code).toBe(1);
    expect(empty.stderr).toContain('UNOBODY (team T99) has saved nothing');
    expect((await cli(['plan', 'UNOBODY', '--ics', '--json'])).code).toBe(2);
    expect((await cli(['plan', '--ics'])).code).toBe(2);
  });
});
