/**
 * The real process (src/main.ts) failing to start: each known failure is one line on stderr
 * and exit 1, no stack trace; a Slack that hangs at start-up does not stop `/poster`; shutdown
 * ends even when Slack hangs or nobody reads stdout any more.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type FakeSlackApi, startFakeSlackApi } from '../helpers/fake-slack-api.ts';
import { slashCommandFields } from '../helpers/slack-payloads.ts';
import { FORM_CONTENT_TYPE, formBody, postSigned } from '../helpers/slack-signing.ts';

const SECRET = 'secret';
const STEP_MS = 15_000;
let fake: FakeSlackApi;
let dir: string;
const cleanups: (() => unknown)[] = [];
beforeEach(async () => {
  fake = await startFakeSlackApi();
  dir = mkdtempSync(join(tmpdir(), 'startup-'));
});
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  await fake.close();
  rmSync(dir, { recursive: true, force: true });
});

async function freePort(): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  server.close();
  await once(server, 'close');
  return port;
}

interface Started {
  child: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

function startBot(env: Record<string, string>): Started {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    env: {
      PATH: process.env.PATH ?? '',
      SLACK_BOT_TOKEN: 'xoxb-test',
      SLACK_SIGNING_SECRET: SECRET,
      SLACK_API_URL: fake.apiUrl,
      DATA_DIR: 'data',
      DATABASE_PATH: join(dir, 'bot.db'),
      CACHE_DIR: 'off',
      LOG_LEVEL: 'info',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout?.on('data', (c: Buffer) => {
    out += c.toString();
  });
  child.stderr?.on('data', (c: Buffer) => {
    err += c.toString();
  });
  cleanups.push(() => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  });
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal })),
  );
  return { child, stdout: () => out, stderr: () => err, exit };
}

async function exitsWithin(bot: Started, ms = STEP_MS) {
  return Promise.race([
    bot.exit,
    new Promise<never>((_, reject) =>
      setTimeout(() => reject(new Error(`no exit; stderr:\n${bot.stderr()}`)), ms),
    ),
  ]);
}

/** Exit 1 with exactly one line on stderr matching `pattern`, and no stack trace anywhere. */
async function expectOneLineFailure(bot: Started, pattern: RegExp) {
  expect(await exitsWithin(bot)).toEqual({ code: 1, signal: null });
  const lines = bot.stderr().trimEnd().split('\n');
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(pattern);
  expect(`${bot.stderr()}${bot.stdout()}`).not.toMatch(/\n\s+at /);
}

async function waitForOutput(bot: Started, pattern: RegExp) {
  const deadline = Date.now() + STEP_MS;
  while (!pattern.test(bot.stdout()) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  expect(bot.stdout()).toMatch(pattern);
}

describe('the data folder', () => {
  it.each([
    { cache: 'off', name: 'without snapshots' },
    { cache: 'cache', name: 'with snapshots' },
  ])('DATA_DIR missing ($name): one line naming the folder, exit 1', async ({ cache }) => {
    const bot = startBot({
      DATA_DIR: join(dir, 'nowhere'),
      CACHE_DIR: cache === 'off' ? 'off' : join(dir, cache),
      LOG_LEVEL: 'silent',
    });
    await expectOneLineFailure(bot, /nowhere.*(ENOENT|does not exist|cannot read the folder)/);
  });

  it('DATA_DIR is a file: one line, exit 1', async () => {
    const file = join(dir, 'data.txt');
    writeFileSync(file, 'not a folder');
    const bot = startBot({ DATA_DIR: file, CACHE_DIR: join(dir, 'cache'), LOG_LEVEL: 'silent' });
    await expectOneLineFailure(bot, /data\.txt.*(ENOTDIR|not a folder|cannot read the folder)/);
  });
});

describe('the port', () => {
  it('in use: one line naming the port and PORT, exit 1', async () => {
    const busy: Server = createServer().listen(0);
    await once(busy, 'listening');
    cleanups.push(() => busy.close());
    const { port } = busy.address() as AddressInfo;
    const bot = startBot({ PORT: String(port), LOG_LEVEL: 'silent' });
    await expectOneLineFailure(bot, new RegExp(`port ${port} is already in use.*PORT`));
  });
});

describe('the database', () => {
  const newerSchema = (path: string) => {
    const db = new Database(path);
    db.pragma('user_version = 99');
    db.close();
  };

  it.each([
    { name: 'a directory', make: (p: string) => mkdirSync(p), pattern: /cannot be opened/ },
    {
      name: 'a corrupt file',
      make: (p: string) => writeFileSync(p, 'this is not a database, just text '.repeat(200)),
      pattern: /not a SQLite database or is damaged/,
    },
    { name: 'a newer schema', make: newerSchema, pattern: /newer than this poster-bot knows/ },
  ])('$name: one line naming DATABASE_PATH, exit 1', async ({ make, pattern }) => {
    const path = join(dir, 'bot.db');
    make(path);
    const bot = startBot({
      DATABASE_PATH: path,
      LOG_LEVEL: 'silent',
      PORT: String(await freePort()),
    });
    await expectOneLineFailure(bot, pattern);
  });

  it('read-only (a file under /proc): one line, exit 1', async () => {
    const path = '/proc/version';
    const bot = startBot({ DATABASE_PATH: path, LOG_LEVEL: 'silent' });
    await expectOneLineFailure(bot, /DATABASE_PATH "\/proc\/version"/);
  });

  it('locked by another process: one line, exit 1', async () => {
    const path = join(dir, 'bot.db');
    const holder = new Database(path);
    holder.pragma('journal_mode = DELETE');
    holder.exec('CREATE TABLE t (x); BEGIN EXCLUSIVE; INSERT INTO t VALUES (1);');
    cleanups.push(() => holder.close());
    const bot = startBot({ DATABASE_PATH: path, LOG_LEVEL: 'silent' });
    await expectOneLineFailure(bot, /is locked by another process/);
  }, 20_000);
});

describe('the bot token', () => {
  it.each([
    { error: 'invalid_auth', pattern: /invalid_auth.*OAuth & Permissions/ },
    { error: 'token_revoked', pattern: /revoked \(token_revoked\).*reinstall/ },
  ])(
    '$error at start-up: one line saying which and how to fix, exit 1',
    async ({ error, pattern }) => {
      fake.script('auth.test', { kind: 'slack_error', error });
      const bot = startBot({ LOG_LEVEL: 'silent', PORT: String(await freePort()) });
      await expectOneLineFailure(bot, pattern);
    },
  );

  it('an HTML page instead of the Web API: one line naming SLACK_API_URL, exit 1', async () => {
    const html = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end('<!doctype html><html><body>Please log in</body></html>');
    }).listen(0, '127.0.0.1');
    await once(html, 'listening');
    cleanups.push(() => html.close());
    const { port } = html.address() as AddressInfo;
    const bot = startBot({
      SLACK_API_URL: `http://127.0.0.1:${port}/api/`,
      LOG_LEVEL: 'silent',
      PORT: String(await freePort()),
    });
    await expectOneLineFailure(bot, /not Slack's JSON.*SLACK_API_URL/);
  });
});

