/** The reminder DM and `/poster reminders`; the reminder pass itself: test/plan/reminders.test.ts. */
import { describe, expect, it } from 'vitest';
import {
  minutesUntil,
  renderReminder,
  renderReminderSchedule,
  type ScheduledReminder,
} from '../../src/blocks/reminder.ts';
import type { Session } from '../../src/catalog/types.ts';
import { makePaper } from '../fixtures/papers.ts';

const at = (iso: string) => new Date(iso);
const START = at('2020-04-28T10:00:00Z');
/** START in seconds, as in a date token. */
const START_S = 1588068000;
const session: Session = { id: 's1', name: 'Session 1', start: START.toISOString() };
const poster = (i: number, title = `Poster ${i}`) => makePaper({ id: `p${i}`, title });

/** The text of a section or the first element of a context. */
function textOf(block: unknown): string {
  const b = block as { text?: { text: string }; elements?: { text: string }[] };
  return b.text?.text ?? b.elements?.[0]?.text ?? '';
}

describe('minutesUntil', () => {
  it.each([
    ['2020-04-28T09:50:00Z', 'in 10 minutes'],
    ['2020-04-28T09:58:00Z', 'in 2 minutes'],
    ['2020-04-28T09:59:00Z', 'in 1 minute'],
    ['2020-04-28T09:59:01Z', 'now'],
    ['2020-04-28T10:00:00Z', 'now'],
  ])('at %s the session starts %s', (now, expected) => {
    expect(minutesUntil(START, at(now))).toBe(expected);
  });
});

describe('renderReminder', () => {
  it('says one saved poster, and no place when the session has none', () => {
    const message = renderReminder(
      { session, start: START, papers: [poster(1)] },
      at('2020-04-28T09:59:00Z'),
      'UTC',
    );
    expect(textOf(message.blocks[0])).toBe(
      `:alarm_clock: *Session 1* starts in 1 minute (<!date^${START_S}^{time}|Tue, Apr 28, 10:00 UTC>), with your saved poster:`,
    );
    expect(textOf(message.blocks[1])).toBe('• Poster 1');
  });

  it('links a session whose location is a URL instead of naming it beside each poster', () => {
    const online = { ...session, location: 'https://meet.example.org/s1' };
    const message = renderReminder(
      { session: online, start: START, papers: [poster(1), poster(2)] },
      at('2020-04-28T09:50:00Z'),
      'UTC',
    );
    expect(textOf(message.blocks[0])).toMatch(
      / · <https:\/\/meet\.example\.org\/s1\|join the session>, with your 2 saved posters:$/,
    );
    expect(textOf(message.blocks[1])).toBe('• Poster 1\n• Poster 2');
  });

  describe('fills the poster list to the section’s budget, then counts the rest', () => {
    // A line is "• " + title; with its newline it takes title + 3 of the 2,960 characters.
    const titled = (i: number, length: number) => poster(i, `T${i}`.padEnd(length, 'x'));

    it('takes a line that fits exactly', () => {
      const papers = Array.from({ length: 21 }, (_, i) => titled(i, 145));
      const list = textOf(
        renderReminder({ session, start: START, papers }, at('2020-04-28T09:50:00Z'), 'UTC')
          .blocks[1],
      ).split('\n');
      expect(list).toHaveLength(21);
      expect(list[19]).toMatch(/^• T19x+$/);
      expect(list[20]).toBe('…and 1 more in your plan');
    });

    it('refuses a line one character too long', () => {
      const papers = [
        ...Array.from({ length: 19 }, (_, i) => titled(i, 145)),
        titled(19, 146),
        titled(20, 10),
        titled(21, 10),
      ];
      const list = textOf(
        renderReminder({ session, start: START, papers }, at('2020-04-28T09:50:00Z'), 'UTC')
          .blocks[1],
      ).split('\n');
      expect(list).toHaveLength(20);
      expect(list[19]).toBe('…and 3 more in your plan');
    });
  });
});

