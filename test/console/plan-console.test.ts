/**
 * Reminders and the calendar in the local console: `reminders --dry-run` shows the console
 * user's coming reminders and the next one as it will arrive; a file reply (the calendar) is
 * saved through the console's `saveFile` and said so, or said where it would go.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { BotFile, Replies } from '../../src/bot/types.ts';
import { buildBot } from '../../src/compose.ts';
import { CONSOLE_TEAM_ID, CONSOLE_USER_ID } from '../../src/console/slack-input.ts';
import { openStore, type Store } from '../../src/store/store.ts';
import { driveConsole } from '../helpers/seed-console.ts';

const DATA = 'test/fixtures/catalog/scheduled';
const me = { teamId: CONSOLE_TEAM_ID, userId: CONSOLE_USER_ID };

let store: Store;
beforeEach(() => {
  store = openStore(':memory:');
});
afterEach(() => store.close());

const botAt = (iso: string) => buildBot(DATA, { store, now: () => new Date(iso) });
const idOf = (bot: ReturnType<typeof buildBot>, title: string) =>
  bot.catalog.papers.find((p) => p.title === title)!.id;

describe('reminders --dry-run in the console', () => {
  it('lists the coming sessions with saved posters and previews the next reminder', async () => {
    const bot = botAt('2022-04-25T12:00:00Z');
    await store.plans.save(me, idOf(bot, 'Transformers for Tabular Data'));
    await store.plans.save(me, idOf(bot, 'Attention Is Still All You Need'));
    const printed = await driveConsole(bot.replies, ['reminders --dry-run']);
    expect(printed).toContain(
      'I’ll send you a direct message 15 minutes before each of these sessions:',
    );
    // Session 1 (Apr 25) before session 2 (Apr 26), each with its reminder time.
    expect(printed.indexOf('Poster Session 1')).toBeLessThan(printed.indexOf('Poster Session 2'));
    expect(printed).toContain('The next one, as it will arrive:');
    expect(printed).toContain('starts in 15 minutes');
    expect(printed).toContain('Attention Is Still All You Need');
  });

  it('says when reminders are off, and when nothing is ahead', async () => {
    const bot = botAt('2022-04-25T12:00:00Z');
    await store.plans.save(me, idOf(bot, 'Attention Is Still All You Need'));
    await store.plans.setReminders(me, false);
    expect(await driveConsole(bot.replies, ['/poster reminders'])).toContain(
      'Your reminders are switched off',
    );
    const later = botAt('2022-05-01T00:00:00Z');
    expect(await driveConsole(later.replies, ['reminders'])).toContain('No reminders coming');
  });

  it('says an undated catalog has nothing to remind of', async () => {
    const bot = buildBot('data', { store });
    expect(await driveConsole(bot.replies, ['reminders --dry-run'])).toContain(
      'The schedule has no session times yet',
    );
  });
});

describe('a file in the console', () => {
  const file: BotFile = {
    filename: 'my-plan.ics',
    title: 'My posters',
    content: 'BEGIN:VCALENDAR',
  };
  const fileReplies: Replies = {
    command: () => ({
      kind: 'file',
      file,
      message: {
        text: 'Your calendar',
        blocks: [{ type: 'section', text: { type: 'mrkdwn', text: 'Your calendar' } }],
      },
    }),
    action: () => {
      throw new Error('unused');
    },
    mention: () => {
      throw new Error('unused');
    },
  };

  it('is saved through saveFile and the console says where', async () => {
    const saved: BotFile[] = [];
    const printed = await driveConsole(fileReplies, ['export'], {
      saveFile: async (f) => {
        saved.push(f);
        return `/work/here/${f.filename}`;
      },
    });
    expect(saved).toEqual([file]);
    expect(printed).toContain('Your calendar');
    expect(printed).toContain('(saved my-plan.ics to /work/here/my-plan.ics)');
  });

  it('without saveFile, the console says where it would go', async () => {
    expect(await driveConsole(fileReplies, ['export'])).toContain(
      '(my-plan.ics would be saved in the working directory)',
    );
  });
});
