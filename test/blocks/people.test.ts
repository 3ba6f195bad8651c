import type { KnownBlock } from '@slack/types';
import { describe, expect, it } from 'vitest';
import { SLACK_LIMITS } from '../../src/blocks/limits.ts';
import { MAX_PEOPLE_SHOWN, type PersonChoice, renderPeople } from '../../src/blocks/people.ts';

const person = (i: number, posters = 2): PersonChoice => ({
  key: `key-${i}`,
  name: `Person ${i}`,
  posters,
});
const people = (n: number) => Array.from({ length: n }, (_, i) => person(i));

function lead(blocks: readonly KnownBlock[]): string {
  const first = blocks[0];
  return first?.type === 'section' ? (first.text?.text ?? '') : '';
}

function choices(blocks: readonly KnownBlock[]) {
  const actions = blocks.find((b) => b.type === 'actions');
  return actions?.type === 'actions' ? actions.elements : [];
}

describe('renderPeople, pick', () => {
  it('asks whose posters, with one button per person carrying their key', () => {
    const message = renderPeople('Li', [person(0, 1), person(1, 3)], 'pick');
    expect(lead(message.blocks)).toBe('2 people match ‘Li’. Whose posters do you want?');
    expect(message.text).toBe('2 people match ‘Li’');
    expect(choices(message.blocks)).toEqual([
      {
        type: 'button',
        text: { type: 'plain_text', text: 'Person 0 · 1 poster' },
        action_id: 'author_pick_0',
        value: 'key-0',
      },
      {
        type: 'button',
        text: { type: 'plain_text', text: 'Person 1 · 3 posters' },
        action_id: 'author_pick_1',
        value: 'key-1',
      },
    ]);
  });

  it('puts the first five in buttons and the rest in a menu', () => {
    const message = renderPeople('Wang', people(8), 'pick');
    const elements = choices(message.blocks);
    expect(elements.filter((e) => e.type === 'button').map((e) => 'value' in e && e.value)).toEqual(
      ['key-0', 'key-1', 'key-2', 'key-3', 'key-4'],
    );
    const menu = elements.at(-1);
    expect(menu?.type).toBe('static_select');
    if (menu?.type !== 'static_select') return;
    expect(menu.action_id).toBe('author_pick');
    expect(menu.placeholder?.text).toBe('3 more…');
    expect(menu.options?.map((o) => [o.text.text, o.value])).toEqual([
      ['Person 5 · 2 posters', 'key-5'],
      ['Person 6 · 2 posters', 'key-6'],
      ['Person 7 · 2 posters', 'key-7'],
    ]);
    expect(message.blocks.some((b) => b.type === 'context')).toBe(false);
  });

  it('has no menu for exactly five people', () => {
    const elements = choices(renderPeople('Wang', people(5), 'pick').blocks);
    expect(elements.map((e) => e.type)).toEqual(Array(5).fill('button'));
  });

  it('says how many more there are past the most it can offer', () => {
    const message = renderPeople('Wang', people(MAX_PEOPLE_SHOWN + 7), 'pick');
    expect(message.text).toBe(`${MAX_PEOPLE_SHOWN + 7} people match ‘Wang’`);
    const menu = choices(message.blocks).at(-1);
    expect(menu?.type === 'static_select' && menu.options?.length).toBe(SLACK_LIMITS.selectOptions);
    const context = message.blocks.at(-1);
    expect(context?.type === 'context' && context.elements[0]).toEqual({
      type: 'mrkdwn',
      text: '… and 7 more. Type a fuller name to narrow it down.',
    });
  });

  it('leaves out of the menu a person whose key is too long to send back, and cuts labels', () => {
    const long = { key: 'k'.repeat(SLACK_LIMITS.optionValue + 1), name: 'Too Long', posters: 1 };
    const edge = { key: 'e'.repeat(SLACK_LIMITS.optionValue), name: 'N'.repeat(100), posters: 1 };
    const menu = choices(renderPeople('x', [...people(5), long, edge], 'pick').blocks).at(-1);
    if (menu?.type !== 'static_select') throw new Error('no menu');
    expect(menu.options?.map((o) => o.value)).toEqual([edge.key]);
    expect(menu.options?.[0]?.text.text.length).toBeLessThanOrEqual(SLACK_LIMITS.optionText);
    expect(menu.options?.[0]?.text.text.endsWith('…')).toBe(true);
  });

  it('escapes the query it echoes and cuts it to 200 characters', () => {
    expect(renderPeople('<!channel>', people(2), 'pick').text).toBe(
      '2 people match ‘&lt;!channel&gt;’',
    );
    const text = renderPeople('q'.repeat(300), people(2), 'pick').text;
    expect(text).toContain('q'.repeat(190));
    expect(text).not.toContain('q'.repeat(201));
  });
});

describe('renderPeople, did you mean', () => {
  it('names the single near miss in bold, escaped', () => {
    const near = { key: 'k', name: 'Cho-Jui <Hsieh>', posters: 4 };
    const message = renderPeople('Hsiej', [near], 'did_you_mean');
    expect(lead(message.blocks)).toBe(
      'No author matches ‘Hsiej’. Did you mean *Cho-Jui &lt;Hsieh&gt;*?',
    );
    expect(message.text).toBe('No author matches ‘Hsiej’. Did you mean Cho-Jui &lt;Hsieh&gt;?');
    expect(choices(message.blocks)).toHaveLength(1);
  });

  it('lists several near misses as buttons, naming the closest in the notification', () => {
    const message = renderPeople('Smth', people(3), 'did_you_mean');
    expect(lead(message.blocks)).toBe('No author matches ‘Smth’. Did you mean:');
    expect(message.text).toBe('No author matches ‘Smth’. Did you mean Person 0?');
    expect(choices(message.blocks)).toHaveLength(3);
  });

  it('without any near miss: no buttons, no name', () => {
    const message = renderPeople('Zzz', [], 'did_you_mean');
    expect(message.text).toBe('No author matches ‘Zzz’');
    expect(message.blocks.some((b) => b.type === 'actions')).toBe(false);
  });
});
