/**
 * Which reminders are due (src/plan/reminders.ts) and what one pass sends
 * (src/reminders/run.ts) against a real store and a recording messenger.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { renderReminder } from '../../src/blocks/reminder.ts';
import type { Catalog } from '../../src/catalog/types.ts';
import {
  DEFAULT_REMINDER_LEAD_MS,
  dueSessions,
  findDueReminders,
  reminderKey,
} from '../../src/plan/reminders.ts';
import { countResults, type DirectMessenger, runReminderPass } from '../../src/reminders/run.ts';
import { openStore, type Store } from '../../src/store/store.ts';
import { makePaper } from '../fixtures/papers.ts';

const LEAD = DEFAULT_REMINDER_LEAD_MS;
const catalog: Catalog = {
  sessions: [
    { id: 's1', name: 'Session 1', start: '2020-04-28T10:00:00Z', location: 'Hall A' },
    { id: 's2', name: 'Session 2', start: '2020-04-28T10:00:00Z' },
    { id: 's3', name: 'Session 3', start: '2020-04-28T14:00:00Z' },
    { id: 'undated', name: 'Undated' },
  ],
  papers: [
    makePaper({
      id: 'a',
      title: 'Alpha, with a comma',
      sessionIds: ['s1'],
      posterUrl: 'https://x.org/a',
    }),
    makePaper({ id: 'b', title: 'Beta', sessionIds: ['s1'] }),
    makePaper({ id: 'c', title: 'Gamma', sessionIds: ['s2'] }),
    makePaper({ id: 'd', title: 'Delta', sessionIds: ['s3'] }),
    makePaper({ id: 'e', title: 'Epsilon', sessionIds: ['undated'] }),
  ],
};
const at = (iso: string) => new Date(iso);
const ids = (w: ReturnType<typeof dueSessions>) =>
  w.kind === 'due' ? w.sessions.map((s) => s.session.id) : w.kind;

describe('dueSessions: the window is [start − lead, start)', () => {
  it.each([
    ['2020-04-28T09:44:59.999Z', 'none'], // a millisecond before the window opens
    ['2020-04-28T09:45:00.000Z', ['s1', 's2']], // opens exactly at start − lead
    ['2020-04-28T09:50:00.000Z', ['s1', 's2']], // 10 minutes before
    ['2020-04-28T09:59:59.999Z', ['s1', 's2']], // last moment
    ['2020-04-28T10:00:00.000Z', 'none'], // started: no reminder any more
    ['2020-04-28T13:50:00.000Z', ['s3']],
  ])('at %s → %j', (iso, expected) => {
    expect(ids(dueSessions(catalog, at(iso), LEAD))).toEqual(expected);
  });

  it('says when the next reminder is due when none is now', () => {
    expect(dueSessions(catalog, at('2020-04-28T11:00:00Z'), LEAD)).toEqual({
      kind: 'none',
      next: { session: catalog.sessions[2], remindAt: at('2020-04-28T13:45:00Z') },
    });
    expect(dueSessions(catalog, at('2020-04-29T00:00:00Z'), LEAD)).toEqual({ kind: 'none' });
  });

  it('says undated when no session has a time, and refuses a lead that is not positive', () => {
    const undated = { ...catalog, sessions: [{ id: 'undated', name: 'Undated' }] };
    expect(dueSessions(undated, at('2020-04-28T09:50:00Z'), LEAD)).toEqual({ kind: 'undated' });
    expect(() => dueSessions(catalog, at('2020-04-28T09:50:00Z'), 0)).toThrow(/positive/);
  });
});

let store: Store;
beforeEach(() => {
  store = openStore(':memory:');
});
afterEach(() => store.close());

const ada = { teamId: 'T1', userId: 'UADA' };
const bob = { teamId: 'T1', userId: 'UBOB' };
const adaElsewhere = { teamId: 'T2', userId: 'UADA' };

describe('findDueReminders', () => {
  it('one per person and session with their saved posters there, in save order', async () => {
    await store.plans.save(ada, 'b');
    await store.plans.save(ada, 'a');
    await store.plans.save(ada, 'c');
    await store.plans.save(ada, 'd'); // later session: not now
    await store.plans.save(bob, 'd');
    await store.plans.save(adaElsewhere, 'a');
    const due = await findDueReminders(catalog, store.plans, at('2020-04-28T09:50:00Z'), LEAD);
    if (due.kind !== 'due') throw new Error(due.kind);
    expect(due.reminders.map((r) => [r.key, r.papers.map((p) => p.id)])).toEqual([
      ['reminder/T1/UADA/s1', ['b', 'a']],
      ['reminder/T2/UADA/s1', ['a']],
      ['reminder/T1/UADA/s2', ['c']],
    ]);
  });

  it('leaves out whoever switched reminders off, and counts them', async () => {
    await store.plans.save(ada, 'a');
    await store.plans.save(bob, 'a');
    await store.plans.setReminders(bob, false);
    const due = await findDueReminders(catalog, store.plans, at('2020-04-28T09:50:00Z'), LEAD);
    if (due.kind !== 'due') throw new Error(due.kind);
    expect(due.reminders.map((r) => r.owner)).toEqual([ada]);
    expect(due.switchedOff).toBe(1);
  });
});

/** A messenger that records what it sends; a DM channel per user, like Slack's D… ids. */
function recordingMessenger(failFor?: string) {
  const sent: { channel: string; text: string; key: string }[] = [];
  const opened: string[] = [];
  const messenger: DirectMessenger = {
    async openDm(userId) {
      opened.push(userId);
      if (userId === failFor) throw new Error('user_disabled');
      return `D${userId}`;
    },
    async postMessage({ channel, text, metadata }) {
      sent.push({ channel, text, key: metadata.event_payload.key });
      return { ts: `${sent.length}.0001` };
    },
  };
  return { messenger, sent, opened };
}

