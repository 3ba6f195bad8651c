/**
 * `poster-bot stats` and `check-data` on aliases, in-process with the real composition:
 * options checked, the report as a table and as CSV on a real database file, and a bad
 * aliases.csv line reported by check-data with its line number.
 */
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCatalog } from '../../src/catalog/loader.ts';
import { runCli } from '../../src/cli.ts';
import { buildBot, openStoreAt } from '../../src/compose.ts';
import { openStore } from '../../src/store/store.ts';

let dir: string;
let dbPath: string;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'stats-cli-'));
  dbPath = join(dir, 'bot.db');
  const store = openStore(dbPath);
  // Day by day, as a bot records them (a late record counts towards the current day).
  for (const userId of ['U1', 'U2', 'U3']) {
    await store.stats.recordQuery({ day: '2026-12-03', query: 'gconv', results: 0, userId });
  }
  for (const userId of ['U1', 'U2', 'U3']) {
    await store.stats.recordQuery({ day: '2026-12-04', query: 'robot', results: 4, userId });
  }
  await store.close();
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function cli(argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, {
    stdout: { write: (s: string) => (stdout += s) },
    stderr: { write: (s: string) => (stderr += s) },
    env: { DATABASE_PATH: dbPath },
    buildBot: (data) => buildBot(data),
    loadCatalog,
    openStore: openStoreAt,
    createPoster: () => {
      throw new Error('nothing is posted here');
    },
    now: () => new Date('2026-12-04T12:00:00Z'),
    sleep: async () => {},
  });
  return { code, stdout, stderr };
}

describe('poster-bot stats', () => {
  it('prints the report as tables, with an alias line to add', async () => {
    const { code, stdout, stderr } = await cli(['stats']);
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
    expect(stdout).toContain('Usage report, every day kept, to 2026-12-04');
    expect(stdout).toContain(
      'Suggested lines for aliases.csv (check them first):\n  gconv,graph convolutional',
    );
    expect(stdout).toMatch(/ {2}2026-12-03 +3 +3 +0 +0 +0\n {2}2026-12-04 +3 +0 +0 +0 +0/);
  });

  it('reads from --since, and writes CSV with --csv', async () => {
    const { code, stdout } = await cli(['stats', '--since', '2026-12-04', '--csv']);
    expect(code).toBe(0);
    expect(stdout.split('\r\n')).toEqual([
      'section,item,count,people,detail',
      'top query,robot,3,3,4 results',
      'day,2026-12-04,3,,0 found nothing; 0 clicks; 0 reminders; 0 digests',
      '',
    ]);
  });

  it.each([
    [['stats', '--since', '4 Dec'], /--since must be a date YYYY-MM-DD/],
    [['stats', '--json', '--csv'], /choose one of --json and --csv/],
    [['stats', 'extra'], /stats takes no arguments/],
  ])('%j is a usage error', async (argv, message) => {
    const { code, stderr } = await cli(argv);
    expect(code).toBe(2);
    expect(stderr).toMatch(message);
  });
});

describe('check-data on aliases.csv', () => {
  it('reports each bad line with its number, and fails', async () => {
    const data = join(dir, 'data');
    cpSync('data', data, { recursive: true });
    writeFileSync(join(data, 'aliases.csv'), 'query,means\ngenai,generative\nx y,z\nxai,\n');
    const { code, stdout } = await cli(['check-data', data]);
    expect(code).toBe(1);
    expect(stdout).toContain(`${join(data, 'aliases.csv')}:3: error: query must be one word`);
    expect(stdout).toContain(`${join(data, 'aliases.csv')}:4: error: means is empty for “xai”`);
  });
});