describe('renderReminderSchedule', () => {
  const now = at('2020-04-28T09:00:00Z');
  const entry = (
    i: number,
    over: Partial<ScheduledReminder> & { startIso: string },
  ): ScheduledReminder => {
    const start = at(over.startIso);
    return {
      session: { id: `s${i}`, name: `Session ${i}`, start: over.startIso },
      start,
      papers: [poster(i)],
      remindAt: new Date(start.getTime() - 15 * 60_000),
      sent: false,
      ...over,
    };
  };
  const schedule = (coming: ScheduledReminder[], on = true, leadMinutes = 15) =>
    renderReminderSchedule({ coming, on, leadMinutes, now, timeZone: 'UTC' });

  it('says how to get reminders when no saved poster is in a session ahead', () => {
    const text =
      'No reminders coming: none of your saved posters is in a session still ahead. Save posters with Save on a card.';
    expect(schedule([])).toEqual({
      text,
      blocks: [{ type: 'section', text: { type: 'mrkdwn', text } }],
    });
  });

  it('lists each session with its posters and when its reminder goes out, then a preview', () => {
    const sent = entry(1, { startIso: '2020-04-28T09:10:00Z', sent: true });
    const due = entry(2, {
      startIso: '2020-04-28T09:15:00Z',
      remindAt: now,
      papers: [poster(2), poster(3)],
    });
    const later = entry(4, { startIso: '2020-04-28T10:00:00Z' });
    const message = schedule([sent, due, later]);
    expect(message.text).toBe('Reminders: 3 sessions with your saved posters');
    expect(message.blocks[0]).toEqual({
      type: 'section',
      block_id: 'reminders_schedule',
      text: {
        type: 'mrkdwn',
        text: [
          'I’ll send you a direct message 15 minutes before each of these sessions:',
          '• *Session 1*, <!date^1588065000^{date_short_pretty} {time}|Tue, Apr 28, 09:10 UTC>: 1 saved poster (reminder sent)',
          '• *Session 2*, <!date^1588065300^{date_short_pretty} {time}|Tue, Apr 28, 09:15 UTC>: 2 saved posters (reminder due now)',
          `• *Session 4*, <!date^${START_S}^{date_short_pretty} {time}|Tue, Apr 28, 10:00 UTC>: 1 saved poster (reminder <!date^1588067100^{time}|Tue, Apr 28, 09:45 UTC>)`,
        ].join('\n'),
      },
    });
    // The next unsent one, as it will arrive: due now, so it starts in 15 minutes.
    expect(message.blocks[1]).toEqual({ type: 'divider' });
    expect(message.blocks[2]).toEqual({
      type: 'context',
      elements: [{ type: 'mrkdwn', text: 'The next one, as it will arrive:' }],
    });
    expect(message.blocks[3]?.block_id).toBe('reminder_when');
    expect(textOf(message.blocks[3])).toContain('*Session 2* starts in 15 minutes');
    expect(textOf(message.blocks[4])).toBe('• Poster 2\n• Poster 3');
    expect(message.blocks).toHaveLength(6);
  });

  it('previews a reminder still ahead as it will read when sent, not as of now', () => {
    const message = schedule([entry(4, { startIso: '2020-04-28T10:00:00Z' })]);
    expect(textOf(message.blocks[3])).toContain('*Session 4* starts in 15 minutes');
  });

  it('previews a reminder whose time has passed as of now', () => {
    const late = entry(5, {
      startIso: '2020-04-28T09:05:00Z',
      remindAt: at('2020-04-28T08:50:00Z'),
    });
    const message = schedule([late]);
    expect(textOf(message.blocks[0])).toContain('(reminder due now)');
    expect(textOf(message.blocks[3])).toContain('*Session 5* starts in 5 minutes');
  });

  it('says “minute” for a one-minute lead', () => {
    const message = schedule([entry(4, { startIso: '2020-04-28T10:00:00Z' })], true, 1);
    expect(textOf(message.blocks[0])).toMatch(/^I’ll send you a direct message 1 minute before/);
    expect(message.text).toBe('Reminders: 1 session with your saved posters');
  });

  it('says reminders are off, sends no preview, and marks no session', () => {
    const message = schedule(
      [
        entry(1, { startIso: '2020-04-28T09:10:00Z', sent: true }),
        entry(4, { startIso: '2020-04-28T10:00:00Z' }),
      ],
      false,
    );
    expect(message.text).toBe('Reminders off: 2 sessions with your saved posters');
    expect(message.blocks).toHaveLength(1);
    const lines = textOf(message.blocks[0]).split('\n');
    expect(lines[0]).toBe(
      'Your reminders are switched off (turn them on in the bot’s Home tab). These sessions hold your saved posters:',
    );
    expect(lines.slice(1).map((l) => l.replace(/^.*\(/, '('))).toEqual([
      '(no reminder)',
      '(no reminder)',
    ]);
  });

  it('sends no preview when every coming reminder was sent', () => {
    const message = schedule([entry(1, { startIso: '2020-04-28T09:10:00Z', sent: true })]);
    expect(message.blocks).toHaveLength(1);
  });

  it('lists ten sessions, then how many more', () => {
    const hours = (i: number) => `2020-04-28T${String(10 + i).padStart(2, '0')}:00:00Z`;
    const ten = Array.from({ length: 10 }, (_, i) => entry(i, { startIso: hours(i) }));
    const tenLines = textOf(schedule(ten).blocks[0]).split('\n');
    expect(tenLines).toHaveLength(11);
    expect(tenLines.at(-1)).toMatch(/^• \*Session 9\*/);

    const twelve = Array.from({ length: 12 }, (_, i) => entry(i, { startIso: hours(i) }));
    const message = schedule(twelve);
    const lines = textOf(message.blocks[0]).split('\n');
    expect(lines).toHaveLength(12);
    expect(lines[10]).toMatch(/^• \*Session 9\*/);
    expect(lines[11]).toBe('…and 2 more');
    expect(message.text).toBe('Reminders: 12 sessions with your saved posters');
  });
});