const quiet = { info() {}, warn() {} };

describe('runReminderPass', () => {
  const pass = (messenger: DirectMessenger, iso: string) =>
    runReminderPass({
      catalog,
      store,
      messenger,
      now: at(iso),
      leadMs: LEAD,
      timeZone: 'UTC',
      log: quiet,
    });

  it('sends each due reminder once; a second pass sends none and opens no DM', async () => {
    await store.plans.save(ada, 'a');
    await store.plans.save(bob, 'c');
    const { messenger, sent, opened } = recordingMessenger();
    const first = await pass(messenger, '2020-04-28T09:50:00Z');
    expect(sent.map((s) => [s.channel, s.key])).toEqual([
      ['DUADA', reminderKey(ada, 's1')],
      ['DUBOB', reminderKey(bob, 's2')],
    ]);
    expect(countResults(first)).toMatchObject({ sent: 2, 'already-sent': 0 });
    const second = await pass(messenger, '2020-04-28T09:55:00Z');
    expect(sent).toHaveLength(2);
    expect(opened).toHaveLength(2);
    expect(countResults(second)).toMatchObject({ sent: 0, 'already-sent': 2 });
  });

  it('sends nothing once the session started, nor before the window', async () => {
    await store.plans.save(ada, 'a');
    const { messenger, sent } = recordingMessenger();
    expect((await pass(messenger, '2020-04-28T10:00:00Z')).kind).toBe('none');
    expect((await pass(messenger, '2020-04-28T09:40:00Z')).kind).toBe('none');
    expect(sent).toEqual([]);
  });

  it('goes on with the others when one DM fails, and retries it next pass', async () => {
    await store.plans.save(ada, 'a');
    await store.plans.save(bob, 'a');
    const failing = recordingMessenger('UADA');
    const first = await pass(failing.messenger, '2020-04-28T09:50:00Z');
    expect(countResults(first)).toMatchObject({ sent: 1, failed: 1 });
    expect(failing.sent.map((s) => s.channel)).toEqual(['DUBOB']);
    const working = recordingMessenger();
    await pass(working.messenger, '2020-04-28T09:51:00Z');
    expect(working.sent.map((s) => s.channel)).toEqual(['DUADA']);
  });

  it('says why an undated catalog gets no reminders', async () => {
    await store.plans.save(ada, 'e');
    const { messenger, sent } = recordingMessenger();
    const undated = { ...catalog, sessions: catalog.sessions.filter((s) => !s.start) };
    const outcome = await runReminderPass({
      catalog: undated,
      store,
      messenger,
      now: at('2020-04-28T09:50:00Z'),
      leadMs: LEAD,
      timeZone: 'UTC',
      log: quiet,
    });
    expect(outcome).toEqual({ kind: 'undated' });
    expect(sent).toEqual([]);
  });
});

