/**
 * Spawning digest runs as real processes (test/helpers/digest-child.ts) and reading what the
 * fake Web API ended up showing: for kill tests, two processes on one database, and the
 * exactly-once measurement script.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { Catalog } from '../../src/catalog/types.ts';
import { makePaper } from '../fixtures/papers.ts';
import type { FakeSlackApi } from './fake-slack-api.ts';

export const DIGEST_CHANNEL = 'C0DIGEST';
export const DIGEST_DAY = '2020-04-28';
const CHILD = new URL('./digest-child.ts', import.meta.url).pathname;

/** Posters per session in {@link digestCatalog}. */
const POSTERS_PER_SESSION = 8;

/**
 * Sessions of 8 posters on DIGEST_DAY, `n` posters in all: the digest posts a root and one
 * thread reply per session (no highlights), so 1 + ceil(n / 8) messages.
 */
export function digestCatalog(n: number): Catalog {
  const count = Math.ceil(n / POSTERS_PER_SESSION);
  return {
    sessions: Array.from({ length: count }, (_, s) => ({
      id: `s${s + 1}`,
      name: `Tues Session ${s + 1}`,
      start: `2020-04-28T${String(5 + 2 * s).padStart(2, '0')}:00:00Z`,
    })),
    papers: Array.from({ length: n }, (_, i) =>
      makePaper({
        id: `p${i}`,
        title: `Poster ${i}`,
        sessionIds: [`s${Math.floor(i / POSTERS_PER_SESSION) + 1}`],
      }),
    ),
  };
}

export interface ChildLine {
  t: number;
  event: 'start' | 'posted' | 'done';
  key?: string;
  how?: string;
  outcome?: { status: string };
}

export interface DigestChild {
  child: ChildProcess;
  spawnedAt: number;
  lines: ChildLine[];
  exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Resolves when a line passes `test`; rejects after `timeoutMs`. */
  waitFor(test: (line: ChildLine) => boolean, timeoutMs?: number): Promise<ChildLine>;
}

export interface DigestEnv {
  dir: string;
  fake: FakeSlackApi;
  posters: number;
  paceMs?: number;
}

/** Writes the catalog once and returns the environment every child of a scenario shares. */
export function digestEnv({ dir, fake, posters, paceMs = 0 }: DigestEnv): NodeJS.ProcessEnv {
  const catalogPath = join(dir, 'catalog.json');
  writeFileSync(catalogPath, JSON.stringify(digestCatalog(posters)));
  return {
    ...process.env,
    DB: join(dir, 'poster-bot.db'),
    CATALOG: catalogPath,
    FAKE_API: fake.apiUrl,
    DAY: DIGEST_DAY,
    CHANNEL: DIGEST_CHANNEL,
    PACE_MS: String(paceMs),
  };
}

/** `script`: another child speaking the same lines (test/helpers/reminder-child.ts). */
export function spawnDigestChild(env: NodeJS.ProcessEnv, script = CHILD): DigestChild {
  const child = spawn(process.execPath, ['--import', 'tsx', script], {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const spawnedAt = Date.now();
  const lines: ChildLine[] = [];
  const waiters: { test: (l: ChildLine) => boolean; resolve: (l: ChildLine) => void }[] = [];
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  createInterface({ input: child.stdout! }).on('line', (text) => {
    const line = JSON.parse(text) as ChildLine;
    lines.push(line);
    for (const waiter of waiters.filter((w) => w.test(line))) waiter.resolve(line);
  });
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => {
      if (code !== 0 && signal === null) process.stderr.write(`digest child: ${stderr}\n`);
      resolve({ code, signal });
    }),
  );
  return {
    child,
    spawnedAt,
    lines,
    exit,
    waitFor: (test, timeoutMs = 15_000) => {
      const found = lines.find(test);
      if (found) return Promise.resolve(found);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`digest child: no such line within ${timeoutMs} ms`)),
          timeoutMs,
        );
        waiters.push({
          test,
          resolve: (line) => {
            clearTimeout(timer);
            resolve(line);
          },
        });
      });
    },
  };
}

/** What the channel shows, grouped by exactly-once key: more than one entry is a duplicate. */
export function messagesByKey(fake: FakeSlackApi): Map<string, string[]> {
  const byKey = new Map<string, string[]>();
  for (const message of fake.messages) {
    const payload = message.metadata?.event_payload as { key?: string } | undefined;
    const key = payload?.key ?? `unmarked:${message.ts}`;
    byKey.set(key, [...(byKey.get(key) ?? []), message.ts]);
  }
  return byKey;
}

/** Messages beyond the first per key. */
export function duplicateCount(fake: FakeSlackApi): number {
  let extra = 0;
  for (const tss of messagesByKey(fake).values()) extra += tss.length - 1;
  return extra;
}

/** A small seeded generator (mulberry32), so a failing kill schedule can be replayed. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface KillRunFigures {
  kills: number;
  /** Kills that landed while Slack held a message whose answer had not been sent yet. */
  killsInFlight: number;
  duplicates: number;
  messages: number;
  expectedMessages: number;
  /**
   * Per restart after a kill: from the run starting (code loaded, before the store opens) to
   * its first message settled — posted, or found in Slack after the crash.
   */
  resumeMs: number[];
  /** Interrupted messages a restart found in Slack instead of posting again. */
  foundInSlack: number;
}

/**
 * Kills digest runs with SIGKILL at random moments until one completes (or `maxKills`), then
 * reports what the channel shows. Every answer to chat.postMessage is delayed `answerDelayMs`
 * after Slack took the message, so many kills land in the in-flight window.
 */
export async function killAtRandom(options: {
  env: NodeJS.ProcessEnv;
  fake: FakeSlackApi;
  expectedMessages: number;
  maxKills: number;
  random: () => number;
  killWindowMs: number;
  answerDelayMs: number;
  /** The child to run; default the digest's. */
  script?: string;
}): Promise<KillRunFigures> {
  const { env, fake, random } = options;
  fake.script('chat.postMessage', { kind: 'ok' }, { delayMs: options.answerDelayMs });
  const figures: KillRunFigures = {
    kills: 0,
    killsInFlight: 0,
    duplicates: 0,
    messages: 0,
    expectedMessages: options.expectedMessages,
    resumeMs: [],
    foundInSlack: 0,
  };
  for (let attempt = 0; ; attempt += 1) {
    const run = spawnDigestChild(env, options.script);
    await run.waitFor((l) => l.event === 'start');
    const killAt = attempt < options.maxKills ? random() * options.killWindowMs : undefined;
    const timer =
      killAt === undefined
        ? undefined
        : setTimeout(() => {
            if (fake.unanswered('chat.postMessage') > 0) figures.killsInFlight += 1;
            run.child.kill('SIGKILL');
          }, killAt);
    const exit = await run.exit;
    clearTimeout(timer);
    const start = run.lines.find((l) => l.event === 'start');
    const first = run.lines.find((l) => l.event === 'posted');
    if (attempt > 0 && start !== undefined && first !== undefined) {
      figures.resumeMs.push(first.t - start.t);
    }
    figures.foundInSlack += run.lines.filter((l) => l.how === 'found').length;
    if (exit.signal === 'SIGKILL') {
      figures.kills += 1;
      continue;
    }
    if (exit.code !== 0) throw new Error(`digest child exited ${exit.code}`);
    break;
  }
  figures.duplicates = duplicateCount(fake);
  figures.messages = fake.messages.length;
  return figures;
}
