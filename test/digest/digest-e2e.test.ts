/**
 * The digest end to end: the real scheduler, run, store (a file database) and WebClient,
 * against the fake Slack Web API on loopback.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { setTimeout as sleep } from 'node:timers/promises';
import { webApi } from '@slack/bolt';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadCatalog } from '../../src/catalog/loader.ts';
import type { Catalog } from '../../src/catalog/types.ts';
import { runCli } from '../../src/cli.ts';
import { createWebClientPoster, runDigest } from '../../src/digest/run.ts';
import { createDailyScheduler } from '../../src/digest/scheduler.ts';
import { openStore, type Store } from '../../src/store/store.ts';
import { makePaper } from '../fixtures/papers.ts';
import { type FakeSlackApi, startFakeSlackApi } from '../helpers/fake-slack-api.ts';
import { SHARED_DATA, skipWithoutSharedData } from '../helpers/shared-data.ts';

const CHANNEL = 'C0DIGEST';
const DAY = '2020-04-28';
const silentLog = { debug() {}, info() {}, error() {} };

/**
 * `n` posters on DAY, eight to a session (Tues Session 1, 2, …): 1 root + ceil(n / 8) thread
 * replies, one compact list per session.
 */
function catalogWith(n: number): Catalog {
  const sessions = Math.ceil(n / 8);
  return {
    sessions: Array.from({ length: sessions }, (_, k) => ({
      id: `s${k + 1}`,
      name: `Tues Session ${k + 1}`,
      start: `2020-04-28T${String(5 + k).padStart(2, '0')}:00:00Z`,
    })),
    papers: Array.from({ length: n }, (_, i) =>
      makePaper({ id: `p${i}`, title: `Poster ${i}`, sessionIds: [`s${Math.floor(i / 8) + 1}`] }),
    ),
  };
}

/** A real WebClient on the fake; quick retries, Retry-After still honoured. */
const posterFor = (fake: FakeSlackApi) =>
  createWebClientPoster(
    new webApi.WebClient('xoxb-test', {
      slackApiUrl: fake.apiUrl,
      retryConfig: { retries: 2, factor: 1, minTimeout: 10, maxTimeout: 10 },
      logLevel: webApi.LogLevel.ERROR,
    }),
  );

/** What the channel shows: texts of the messages Slack accepted, and their threads. */
const posts = (fake: FakeSlackApi) =>
  fake.callsTo('chat.postMessage').map((r) => ({
    text: r.params.text as string,
    thread_ts: r.params.thread_ts as string | undefined,
  }));

