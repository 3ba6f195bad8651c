import type { KnownBlock } from '@slack/types';
import { describe, expect, it } from 'vitest';
import { HOME_LIMITS, type HomeInput, type HomePoster, renderHome } from '../../src/blocks/home.ts';
import { ACTION_IDS } from '../../src/blocks/ids.ts';
import type { Session } from '../../src/catalog/types.ts';
import { groupBySession } from '../../src/plan/sessions.ts';
import { makePaper, SESSION_9 } from '../fixtures/papers.ts';

/** Two days of a conference in Vienna (UTC+2 in April); sessions of two hours. */
const MON_A: Session = {
  id: 'mon-a',
  name: 'Poster Session 1',
  start: '2022-04-25T10:00:00Z',
  end: '2022-04-25T12:00:00Z',
  location: 'Hall A',
};
const MON_B: Session = {
  id: 'mon-b',
  name: 'Poster Session 2',
  start: '2022-04-25T11:00:00Z', // overlaps MON_A by an hour
  end: '2022-04-25T13:00:00Z',
};
const TUE: Session = {
  id: 'tue',
  name: 'Poster Session 3',
  start: '2022-04-26T16:30:00Z',
  end: '2022-04-26T18:30:00Z',
};
const NOW = new Date('2022-04-24T08:00:00Z');

function poster(id: string, title: string, session?: Session): HomePoster {
  const paper = makePaper({ id, title, sessionIds: session ? [session.id] : [] });
  return session ? { paper, session } : { paper };
}

function input(posters: HomePoster[], extra: Partial<HomeInput> = {}): HomeInput {
  return { posters, now: NOW, timeZone: 'Europe/Vienna', dated: true, remindersOn: true, ...extra };
}

const texts = (blocks: readonly KnownBlock[]) => blocks.map(blockText);

function blockText(block: KnownBlock): string {
  if (block.type === 'section') return block.text?.text ?? '';
  if (block.type === 'header') return block.text.text;
  if (block.type === 'context') {
    return block.elements.map((e) => ('text' in e ? e.text : '')).join(' ');
  }
  if (block.type === 'actions') {
    return block.elements.map((e) => (e.type === 'button' ? `[${e.text.text}]` : '')).join(' ');
  }
  return `(${block.type})`;
}

/** The Remove buttons of a view: which posters it lists, in order. */
function removed(blocks: readonly KnownBlock[]): string[] {
  return blocks.flatMap((b) =>
    b.type === 'section' &&
    b.accessory?.type === 'button' &&
    b.accessory.action_id === ACTION_IDS.planRemove
      ? [b.accessory.value!.replace(/^\d+\|/, '')]
      : [],
  );
}

