import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { openStore } from '../../src/store/store.ts';

const WRITER = fileURLToPath(new URL('./fixtures/ledger-writer.ts', import.meta.url));
/** `--import tsx` resolves from the working directory: the repository root. */
const ROOT = fileURLToPath(new URL('../..', import.meta.url));
/**
 * The child is killed after this many commits (a few hundred ms of writing), or at the
 * latest KILL_AFTER_MS after its first one: a checkpoint's fsync can stall a loaded machine,
 * and a kill during a checkpoint is as good a test as any.
 */
const KILL_AFTER_LINES = 400;
const KILL_AFTER_MS = 1000;

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'poster-bot-crash-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** Runs the writer, SIGKILLs it mid-loop (see KILL_AFTER_*), returns the lines it printed. */
function writeThenKill(path: string): Promise<{ lines: string[]; signal: string | null }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', WRITER, path], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    const kill = () => child.kill('SIGKILL');
    const safety = setTimeout(kill, 8000);
    let deadline: NodeJS.Timeout | undefined;
    child.stdout.setEncoding('utf8').on('data', (data: string) => {
      out += data;
      deadline ??= setTimeout(kill, KILL_AFTER_MS);
      // Counting newlines is cheap enough that the kill lands while the loop runs flat out.
      if (child.exitCode === null && out.split('\n').length > KILL_AFTER_LINES) {
        kill();
      }
    });
    child.stderr.setEncoding('utf8').on('data', (data: string) => {
      err += data;
    });
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(safety);
      clearTimeout(deadline);
      if (code !== null) reject(new Error(`writer exited with ${code}: ${err}`));
      // Only whole lines: a cut-off last line proves nothing.
      else resolve({ lines: out.split('\n').slice(0, -1), signal });
    });
  });
}

it('keeps every committed ledger record, intact, when the process is killed mid-write', async () => {
  const path = join(dir, 'bot.db');
  const { lines, signal } = await writeThenKill(path);
  expect(signal).toBe('SIGKILL');
  expect(lines.length).toBeGreaterThan(0);

  const raw = new Database(path);
  expect(raw.pragma('integrity_check', { simple: true })).toBe('ok');
  // recordFeatured is one transaction: a day has all five papers or none.
  const perDay = raw
    .prepare('SELECT featured_on, count(*) FROM featured_papers GROUP BY featured_on')
    .raw()
    .all() as [string, number][];
  raw.close();
  expect(perDay.filter(([, count]) => count !== 5)).toEqual([]);
  const featuredDays = new Set(perDay.map(([date]) => date));

  const store = openStore(path);
  const isMissing = async (line: string): Promise<boolean> => {
    const [what, date = '', chunk] = line.split(' ');
    switch (what) {
      case 'run':
        return (await store.getDigestRun('C-CRASH', date)) === undefined;
      case 'chunk':
        return !(await store.postedChunks('C-CRASH', date)).has(Number(chunk));
      case 'featured':
        return !featuredDays.has(date);
      case 'complete':
        return (await store.getDigestRun('C-CRASH', date))?.status !== 'complete';
      default:
        return true;
    }
  };
  const missing: string[] = [];
  for (const line of lines) if (await isMissing(line)) missing.push(line);
  await store.close();
  expect(missing).toEqual([]);
});