let fake: FakeSlackApi;
let dir: string;
beforeEach(async () => {
  fake = await startFakeSlackApi();
  dir = mkdtempSync(join(tmpdir(), 'digest-e2e-'));
});
afterEach(async () => {
  await fake.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('the scheduled digest', () => {
  it('posts one root message and its thread once, even after a second check and a restart', async () => {
    const dbPath = join(dir, 'poster-bot.db');
    const catalog = catalogWith(12);
    /** A bot process: store from the file, scheduler at 08:00 UTC, clock at 09:30. */
    const bootAndCheck = async () => {
      const store = openStore(dbPath);
      const timers: (() => void)[] = [];
      const scheduler = createDailyScheduler({
        time: { hour: 8, minute: 0 },
        timeZone: 'UTC',
        now: () => new Date('2020-04-28T09:30:00Z'),
        setTimer: (_ms, fn) => {
          timers.push(fn);
          return () => {};
        },
        run: async (date) => {
          await runAgainst(fake, { date, catalog, store });
        },
        log: silentLog,
      });
      scheduler.start();
      timers.shift()?.(); // the catch-up check: 09:30 is past 08:00
      timers.shift()?.(); // a later check the same day
      await scheduler.stop();
      store.close();
    };

    await bootAndCheck();
    const root = fake.callsTo('chat.postMessage')[0]!;
    const rootTs = `${1_700_000_001}.000100`; // the fake's first ts
    expect(root.params).toMatchObject({ channel: CHANNEL });
    expect(posts(fake)).toEqual([
      {
        text: 'Poster digest for Tuesday, April 28, 2020: 2 poster sessions today, 12 posters',
        thread_ts: undefined,
      },
      { text: 'Tues Session 1: 8 posters', thread_ts: rootTs },
      { text: 'Tues Session 2: 4 posters', thread_ts: rootTs },
    ]);

    await bootAndCheck(); // restart the same day
    expect(posts(fake)).toHaveLength(3);
  });

  it('waits out a 429 with Retry-After and completes the digest', async () => {
    const store = openStore(join(dir, 'poster-bot.db'));
    fake.script('chat.postMessage', { kind: 'ok' }, { times: 1 });
    fake.script('chat.postMessage', { kind: 'rate_limited', retryAfterSeconds: 1 }, { times: 1 });
    const started = Date.now();
    const outcome = await runAgainst(fake, { date: DAY, catalog: catalogWith(12), store });
    store.close();
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
    expect(outcome).toMatchObject({ status: 'posted', chunks: 2, postedNow: 3 });
    // The refused request, then the same message again once the wait was over.
    expect(posts(fake).map((p) => p.text)).toEqual([
      expect.stringMatching(/^Poster digest/),
      'Tues Session 1: 8 posters',
      'Tues Session 1: 8 posters',
      'Tues Session 2: 4 posters',
    ]);
  });

  it('resumes a thread after the process was killed half way: nothing twice, nothing skipped', async () => {
    const catalogPath = join(dir, 'catalog.json');
    writeFileSync(catalogPath, JSON.stringify(catalogWith(40))); // 1 root + 5 replies
    const env = {
      ...process.env,
      FAKE_API: fake.apiUrl,
      DB: join(dir, 'poster-bot.db'),
      CATALOG: catalogPath,
    };

    const first = startChild(env);
    // Killed while pacing after its 2nd reply was posted and recorded.
    await first.waitForLine((line) => line.chunk === 2);
    first.child.kill('SIGKILL');
    expect(await first.exit).toEqual({ code: null, signal: 'SIGKILL' });
    expect(posts(fake)).toHaveLength(3);

    const second = startChild(env);
    expect(await second.exit).toEqual({ code: 0, signal: null });

    const texts = posts(fake).map((p) => p.text);
    expect(texts).toEqual([
      expect.stringMatching(/^Poster digest/),
      ...[1, 2, 3, 4, 5].map((k) => `Tues Session ${k}: 8 posters`),
    ]);
    const rootTs = `${1_700_000_001}.000100`;
    expect(
      posts(fake)
        .slice(1)
        .every((p) => p.thread_ts === rootTs),
    ).toBe(true);
  }, 15_000);
});

/**
 * The real run in a child process: catalog from JSON, store from a file, WebClient on the
 * fake, and a short pace so a kill lands between two replies. Logs one JSON line per event.
 */
const CHILD = `
const { readFileSync } = await import('node:fs');
const { WebClient, LogLevel } = await import('@slack/web-api'); // bolt's own client, without loading bolt
const { createWebClientPoster, runDigest } = await import(${JSON.stringify(new URL('../../src/digest/run.ts', import.meta.url).href)});
const { openStore } = await import(${JSON.stringify(new URL('../../src/store/store.ts', import.meta.url).href)});
const store = openStore(process.env.DB);
const line = (fields, message) => console.log(JSON.stringify({ ...fields, message }));
await runDigest({
  date: '${DAY}',
  catalog: JSON.parse(readFileSync(process.env.CATALOG, 'utf8')),
  store,
  poster: createWebClientPoster(new WebClient('xoxb-test', {
    slackApiUrl: process.env.FAKE_API,
    logLevel: LogLevel.ERROR,
  })),
  channel: '${CHANNEL}',
  timeZone: 'UTC',
  pace: () => new Promise((resolve) => setTimeout(resolve, 150)),
  log: { debug: line, info: line },
});
store.close();
`;

function startChild(env: NodeJS.ProcessEnv) {
  const child: ChildProcess = spawn(
    process.execPath,
    ['--import', 'tsx', '--input-type=module', '-e', CHILD],
    { env, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const lines: Record<string, unknown>[] = [];
  const waiters: { test: (l: Record<string, unknown>) => boolean; resolve: () => void }[] = [];
  createInterface({ input: child.stdout! }).on('line', (text) => {
    const line = JSON.parse(text) as Record<string, unknown>;
    lines.push(line);
    for (const waiter of waiters.filter((w) => w.test(line))) waiter.resolve();
  });
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal })),
  );
  return {
    child,
    exit,
    waitForLine: (test: (l: Record<string, unknown>) => boolean) =>
      lines.some(test)
        ? Promise.resolve()
        : Promise.race([
            new Promise<void>((resolve) => waiters.push({ test, resolve })),
            sleep(10_000).then(() => {
              throw new Error('child: expected log line never came');
            }),
          ]),
  };
}