describe('renderHome', () => {
  it('groups saved posters by day and session, in time order, with times as date tokens', () => {
    const view = renderHome(
      input([
        poster('t1', 'Tuesday Poster', TUE),
        poster('m2', 'Zebra Models', MON_A),
        poster('m1', 'Apple Models', MON_A),
        poster('u1', 'Unscheduled Poster'),
      ]),
    );
    const lines = texts(view.blocks);
    // Days, then sessions by start, then posters by title; a poster without a session last.
    const order = [
      'Monday, April 25',
      '*Poster Session 1*',
      'Apple Models',
      'Zebra Models',
      'Tuesday, April 26',
      '*Poster Session 3*',
      'Tuesday Poster',
      '*No session announced yet*',
      'Unscheduled Poster',
    ].map((needle) => lines.findIndex((line, i) => i > 4 && line.includes(needle)));
    // (blocks 0–4: the header, next up, the reminders line and buttons, a divider)
    expect(order.every((i) => i >= 0)).toBe(true);
    expect(order).toEqual([...order].sort((a, b) => a - b));
    expect(removed(view.blocks)).toEqual(['m1', 'm2', 't1', 'u1']);
    // The session line: name, start–end as tokens every reader sees in their own zone, room.
    expect(lines).toContain(
      '*Poster Session 1* · <!date^1650880800^{time}|Mon, Apr 25, 12:00 GMT+2>–' +
        '<!date^1650888000^{time}|Mon, Apr 25, 14:00 GMT+2> · :round_pushpin: Hall A',
    );
    expect(view.text).toBe('Your poster plan: 4 posters in 3 sessions.');
  });

  it('says what is next up: the earliest session of the plan not over yet', () => {
    const plan = [poster('m1', 'A', MON_A), poster('t1', 'B', TUE), poster('t2', 'C', TUE)];
    const before = texts(renderHome(input(plan)).blocks)[1];
    expect(before).toBe(
      '*Next up:* *Poster Session 1* · <!date^1650880800^{date_short_pretty} {time}|Mon, Apr 25, 12:00 GMT+2> · :round_pushpin: Hall A · 1 of your posters',
    );
    const during = texts(
      renderHome(input(plan, { now: new Date('2022-04-25T11:00:00Z') })).blocks,
    )[1];
    expect(during).toMatch(
      /^\*Now:\* \*Poster Session 1\* · running now, until <!date\^1650888000\^/,
    );
    const between = texts(
      renderHome(input(plan, { now: new Date('2022-04-25T12:30:00Z') })).blocks,
    )[1];
    expect(between).toMatch(/^\*Next up:\* \*Poster Session 3\* .* · 2 of your posters$/);
    const after = texts(renderHome(input(plan, { now: new Date('2022-05-01T00:00:00Z') })).blocks);
    expect(after[1]).toBe('*Next up:* every session in your plan is over.');
  });

  it('warns under each of two saved sessions that overlap, and not under others', () => {
    const view = renderHome(
      input([poster('a', 'A', MON_A), poster('b', 'B', MON_B), poster('t', 'T', TUE)]),
    );
    const warnings = texts(view.blocks).filter((line) => line.startsWith(':warning:'));
    expect(warnings).toEqual([
      ':warning: Overlaps with *Poster Session 2*, also in your plan.',
      ':warning: Overlaps with *Poster Session 1*, also in your plan.',
    ]);
    // Back to back is not an overlap.
    const touching: Session = {
      ...TUE,
      id: 'tue-2',
      name: 'Later',
      start: TUE.end,
      end: undefined,
    };
    const next = renderHome(input([poster('t', 'T', TUE), poster('l', 'L', touching)]));
    expect(texts(next.blocks).some((line) => line.startsWith(':warning:'))).toBe(false);
  });

  it('takes a session without an end to last two hours, as reminders and the calendar do', () => {
    const at10: Session = { id: 'x', name: 'Ten', start: '2022-04-25T08:00:00Z' };
    const at1030: Session = { id: 'y', name: 'Half past', start: '2022-04-25T08:30:00Z' };
    const plan = [poster('a', 'A', at10), poster('b', 'B', at1030)];
    const lines = texts(renderHome(input(plan, { now: new Date('2022-04-25T08:40:00Z') })).blocks);
    expect(lines[1]).toMatch(/^\*Now:\* \*Ten\* · running now, until <!date\^1650880800\^/);
    expect(lines.filter((line) => line.startsWith(':warning:'))).toEqual([
      ':warning: Overlaps with *Half past*, also in your plan.',
      ':warning: Overlaps with *Ten*, also in your plan.',
    ]);
    // The calendar's end for the same session: one rule, not two.
    const planned = groupBySession(['a'], {
      papers: new Map(plan.map((p) => [p.paper.id, p.paper])),
      sessions: new Map([[at10.id, at10]]),
    });
    expect(planned.sessions[0]?.end).toBe(Date.parse('2022-04-25T10:00:00Z'));
  });

  it('pages a 200-poster plan: every page within 100 blocks, every poster once, Prev / Next', () => {
    const sessions = Array.from({ length: 20 }, (_, i) => ({
      id: `s${i}`,
      name: `Session ${i}`,
      start: new Date(Date.UTC(2022, 3, 25 + Math.floor(i / 4), 8 + 2 * (i % 4))).toISOString(),
      end: new Date(Date.UTC(2022, 3, 25 + Math.floor(i / 4), 9 + 2 * (i % 4))).toISOString(),
    }));
    const plan = Array.from({ length: 200 }, (_, i) =>
      poster(
        `p${String(i).padStart(3, '0')}`,
        `Poster ${String(i).padStart(3, '0')}`,
        sessions[i % 20],
      ),
    );
    const started = performance.now();
    const first = renderHome(input(plan));
    const elapsed = performance.now() - started;
    expect(elapsed).toBeLessThan(200); // measured: ~2 ms on the dev machine (README)
    expect(first.pages).toBeGreaterThan(1);
    const seen: string[] = [];
    for (let page = 0; page < first.pages; page++) {
      const view = renderHome(input(plan, { page }));
      expect(view.page).toBe(page);
      expect(view.blocks.length).toBeLessThanOrEqual(HOME_LIMITS.viewBlocks);
      expect(JSON.stringify(view.blocks).length).toBeLessThan(250_000);
      const ids = removed(view.blocks);
      expect(ids.length).toBeGreaterThan(0);
      expect(ids.length).toBeLessThanOrEqual(HOME_LIMITS.postersPerPage);
      seen.push(...ids);
      const nav = view.blocks.at(-1);
      expect(nav?.type).toBe('actions');
      expect(blockText(nav!)).toBe(
        page === 0 ? '[Next ▸]' : page === first.pages - 1 ? '[◂ Prev]' : '[◂ Prev] [Next ▸]',
      );
      // Remove keeps the page: its value starts with it.
      const remove = view.blocks.find(
        (b) => b.type === 'section' && b.accessory?.type === 'button',
      );
      expect(
        remove?.type === 'section' && remove.accessory?.type === 'button' && remove.accessory.value,
      ).toMatch(new RegExp(`^${page}\\|`));
    }
    expect(seen).toHaveLength(200);
    expect(new Set(seen).size).toBe(200);
    expect(texts(first.blocks).at(-2)).toBe(`Posters 1–30 of 200 · page 1 of ${first.pages}`);
    // A page past the end shows the last one.
    expect(renderHome(input(plan, { page: 999 })).page).toBe(first.pages - 1);
  });

  it('gives an extra section its share of the budget, and says what it left out', () => {
    const plan = Array.from({ length: 120 }, (_, i) => poster(`p${i}`, `P ${i}`, MON_A));
    const extra: KnownBlock[] = Array.from({ length: 25 }, (_, i) => ({
      type: 'section',
      text: { type: 'mrkdwn', text: `organisers ${i}` },
    }));
    for (let page = 0; page < 5; page++) {
      const view = renderHome(input(plan, { extra, page }));
      expect(view.blocks.length).toBeLessThanOrEqual(HOME_LIMITS.viewBlocks);
      const lines = texts(view.blocks);
      expect(lines).toContain('organisers 19');
      expect(lines).not.toContain('organisers 20');
      expect(lines.at(-1)).toBe('5 more blocks were left out here.');
    }
  });

  it('with nothing saved: how to save, what the bot does, the sessions on now and next', () => {
    const view = renderHome(
      input([], {
        onNow: [{ session: MON_A, posters: 12 }],
        upNext: [{ session: TUE, posters: 30 }],
      }),
    );
    const lines = texts(view.blocks);
    expect(lines[0]).toBe('Your poster plan');
    expect(lines[1]).toMatch(/^Nothing saved yet\. Press \*Save\*/);
    expect(lines[2]).toMatch(/^\*What I can do\*\n• `\/poster vision transformer`/);
    expect(lines[3]).toBe(
      '*On now:* Poster Session 1 (<!date^1650880800^{date_short_pretty} {time}|Mon, Apr 25, 12:00 GMT+2>), 12 posters\n' +
        '*Next:* Poster Session 3 (<!date^1650990600^{date_short_pretty} {time}|Tue, Apr 26, 18:30 GMT+2>), 30 posters',
    );
    expect(removed(view.blocks)).toEqual([]);
    expect(view.text).toBe('Your poster plan is empty.');
  });

  it('on an undated catalog: saves still show, and it says reminders and calendar need times', () => {
    const view = renderHome(input([poster('x', 'Undated Poster', SESSION_9)], { dated: false }));
    const lines = texts(view.blocks);
    expect(lines).toContain('*Poster Session 9* · time not announced');
    expect(lines[1]).toMatch(/schedule has no session times yet/);
    expect(lines).toContain(
      'Reminders and the calendar export need session times; this conference’s schedule has none yet.',
    );
    const ids = JSON.stringify(view.blocks);
    expect(ids).not.toContain(ACTION_IDS.planExportIcs);
    expect(ids).not.toContain(ACTION_IDS.planRemindersToggle);
    expect(removed(view.blocks)).toEqual(['x']);
    const empty = texts(renderHome(input([], { dated: false })).blocks);
    expect(empty.at(-1)).toMatch(/need session times/);
  });

  it('on a dated catalog: the reminders switch says its state, beside Export to calendar', () => {
    const plan = [poster('a', 'A', MON_A)];
    const on = renderHome(input(plan)).blocks.find((b) => b.block_id === 'home_settings');
    expect(on && blockText(on)).toBe('[Turn reminders off] [Export to calendar]');
    expect(JSON.stringify(on)).toContain(`"action_id":"${ACTION_IDS.planExportIcs}","value":""`);
    const off = renderHome(input(plan, { remindersOn: false }));
    expect(texts(off.blocks)).toContain('Reminders are *off*.');
    const toggle = off.blocks.find((b) => b.block_id === 'home_settings');
    expect(toggle?.type === 'actions' && toggle.elements[0]).toMatchObject({
      action_id: ACTION_IDS.planRemindersToggle,
      value: 'on',
    });
  });

  it('escapes titles, names and locations from the data', () => {
    const hostile: Session = {
      ...MON_A,
      name: '<!channel> *Session*',
      location: 'Room <@U1> & co',
    };
    const paper = makePaper({
      id: 'h',
      title: '<!here> A* Beam & <https://evil|click>',
      authors: ['<@U2>'],
      sessionIds: [hostile.id],
    });
    const json = JSON.stringify(renderHome(input([{ paper, session: hostile }])).blocks);
    expect(json).not.toMatch(/<!channel>|<!here>|<@U1>|<@U2>|<https:\/\/evil/);
    expect(json).toContain('&lt;!here&gt; A∗ Beam &amp; &lt;https://evil|click&gt;');
    expect(json).toContain('&lt;!channel&gt; ∗Session∗');
  });

  it('says how many saved posters left the catalog', () => {
    const lines = texts(renderHome(input([poster('a', 'A', MON_A)], { missing: 2 })).blocks);
    expect(lines).toContain('2 saved posters are no longer in the catalog.');
  });
});

