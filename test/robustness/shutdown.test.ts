/**
 * Graceful shutdown of the real process (src/main.ts in HTTP mode, production settings):
 * SIGTERM while a button click's answer is still travelling to its response_url lets that
 * answer arrive, then the process logs "stopped", exits 0, and leaves a SQLite file that opens
 * cleanly with no write-ahead log left behind.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import Database from 'better-sqlite3';
import { afterEach, expect, it } from 'vitest';
import { startFakeSlackApi } from '../helpers/fake-slack-api.ts';
import { blockActionsPayload } from '../helpers/slack-payloads.ts';
import { FORM_CONTENT_TYPE, interactionBody, postSigned } from '../helpers/slack-signing.ts';

const SECRET = 'secret';
/** How long the response_url takes to answer: SIGTERM arrives in the middle of it. */
const SLOW_RESPONSE_MS = 1_500;
const STEP_TIMEOUT_MS = 8_000;

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

interface LogLine {
  msg: string;
  [field: string]: unknown;
}

/** Every JSON log line of the child, and a way to wait for one. */
function watchLogs(child: ChildProcess) {
  const lines: LogLine[] = [];
  const lineReader = createInterface({ input: child.stdout! });
  lineReader.on('line', (line) => {
    try {
      lines.push(JSON.parse(line) as LogLine);
    } catch {
      lines.push({ msg: line });
    }
  });
  const waitFor = async (pattern: RegExp): Promise<LogLine> => {
    const deadline = Date.now() + STEP_TIMEOUT_MS;
    while (Date.now() < deadline) {
      const found = lines.find((l) => pattern.test(l.msg));
      if (found) return found;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    throw new Error(`no log line matching ${pattern}; got:\n${lines.map((l) => l.msg).join('\n')}`);
  };
  return { lines, waitFor };
}

/** A response_url that answers slowly and records whether its answer reached the bot. */
async function startSlowResponseUrl() {
  const outcome = { received: 0, delivered: 0 };
  const server: Server = createServer((req, res) => {
    outcome.received += 1;
    req.resume();
    setTimeout(() => {
      if (res.destroyed) return; // the bot hung up before the answer
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.end('ok', () => {
        outcome.delivered += 1;
      });
    }, SLOW_RESPONSE_MS);
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/response/slow`,
    outcome,
    close: () => {
      server.closeAllConnections();
      server.close();
    },
  };
}

async function freePort(): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  server.close();
  await once(server, 'close');
  return port;
}

it('SIGTERM lets an in-flight answer finish, exits 0 and closes the store cleanly', async () => {
  const fake = await startFakeSlackApi();
  cleanups.push(() => fake.close());
  const responseUrl = await startSlowResponseUrl();
  cleanups.push(responseUrl.close);
  const dir = mkdtempSync(join(tmpdir(), 'poster-bot-shutdown-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  const databasePath = join(dir, 'bot.sqlite');
  const port = await freePort();

  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    env: {
      PATH: process.env.PATH,
      SLACK_BOT_TOKEN: 'xoxb-test',
      SLACK_SIGNING_SECRET: SECRET,
      PORT: String(port),
      SLACK_API_URL: fake.apiUrl,
      DATABASE_PATH: databasePath,
      DATA_DIR: 'data',
      LOG_LEVEL: 'info',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = once(child, 'exit') as Promise<[number | null, NodeJS.Signals | null]>;
  cleanups.push(() => {
    if (child.exitCode === null) child.kill('SIGKILL');
  });
  const logs = watchLogs(child);
  await logs.waitFor(/^listening/);

  // A click: Bolt acks at once (production mode), then the answer goes to the slow response_url.
  const payload = blockActionsPayload('paper_show_abstract', 'no-such-paper', responseUrl.url);
  const response = await postSigned(
    `http://127.0.0.1:${port}/slack/events`,
    interactionBody(payload),
    FORM_CONTENT_TYPE,
    SECRET,
  );
  expect(response.status).toBe(200);
  const deadline = Date.now() + STEP_TIMEOUT_MS;
  while (responseUrl.outcome.received === 0 && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  expect(responseUrl.outcome.received).toBe(1);

  child.kill('SIGTERM');
  const [code, signal] = await Promise.race([
    exited,
    new Promise<never>((_, reject) =>
      setTimeout(() => reject(new Error('no exit after SIGTERM')), STEP_TIMEOUT_MS),
    ),
  ]);

  expect({ code, signal }).toEqual({ code: 0, signal: null });
  expect(responseUrl.outcome.delivered).toBe(1);
  expect(logs.lines.map((l) => l.msg)).toEqual(
    expect.arrayContaining(['shutting down', 'stopped']),
  );
  expect(logs.lines.filter((l) => /could not/.test(l.msg))).toEqual([]);

  const walFile = `${databasePath}-wal`;
  expect(!existsSync(walFile) || statSync(walFile).size === 0).toBe(true);
  const db = new Database(databasePath, { readonly: true, fileMustExist: true });
  try {
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
  } finally {
    db.close();
  }
}, 15_000);
