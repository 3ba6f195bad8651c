/**
 * "Export to calendar" (src/bot/features/calendar.ts) through the real replies and an
 * in-memory store: the file is the asker's own plan, one event per session, and the private
 * confirmation counts what is in it; where there is nothing to export, a notice says why.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ACTION_IDS } from '../../src/blocks/ids.ts';
import { CALENDAR_NOTICES } from '../../src/bot/features/calendar.ts';
import { createReplies } from '../../src/bot/replies.ts';
import type { Asker, Reply } from '../../src/bot/types.ts';
import type { Paper, Session } from '../../src/catalog/types.ts';
import { PLAN_CALENDAR_FILENAME } from '../../src/plan/calendar.ts';
import { createAuthorIndex } from '../../src/search/author-index.ts';
import { createPaperIndex } from '../../src/search/paper-index.ts';
import { openStore, type Store } from '../../src/store/store.ts';
import { makePaper } from '../fixtures/papers.ts';
import { icsEvents } from '../helpers/ical.ts';

const MORNING: Session = {
  id: 's1',
  name: 'Morning posters',
  start: '2030-05-01T09:00:00Z',
  end: '2030-05-01T11:00:00Z',
};
const AFTERNOON: Session = { id: 's2', name: 'Afternoon posters', start: '2030-05-01T14:00:00Z' };
const UNDATED: Session = { id: 'u', name: 'Anytime' };
const PAPERS: Paper[] = [
  makePaper({ id: 'm1', title: 'Morning One', sessionIds: ['s1'] }),
  makePaper({ id: 'm2', title: 'Morning Two', sessionIds: ['s1'] }),
  makePaper({ id: 'a1', title: 'Afternoon One', sessionIds: ['s2'] }),
  makePaper({ id: 'u1', title: 'Undated One', sessionIds: ['u'] }),
  makePaper({ id: 'u2', title: 'Undated Two', sessionIds: ['u'] }),
];
const me: Asker = { userId: 'U1', teamId: 'T1', surface: 'home' };

let store: Store;
const build = (withStore = true) =>
  createReplies({
    index: createPaperIndex(PAPERS),
    authors: createAuthorIndex(PAPERS),
    catalog: { papers: PAPERS, sessions: [MORNING, AFTERNOON, UNDATED] },
    pageSize: 5,
    now: () => new Date('2030-05-01T08:00:00Z'),
    ...(withStore && { store }),
  });
beforeEach(() => {
  store = openStore(':memory:');
});
afterEach(() => store.close());

async function exportFor(saved: string[], asker: Asker = me): Promise<Reply> {
  for (const id of saved) await store.plans.save({ teamId: 'T1', userId: 'U1' }, id);
  return build().action(ACTION_IDS.planExportIcs, '', asker);
}

function fileOf(reply: Reply) {
  if (reply.kind !== 'file') throw new Error(`expected a file, got ${reply.kind}`);
  return reply;
}

/** The events of an iCalendar text, as ical.js reads them: [summary, start]. */
const eventsOf = (ics: string) => icsEvents(ics).map((e) => [e.summary, e.start]);

describe('Export to calendar', () => {
  it('uploads one event per session of the plan, and says what is in it', async () => {
    const reply = fileOf(await exportFor(['a1', 'm1', 'm2']));
    expect(reply.file.filename).toBe(PLAN_CALENDAR_FILENAME);
    expect(reply.file.title).toBe('My posters');
    expect(eventsOf(reply.file.content).sort()).toEqual([
      ['Afternoon posters: Afternoon One', '2030-05-01T14:00:00.000Z'],
      ['Morning posters: 2 saved posters', '2030-05-01T09:00:00.000Z'],
    ]);
    expect(reply.message.text).toBe(
      `Your calendar is in ${PLAN_CALENDAR_FILENAME}: 2 sessions with 3 saved posters. ` +
        'Open it to add them to your calendar.',
    );
  });

  it('counts in the singular for one poster in one session', async () => {
    const reply = fileOf(await exportFor(['m1']));
    expect(reply.message.text).toBe(
      `Your calendar is in ${PLAN_CALENDAR_FILENAME}: 1 session with 1 saved poster. ` +
        'Open it to add them to your calendar.',
    );
  });

  it('says how many saved posters had no time and were left out', async () => {
    expect(fileOf(await exportFor(['m1', 'u1'])).message.text).toContain(
      '1 session with 1 saved poster (1 saved poster without a time left out).',
    );
    store.close();
    store = openStore(':memory:');
    expect(fileOf(await exportFor(['m1', 'u1', 'u2'])).message.text).toContain(
      '(2 saved posters without a time left out).',
    );
  });

  it('exports only the asker’s own plan', async () => {
    await store.plans.save({ teamId: 'T1', userId: 'U2' }, 'a1');
    await store.plans.save({ teamId: 'T2', userId: 'U1' }, 'a1');
    const reply = fileOf(await exportFor(['m1']));
    expect(eventsOf(reply.file.content).map(([summary]) => summary)).toEqual([
      'Morning posters: Morning One',
    ]);
  });

  it('says the plan is empty, privately, when nothing is saved', async () => {
    const reply = await exportFor([]);
    expect(reply.kind).toBe('ephemeral');
    expect('message' in reply && reply.message.text).toBe(CALENDAR_NOTICES.empty);
  });

  it('treats posters gone from the catalog as not saved', async () => {
    const reply = await exportFor(['withdrawn']);
    expect('message' in reply && reply.message.text).toBe(CALENDAR_NOTICES.empty);
  });

  it('says why there is no calendar when no saved poster has a time', async () => {
    const one = await exportFor(['u1']);
    expect(one.kind).toBe('ephemeral');
    expect('message' in one && one.message.text).toBe(
      'Your saved poster has no session times yet (the schedule has none), so there is nothing ' +
        'to put in a calendar.',
    );
    const two = await exportFor(['u2']);
    expect('message' in two && two.message.text).toContain('Your 2 saved posters have no session');
  });

  it('needs a workspace and a database', async () => {
    const noTeam = await build().action(ACTION_IDS.planExportIcs, '', { userId: 'U1' });
    expect(noTeam.kind).toBe('ephemeral');
    expect('message' in noTeam && noTeam.message.text).toBe(CALENDAR_NOTICES.noTeam);
    const noStore = await build(false).action(ACTION_IDS.planExportIcs, '', me);
    expect(noStore.kind).toBe('ephemeral');
    expect('message' in noStore && noStore.message.text).toBe(CALENDAR_NOTICES.noStore);
  });
});