/** Every block as `type#block_id: text`, so a test can state a whole view in order. */
const outline = (blocks: readonly KnownBlock[]) =>
  blocks.map((b) => `${b.type}#${b.block_id ?? ''}: ${blockText(b)}`);

/** The line under the page saying which posters it shows: `Posters a–b of n · page …`. */
const pageLine = (blocks: readonly KnownBlock[]) =>
  texts(blocks).find((line) => line.startsWith('Posters '));

/**
 * A plan whose page cost is known block by block: `pairDays` days with two overlapping
 * sessions of one poster each (a heading, and per session a line, a warning and the poster:
 * 7 blocks for 2 posters), then one day with one session (heading, line: 2) of `tail` posters
 * (1 block each). The first page ends exactly where the budget runs out.
 */
function costedPlan(pairDays: number, tail: number): HomePoster[] {
  const at = (day: number, hour: number) =>
    new Date(Date.UTC(2022, 4, 1 + day, hour)).toISOString();
  const plan: HomePoster[] = [];
  for (let d = 0; d < pairDays; d++) {
    const early: Session = { id: `d${d}a`, name: `D${d} A`, start: at(d, 8), end: at(d, 10) };
    const late: Session = { id: `d${d}b`, name: `D${d} B`, start: at(d, 9), end: at(d, 11) };
    plan.push(poster(`d${d}a`, `Pair ${d} a`, early), poster(`d${d}b`, `Pair ${d} b`, late));
  }
  const last: Session = { id: 'tail', name: 'Tail', start: at(pairDays, 8), end: at(pairDays, 10) };
  for (let i = 0; i < tail; i++) {
    plan.push(poster(`t${String(i).padStart(2, '0')}`, `Tail ${String(i).padStart(2, '0')}`, last));
  }
  return plan;
}