describe('renderReminder', () => {
  it('names the session, its time as a date token, the place and each poster linked', () => {
    const message = renderReminder(
      {
        session: catalog.sessions[0]!,
        start: at('2020-04-28T10:00:00Z'),
        papers: catalog.papers.slice(0, 2),
      },
      at('2020-04-28T09:50:00Z'),
      'UTC',
    );
    expect(message.blocks).toEqual([
      {
        type: 'section',
        block_id: 'reminder_when',
        text: {
          type: 'mrkdwn',
          text:
            ':alarm_clock: *Session 1* starts in 10 minutes (<!date^1588068000^{time}|Tue, Apr 28, 10:00 UTC>)' +
            ' · Hall A, with your 2 saved posters:',
        },
      },
      {
        type: 'section',
        block_id: 'reminder_posters',
        text: {
          type: 'mrkdwn',
          text: '• <https://x.org/a|Alpha, with a comma> — Hall A\n• Beta — Hall A',
        },
      },
      {
        type: 'context',
        block_id: 'reminder_hint',
        elements: [{ type: 'mrkdwn', text: expect.stringContaining('Open my plan') }],
      },
    ]);
    expect(message.text).toBe(
      'Reminder: Session 1 starts in 10 minutes (Tue, Apr 28, 10:00 UTC): Alpha, with a comma; Beta',
    );
  });

  it('escapes the titles and session name in the notification text too', () => {
    const message = renderReminder(
      {
        session: { id: 'x', name: 'R&D <Hall> *1*' },
        start: at('2020-04-28T10:00:00Z'),
        papers: [makePaper({ id: 'p', title: '<!channel> A* & B_1' })],
      },
      at('2020-04-28T09:50:00Z'),
      'UTC',
    );
    expect(message.text).toBe(
      'Reminder: R&amp;D &lt;Hall&gt; \u22171\u2217 starts in 10 minutes (Tue, Apr 28, 10:00 UTC): ' +
        '&lt;!channel&gt; A\u2217 &amp; B\u02cd1',
    );
  });

  it('escapes titles and stays inside a section with hundreds of posters', () => {
    const papers = Array.from({ length: 300 }, (_, i) =>
      makePaper({ id: `p${i}`, title: `<!channel> & *bold* ${'long '.repeat(40)}${i}` }),
    );
    const message = renderReminder(
      { session: catalog.sessions[1]!, start: at('2020-04-28T10:00:00Z'), papers },
      at('2020-04-28T09:59:30Z'),
      'UTC',
    );
    const list = (message.blocks[1] as { text: { text: string } }).text.text;
    expect(list.length).toBeLessThanOrEqual(3000);
    expect(list).not.toContain('<!channel>');
    expect(list).toMatch(/…and \d+ more in your plan$/);
    expect(message.text.length).toBeLessThanOrEqual(4000);
    expect(JSON.stringify(message.blocks[0])).toContain('starts now');
  });
});
