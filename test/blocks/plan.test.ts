import type { KnownBlock } from '@slack/types';
import { describe, expect, it } from 'vitest';
import { renderCard } from '../../src/blocks/card.ts';
import { ACTION_IDS } from '../../src/blocks/ids.ts';
import {
  decodeToggle,
  encodeToggle,
  personaliseCards,
  renderSaveConfirmation,
  savablePaperIds,
} from '../../src/blocks/plan.ts';
import { makePaper } from '../fixtures/papers.ts';

const sessions = new Map();
const linked = makePaper({ id: 'p1', title: 'Linked', forumUrl: 'https://openreview.net/x' });
const plain = makePaper({ id: 'p2', title: 'Plain' });
const message = {
  text: 'two cards',
  blocks: [
    ...renderCard(linked, { sessions, blockPrefix: 'c0' }),
    ...renderCard(plain, { sessions, blockPrefix: 'c1' }),
  ],
};

const buttons = (blocks: readonly KnownBlock[]) =>
  blocks.flatMap((b) =>
    b.type === 'actions'
      ? b.elements.flatMap((e) => (e.type === 'button' ? [e.text.text] : []))
      : [],
  );
const contexts = (blocks: readonly KnownBlock[]) =>
  blocks.flatMap((b) =>
    b.type === 'context' ? [b.elements.map((e) => ('text' in e ? e.text : '')).join(' | ')] : [],
  );

describe('Save button values', () => {
  it.each([
    [{ paperId: 'abc' }, 'abc'],
    [{ paperId: 'iclr:12' }, 'iclr:12'],
    [
      { paperId: 'abc', redraw: { actionId: 'results_next_page', value: '{"k":"s"}' } },
      '{"p":"abc","a":"results_next_page","v":"{\\"k\\":\\"s\\"}"}',
    ],
    [{ paperId: 'abc', confirmation: true }, '{"p":"abc","c":1}'],
  ])('%j round-trips as %s', (value, encoded) => {
    expect(encodeToggle(value)).toBe(encoded);
    expect(decodeToggle(encoded)).toEqual(value);
  });

  it.each(['', '   ', '{"p":', '{"p":1}', '{"p":""}'])('refuses %j', (value) => {
    expect(decodeToggle(value)).toBeUndefined();
  });

  it('falls back to the bare id when the redraw would not fit a value', () => {
    const value = { paperId: 'abc', redraw: { actionId: 'x', value: 'y'.repeat(2100) } };
    expect(encodeToggle(value)).toBe('abc');
  });
});

describe('personaliseCards', () => {
  it('finds the paper of every Save button', () => {
    expect(savablePaperIds(message.blocks)).toEqual(['p1', 'p2']);
  });

  it('marks what the viewer saved', () => {
    const marked = personaliseCards(message, {
      canSave: true,
      saved: new Set(['p2']),
      saveCounts: new Map(),
    });
    expect(buttons(marked.blocks)).toEqual([
      'Abstract',
      'Share',
      'Similar',
      'Save',
      'Abstract',
      'Share',
      'Similar',
      'Saved ✓',
    ]);
    expect(marked.blocks).toHaveLength(message.blocks.length);
  });

  it('shows saves from five people up, never fewer, without adding blocks per card', () => {
    const marked = personaliseCards(message, {
      canSave: true,
      saved: new Set(),
      saveCounts: new Map([
        ['p1', 12],
        ['p2', 5],
      ]),
    });
    // p1 has a links line: the count joins it. p2 has none: the count takes its place.
    expect(contexts(marked.blocks)).toEqual([
      '<https://openreview.net/x|OpenReview> | :fire: 12 saves',
      ':fire: 5 saves',
    ]);
    expect(marked.blocks.length).toBe(message.blocks.length + 1);
    expect(marked.blocks.filter((b) => b.type !== 'context').length).toBe(
      message.blocks.filter((b) => b.type !== 'context').length,
    );
    const four = personaliseCards(message, {
      canSave: true,
      saved: new Set(),
      saveCounts: new Map([
        ['p1', 4],
        ['p2', 1],
      ]),
    });
    expect(JSON.stringify(four.blocks)).not.toContain('saves');
  });

  it('takes the Save buttons off where nothing can be saved, and an actions block left empty', () => {
    const neighbour: KnownBlock[] = [
      { type: 'section', text: { type: 'mrkdwn', text: 'a neighbour' } },
      ...renderCard(plain, {
        sessions,
        blockPrefix: 'n',
        buttons: { abstract: false, share: false, similar: false },
      }),
    ];
    const none = { canSave: false, saved: new Set<string>(), saveCounts: new Map([['p2', 9]]) };
    expect(buttons(personaliseCards(message, none).blocks)).toEqual([
      'Abstract',
      'Share',
      'Similar',
      'Abstract',
      'Share',
      'Similar',
    ]);
    const stripped = personaliseCards({ text: '', blocks: neighbour }, none).blocks;
    expect(stripped.some((b) => b.type === 'actions')).toBe(false);
    expect(JSON.stringify(stripped)).not.toContain('saves');
  });
});

describe('renderSaveConfirmation', () => {
  it('names the poster, escaped, with Undo that redraws the note', () => {
    const paper = makePaper({ id: 'p9', title: '<!channel> & friends' });
    const saved = renderSaveConfirmation(paper, true);
    expect(saved.text).toBe(
      ':white_check_mark: Saved “&lt;!channel&gt; &amp; friends” to your plan. It is in my Home tab.',
    );
    expect(saved.blocks[0]).toMatchObject({
      accessory: {
        text: { text: 'Undo' },
        action_id: ACTION_IDS.planToggle,
        value: '{"p":"p9","c":1}',
      },
    });
    const removed = renderSaveConfirmation(paper, false);
    expect(removed.text).toBe('Removed “&lt;!channel&gt; &amp; friends” from your plan.');
    expect(removed.blocks[0]).toMatchObject({ accessory: { text: { text: 'Save again' } } });
  });
});