describe('renderHome: the whole view, block by block', () => {
  const UNDATED_B: Session = { id: 'u-b', name: 'Beta Undated' };
  const UNDATED_A: Session = { id: 'u-a', name: 'Alpha Undated' };
  // Given in a scrambled order, with two posters without a session (so they compare by name).
  const plan = [
    poster('nz', 'Zed Loose'),
    poster('ub', 'Undated B', UNDATED_B),
    poster('t1', 'Tuesday Poster', TUE),
    poster('na', 'Alpha Loose'),
    poster('b1', 'Second Session Poster', MON_B),
    poster('m2', 'Zebra Models', MON_A),
    poster('ua', 'Undated A', UNDATED_A),
    poster('m1', 'Apple Models', MON_A),
  ];

  it('orders dated sessions by start, then undated ones by name, then posters with none', () => {
    // One heading per day, one line per session (not per poster), warnings under the two
    // overlapping sessions; no page line or buttons on a single page.
    const view = renderHome(input(plan));
    expect(outline(view.blocks)).toEqual([
      'header#home_header: Your poster plan',
      'section#home_next_up: *Next up:* *Poster Session 1* · <!date^1650880800^{date_short_pretty} {time}|Mon, Apr 25, 12:00 GMT+2> · :round_pushpin: Hall A · 2 of your posters',
      'context#: Reminders are *on*: I send you a direct message before each session that holds your posters.',
      'actions#home_settings: [Turn reminders off] [Export to calendar]',
      'divider#: (divider)',
      'section#home_day_0: *<!date^1650880800^{date_long_pretty}|Monday, April 25>*',
      'section#home_session_0: *Poster Session 1* · <!date^1650880800^{time}|Mon, Apr 25, 12:00 GMT+2>–<!date^1650888000^{time}|Mon, Apr 25, 14:00 GMT+2> · :round_pushpin: Hall A',
      'context#: :warning: Overlaps with *Poster Session 2*, also in your plan.',
      expect.stringMatching(/^section#home_poster_0: .*Apple Models/),
      expect.stringMatching(/^section#home_poster_1: .*Zebra Models/),
      'section#home_session_2: *Poster Session 2* · <!date^1650884400^{time}|Mon, Apr 25, 13:00 GMT+2>–<!date^1650891600^{time}|Mon, Apr 25, 15:00 GMT+2>',
      'context#: :warning: Overlaps with *Poster Session 1*, also in your plan.',
      expect.stringMatching(/^section#home_poster_2: .*Second Session Poster/),
      'section#home_day_3: *<!date^1650990600^{date_long_pretty}|Tuesday, April 26>*',
      'section#home_session_3: *Poster Session 3* · <!date^1650990600^{time}|Tue, Apr 26, 18:30 GMT+2>–<!date^1650997800^{time}|Tue, Apr 26, 20:30 GMT+2>',
      expect.stringMatching(/^section#home_poster_3: .*Tuesday Poster/),
      'section#home_session_4: *Alpha Undated* · time not announced',
      expect.stringMatching(/^section#home_poster_4: .*Undated A/),
      'section#home_session_5: *Beta Undated* · time not announced',
      expect.stringMatching(/^section#home_poster_5: .*Undated B/),
      'section#home_session_6: *No session announced yet*',
      expect.stringMatching(/^section#home_poster_6: .*Alpha Loose/),
      expect.stringMatching(/^section#home_poster_7: .*Zed Loose/),
    ]);
    expect(removed(view.blocks)).toEqual(['m1', 'm2', 'b1', 't1', 'ua', 'ub', 'na', 'nz']);
    expect(view.text).toBe('Your poster plan: 8 posters in 6 sessions.');
    expect([view.page, view.pages]).toEqual([0, 1]);
  });

  it('writes sections and notes as mrkdwn, the header as plain text', () => {
    // Slack renders `*bold*` and date tokens only in mrkdwn.
    const view = renderHome(input([poster('a', 'A', MON_A)], { missing: 1 }));
    expect(view.blocks[0]).toEqual({
      type: 'header',
      block_id: 'home_header',
      text: { type: 'plain_text', text: 'Your poster plan' },
    });
    expect(view.blocks[1]).toMatchObject({ type: 'section', text: { type: 'mrkdwn' } });
    expect(view.blocks[2]).toEqual({
      type: 'context',
      elements: [
        {
          type: 'mrkdwn',
          text: 'Reminders are *on*: I send you a direct message before each session that holds your posters.',
        },
      ],
    });
    expect(view.blocks[4]).toEqual({
      type: 'context',
      elements: [{ type: 'mrkdwn', text: '1 saved poster is no longer in the catalog.' }],
    });
    expect(view.blocks[5]).toEqual({ type: 'divider' });
  });

  it('says no missing posters when none are missing', () => {
    // Without `missing` the divider follows the settings directly.
    const view = renderHome(input([poster('a', 'A', MON_A)]));
    expect(view.blocks.map((b) => b.type).slice(0, 5)).toEqual([
      'header',
      'section',
      'context',
      'actions',
      'divider',
    ]);
  });

  it('gives each poster a Remove button that names it and keeps the page', () => {
    const view = renderHome(input([poster('a', 'Beam Search', MON_A)]));
    const row = view.blocks.find((b) => b.block_id === 'home_poster_0');
    expect(row?.type === 'section' && row.accessory).toEqual({
      type: 'button',
      text: { type: 'plain_text', text: 'Remove' },
      action_id: ACTION_IDS.planRemove,
      value: '0|a',
      accessibility_label: 'Remove Beam Search from your plan',
    });
  });
});

describe('renderHome: overlap warnings', () => {
  it('names three overlapping sessions and counts the rest', () => {
    // Four sessions at once: each warning names three others, in time order, then "and 1 more".
    const sessions: Session[] = Array.from({ length: 5 }, (_, i) => ({
      id: `o${i}`,
      name: `Overlap ${i}`,
      start: new Date(Date.UTC(2022, 3, 25, 8, i)).toISOString(),
      end: new Date(Date.UTC(2022, 3, 25, 10)).toISOString(),
    }));
    const view = renderHome(input(sessions.map((s) => poster(s.id, s.name, s))));
    const warnings = texts(view.blocks).filter((line) => line.startsWith(':warning:'));
    expect(warnings[0]).toBe(
      ':warning: Overlaps with *Overlap 1*, *Overlap 2*, *Overlap 3* and 1 more, also in your plan.',
    );
    expect(warnings).toHaveLength(5);
  });
});

describe('renderHome: Next up', () => {
  const later: Session = {
    ...TUE,
    id: 'wed',
    name: 'Wednesday',
    start: '2022-04-27T08:00:00Z',
    end: '2022-04-27T10:00:00Z',
  };

  it('picks the earliest coming session whatever order the posters come in', () => {
    // The plan arrives unsorted: latest first.
    const plan = [poster('w', 'W', later), poster('t', 'T', TUE), poster('m', 'M', MON_A)];
    expect(texts(renderHome(input(plan)).blocks)[1]).toMatch(/^\*Next up:\* \*Poster Session 1\* /);
    const tueFirst = [poster('w', 'W', later), poster('t', 'T', TUE)];
    // A session without a room says no room, and one poster is "1 of your posters".
    expect(texts(renderHome(input(tueFirst)).blocks)[1]).toBe(
      '*Next up:* *Poster Session 3* · <!date^1650990600^{date_short_pretty} {time}|Tue, Apr 26, 18:30 GMT+2> · 1 of your posters',
    );
  });

  it('is "Now" from the first minute of a session, and over at its last', () => {
    const plan = [poster('m', 'M', MON_A), poster('t', 'T', TUE)];
    const atStart = texts(renderHome(input(plan, { now: new Date(MON_A.start!) })).blocks)[1];
    expect(atStart).toBe(
      '*Now:* *Poster Session 1* · running now, until <!date^1650888000^{time}|Mon, Apr 25, 14:00 GMT+2> · :round_pushpin: Hall A · 1 of your posters',
    );
    const atEnd = texts(renderHome(input(plan, { now: new Date(MON_A.end!) })).blocks)[1];
    expect(atEnd).toMatch(/^\*Next up:\* \*Poster Session 3\* /);
  });

  it('on a dated catalog whose saved sessions have no times, says so', () => {
    const undated: Session = { id: 'u', name: 'Undated' };
    expect(texts(renderHome(input([poster('u', 'U', undated)])).blocks)[1]).toBe(
      '*Next up:* the sessions of your posters have no times yet.',
    );
  });
});

describe('renderHome: the reminders switch', () => {
  it('offers the opposite of the current state, with the value the click sets', () => {
    const plan = [poster('a', 'A', MON_A)];
    const settings = (remindersOn: boolean) =>
      renderHome(input(plan, { remindersOn })).blocks.find((b) => b.block_id === 'home_settings');
    const on = settings(true);
    expect(on?.type === 'actions' && on.elements[0]).toMatchObject({
      text: { text: 'Turn reminders off' },
      value: 'off',
    });
    const off = settings(false);
    expect(off?.type === 'actions' && off.elements[0]).toMatchObject({
      text: { text: 'Turn reminders on' },
      value: 'on',
    });
  });
});

describe('renderHome: paging boundaries', () => {
  it('fills a page to exactly 91 plan blocks (100 less the fixed 9), not one more', () => {
    // 12 pair days = 84 blocks for 24 posters, the tail day 2 + 1 = 87 for the 25th, then
    // 1 each: the 29th poster makes 91, the 30th would make 92.
    const view = renderHome(input(costedPlan(12, 10)));
    expect(pageLine(view.blocks)).toBe('Posters 1–29 of 34 · page 1 of 2');
    // Header, next up, 2 settings, divider; 91; the page line and its buttons.
    expect(view.blocks.length).toBe(98);
    const second = renderHome(input(costedPlan(12, 10), { page: 1 }));
    // The second page starts over with the day heading and the session line.
    expect(outline(second.blocks).slice(5, 8)).toEqual([
      'section#home_day_0: *<!date^1652428800^{date_long_pretty}|Friday, May 13>*',
      expect.stringMatching(/^section#home_session_0: \*Tail\* /),
      expect.stringMatching(/^section#home_poster_0: .*Tail 05/),
    ]);
    expect(pageLine(second.blocks)).toBe('Posters 30–34 of 34 · page 2 of 2');
  });

  it('takes an extra section and its divider off the budget', () => {
    // 5 extra blocks + their divider leave 85: 11 pair days = 77 for 22 posters, the tail
    // day 2 + 1 = 80, then 1 each up to 85 at the 28th poster.
    const extra: KnownBlock[] = Array.from({ length: 5 }, (_, i) => ({
      type: 'section',
      text: { type: 'mrkdwn', text: `organisers ${i}` },
    }));
    const view = renderHome(input(costedPlan(11, 10), { extra }));
    expect(pageLine(view.blocks)).toBe('Posters 1–28 of 32 · page 1 of 2');
    expect(view.blocks.length).toBe(5 + 85 + 2 + 6);
    // The extra section comes last, after a divider, and nothing is said left out.
    expect(outline(view.blocks).slice(-6)).toEqual([
      'divider#: (divider)',
      ...Array.from({ length: 5 }, (_, i) => `section#: organisers ${i}`),
    ]);
  });

  it('counts no day heading for undated sessions', () => {
    // 11 pair days = 77 for 22 posters, then sessions without times: line + poster, 2 each,
    // up to 91 at the 29th poster.
    const plan = [
      ...costedPlan(11, 0),
      ...Array.from({ length: 8 }, (_, i) =>
        poster(`u${i}`, `U ${i}`, { id: `u${i}`, name: `Undated ${i}` }),
      ),
    ];
    expect(pageLine(renderHome(input(plan)).blocks)).toBe('Posters 1–29 of 30 · page 1 of 2');
  });

  it('links each page to its neighbours', () => {
    const plan = costedPlan(40, 0); // 80 posters, 26 a page at most (13 days of 7 blocks)
    const middle = renderHome(input(plan, { page: 1 }));
    const nav = middle.blocks.at(-1);
    expect(nav).toMatchObject({
      type: 'actions',
      block_id: 'home_nav_1',
      elements: [
        { text: { text: '◂ Prev' }, action_id: ACTION_IDS.planHomePage, value: '0' },
        { text: { text: 'Next ▸' }, action_id: ACTION_IDS.planHomePage, value: '2' },
      ],
    });
    expect(pageLine(middle.blocks)).toBe(`Posters 27–52 of 80 · page 2 of ${middle.pages}`);
  });
});

describe('renderHome: an extra section that fits', () => {
  it('shows it whole below a divider, with no note', () => {
    const extra: KnownBlock[] = [{ type: 'section', text: { type: 'mrkdwn', text: 'organisers' } }];
    for (const posters of [[], [poster('a', 'A', MON_A)]]) {
      const lines = outline(renderHome(input(posters, { extra })).blocks);
      expect(lines.slice(-2)).toEqual(['divider#: (divider)', 'section#: organisers']);
    }
  });
});

describe('renderHome: nothing saved', () => {
  it('shows the whole help and says when no session is on or next', () => {
    const view = renderHome(input([], { onNow: [] }));
    expect(outline(view.blocks)).toEqual([
      'header#home_header: Your poster plan',
      'section#home_empty: Nothing saved yet. Press *Save* on any poster card (in `/poster` answers, mentions, the daily digest) and it appears here, grouped by day and session.',
      'section#home_help: ' +
        [
          '*What I can do*',
          '• `/poster vision transformer`: posters about a topic',
          '• `/poster author <name>`: a person’s posters',
          '• `/poster now` · `/poster next` · `/poster today`: what is on',
          '• `@poster …` in a channel: the same answers, in the thread',
          '• *Similar* on a card: posters like it, and more by the same people',
        ].join('\n'),
      'section#home_sessions: *On now:* no session.\n*Next:* no session.',
    ]);
  });

  it('lists at most three sessions, separated by semicolons, untimed ones without a time', () => {
    const untimed = (i: number): Session => ({ id: `x${i}`, name: `Untimed ${i}` });
    const view = renderHome(
      input([], { upNext: [1, 2, 3, 4].map((i) => ({ session: untimed(i), posters: i })) }),
    );
    expect(texts(view.blocks).at(-1)).toBe(
      '*On now:* no session.\n*Next:* Untimed 1, 1 posters; Untimed 2, 2 posters; Untimed 3, 3 posters',
    );
  });
});
