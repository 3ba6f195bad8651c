/**
 * The real bot process (src/main.ts, HTTP mode, against the fake Web API) runs reminder passes
 * by itself: with a poster saved in a session ten minutes away, its DM arrives without anyone
 * asking, once; a restart sends nothing again; SIGTERM ends the process within its bound.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SHUTDOWN_HARD_LIMIT_MS } from '../../src/startup.ts';
import { openStore } from '../../src/store/store.ts';
import { type FakeSlackApi, fakeDmChannel, startFakeSlackApi } from '../helpers/fake-slack-api.ts';

const TEAM = 'T0TEAM001';
const USER = 'U0USER001';

let fake: FakeSlackApi;
let dir: string;
const children: ChildProcess[] = [];
beforeEach(async () => {
  fake = await startFakeSlackApi();
  dir = mkdtempSync(join(tmpdir(), 'reminders-process-'));
});
afterEach(async () => {
  for (const child of children.splice(0)) {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  }
  await fake.close();
  rmSync(dir, { recursive: true, force: true });
});

/** A one-paper conference whose session starts 10 minutes from now (the real clock). */
function dataStartingSoon(): string {
  const data = join(dir, 'data');
  mkdirSync(data);
  const start = new Date(Date.now() + 10 * 60_000);
  const end = new Date(start.getTime() + 60 * 60_000);
  const line = {
    conference: 'TEST 2026',
    uid: 'paper-1',
    title: 'A Poster Starting Soon',
    authors: ['Ada Lovelace'],
    abstract: 'Soon.',
    keywords: [],
    track: '',
    url: 'https://example.org/p1',
    sessions: [{ name: 'Session Soon', start: start.toISOString(), end: end.toISOString() }],
  };
  writeFileSync(join(data, 'conf.jsonl'), `${JSON.stringify(line)}\n`);
  return data;
}

function startBot(data: string) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    env: {
      PATH: process.env.PATH ?? '',
      SLACK_BOT_TOKEN: 'xoxb-test',
      SLACK_SIGNING_SECRET: 'secret',
      SLACK_API_URL: fake.apiUrl,
      PORT: '0',
      DATA_DIR: data,
      DATABASE_PATH: join(dir, 'bot.db'),
      CACHE_DIR: 'off',
      LOG_LEVEL: 'info',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let out = '';
  child.stdout?.on('data', (c: Buffer) => {
    out += c.toString();
  });
  const exit = new Promise<{ code: number | null }>((resolve) =>
    child.on('exit', (code) => resolve({ code })),
  );
  const waitFor = async (pattern: RegExp, ms = 20_000) => {
    const deadline = Date.now() + ms;
    while (!pattern.test(out) && Date.now() < deadline) await sleep(25);
    expect(out).toMatch(pattern);
  };
  return { child, exit, waitFor };
}

describe('the bot process', () => {
  it('sends a due reminder by itself, once across a restart, and stops on SIGTERM', async () => {
    const data = dataStartingSoon();
    const store = openStore(join(dir, 'bot.db'));
    await store.plans.save({ teamId: TEAM, userId: USER }, 'test2026:paper-1');
    await store.close();

    const first = startBot(data);
    await fake.waitForCalls('chat.postMessage', 1, 20_000);
    await first.waitFor(/"sent":1/);
    const [dm] = fake.callsTo('chat.postMessage');
    expect(dm?.params.channel).toBe(fakeDmChannel(USER));
    expect(String(dm?.params.text)).toContain('A Poster Starting Soon');
    const stopping = Date.now();
    first.child.kill('SIGTERM');
    expect(await first.exit).toEqual({ code: 0 });
    expect(Date.now() - stopping).toBeLessThan(SHUTDOWN_HARD_LIMIT_MS);

    const second = startBot(data);
    await second.waitFor(/"already-sent":1/);
    expect(fake.callsTo('chat.postMessage')).toHaveLength(1);
    second.child.kill('SIGTERM');
    expect(await second.exit).toEqual({ code: 0 });
  }, 60_000);
});