describe('a Slack API that hangs', () => {
  it('at start-up: the bot starts anyway and answers /poster; SIGTERM still ends it', async () => {
    fake.script('auth.test', { kind: 'ok' }, { delayMs: 60_000 });
    fake.script('chat.postMessage', { kind: 'ok' }, { delayMs: 60_000 });
    const port = await freePort();
    const bot = startBot({ PORT: String(port) });
    await waitForOutput(bot, /listening for Slack/);
    expect(bot.stdout()).toMatch(/cannot reach Slack to check the bot token; starting anyway/);
    const body = formBody(slashCommandFields('vision transformer', fake.responseUrl()));
    const url = `http://127.0.0.1:${port}/slack/events`;
    const response = await postSigned(url, body, FORM_CONTENT_TYPE, SECRET);
    expect(response.status).toBe(200);
    expect(JSON.parse(response.text).text).toMatch(/posters? for .vision transformer/);

    bot.child.kill('SIGTERM');
    expect((await exitsWithin(bot, 12_000)).code).not.toBeNull();
  }, 40_000);
});

describe('shutdown', () => {
  it('ends even when whatever read stdout has gone away', async () => {
    const port = await freePort();
    const bot = startBot({ PORT: String(port), LOG_LEVEL: 'debug' });
    await waitForOutput(bot, /listening for Slack/);
    bot.child.stdout?.destroy(); // the log reader dies: every later write is EPIPE
    bot.child.kill('SIGTERM');
    const { code } = await exitsWithin(bot, 12_000);
    expect(code).not.toBeNull();
  }, 30_000);
});

describe('a data file the snapshot cache cannot read', () => {
  it('does not stop the start: the rest loads, the file is reported', async () => {
    const data = join(dir, 'data');
    mkdirSync(data);
    for (const name of ['iclr2022-poster-session-9.txt', 'schedule.csv']) {
      symlinkSync(join(process.cwd(), 'data', name), join(data, name));
    }
    // A "file" whose bytes cannot be read, even by root: reading it fails with EIO.
    symlinkSync('/proc/self/mem', join(data, 'broken.jsonl'));
    const port = await freePort();
    const bot = startBot({ DATA_DIR: data, CACHE_DIR: join(dir, 'cache'), PORT: String(port) });
    await waitForOutput(bot, /listening for Slack/);
    expect(bot.stdout()).toMatch(/broken\.jsonl.*cannot be read/);
    expect(bot.stdout()).toMatch(/"papers":78/);
    bot.child.kill('SIGTERM');
    await exitsWithin(bot);
  }, 30_000);
});
