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