const ICLR2020 = join(SHARED_DATA, 'iclr2020');

describe('npx poster-bot digest', () => {
  /** The CLI in-process with the real loader, a file store and a WebClient on the fake. */
  const cli = async (argv: string[], env: Record<string, string> = {}) => {
    let stdout = '';
    const code = await runCli(argv, {
      stdout: { write: (s: string) => (stdout += s) },
      stderr: { write: () => true },
      env,
      buildBot: () => {
        throw new Error('the digest needs no index');
      },
      loadCatalog,
      openStore: (path, { create }) => (create || existsSync(path) ? openStore(path) : undefined),
      createPoster: () => posterFor(fake),
      now: () => new Date('2020-04-28T09:30:00Z'),
      sleep: async () => {},
    });
    return { code, stdout };
  };

  it('--post posts the digest once; a second --post does nothing', async () => {
    const env = {
      SLACK_BOT_TOKEN: 'xoxb-test',
      SLACK_SIGNING_SECRET: 'secret',
      DIGEST_CHANNEL: CHANNEL,
      DATABASE_PATH: join(dir, 'poster-bot.db'),
    };
    const seed = ['digest', '--post', '--date', '2024-01-01'];
    const first = await cli(seed, env);
    expect(first).toEqual({
      code: 0,
      stdout: `Posted the digest for 2024-01-01 to ${CHANNEL}: 1 message and 1 thread reply (ts 1700000001.000100).\n`,
    });
    expect(posts(fake)[0]?.text).toBe('Posters of the day for Monday, January 1, 2024: 5 posters');
    const again = await cli(seed, env);
    expect(again.stdout).toMatch(
      /already posted to C0DIGEST \(ts 1700000001\.000100\); nothing to do/,
    );
    expect(posts(fake)).toHaveLength(2);
  });

  it.skipIf(skipWithoutSharedData(ICLR2020))(
    '--dry-run lists the five sessions of 2020-04-28 with their posters, nothing on 2020-05-02',
    async () => {
      const day = await cli(['digest', '--date', '2020-04-28', '--dry-run', '--data', ICLR2020]);
      expect(day.code).toBe(0);
      for (const n of [1, 2, 3, 4, 5])
        expect(day.stdout).toMatch(new RegExp(`• Tues Session ${n} · .* posters`));
      // Each paper is in two sessions that day: counted, and listed, once.
      expect(day.stdout).toContain('5 poster sessions today, 171 posters');
      expect(day.stdout).toMatch(/in the thread, reply 1 of ([1-9]|1[0-2]) ──/);
      expect(day.stdout).toContain('LEARNED STEP SIZE QUANTIZATION');
      const none = await cli(['digest', '--date', '2020-05-02', '--dry-run', '--data', ICLR2020]);
      expect(none.stdout).toBe('Nothing to post on 2020-05-02: no poster session that day.\n');
      expect(posts(fake)).toEqual([]);
    },
    10_000, // loads and renders the full ICLR 2020 day twice
  );
});

/** One digest run in UTC into the fake's channel, unpaced. */
function runAgainst(
  fake: FakeSlackApi,
  { date, catalog, store }: { date: string; catalog: Catalog; store: Store },
) {
  return runDigest({
    date,
    catalog,
    store,
    poster: posterFor(fake),
    channel: CHANNEL,
    timeZone: 'UTC',
    pace: async () => {},
    log: silentLog,
  });
}
