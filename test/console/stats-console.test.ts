/**
 * `/poster stats` in the local console: its one user is the operator, whom src/main.ts adds
 * to the organisers there, so the report shows with the store the bot opened.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildBot } from '../../src/compose.ts';
import { CONSOLE_USER_ID } from '../../src/console/slack-input.ts';
import { openStore, type Store } from '../../src/store/store.ts';
import { driveConsole } from '../helpers/seed-console.ts';

let store: Store;
beforeEach(() => {
  store = openStore(':memory:');
});
afterEach(() => store.close());

function drive(lines: readonly string[], organisers: readonly string[]): Promise<string> {
  return driveConsole(buildBot('data', { store, organisers: new Set(organisers) }).replies, lines);
}

describe('stats in the console', () => {
  it('shows the report to the console’s user when it is an organiser', async () => {
    for (const user of ['U1', 'U2', 'U3']) {
      await store.stats.recordQuery({ day: '2026-12-04', query: 'gnn', results: 6, userId: user });
    }
    const printed = await drive(['/poster stats'], [CONSOLE_USER_ID]);
    expect(printed).toContain('For organisers: what attendees look for');
    expect(printed).toContain('‘gnn’ ×3');
    expect(printed).toContain('Download CSV');
  });

  it('searches for “stats” otherwise', async () => {
    const printed = await drive(['/poster stats'], []);
    expect(printed).not.toContain('For organisers');
  });
});
