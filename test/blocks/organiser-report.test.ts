/** The organisers' report as Home tab blocks; its budget and escaping: test/bot/organisers.test.ts. */
import { describe, expect, it } from 'vitest';
import { ACTION_IDS } from '../../src/blocks/ids.ts';
import { renderOrganiserReport } from '../../src/blocks/organiser-report.ts';
import { EMPTY_REPORT as EMPTY } from '../fixtures/stats-report.ts';

const day = (d: string, queries: number, foundNothing: number, clicks: number) => ({
  day: d,
  queries,
  foundNothing,
  clicks,
  reminders: 0,
  digests: 0,
});

describe('renderOrganiserReport', () => {
  it('shows the totals, each list numbered, the alias lines and a Download CSV button', () => {
    const blocks = renderOrganiserReport({
      ...EMPTY,
      since: '2026-12-01',
      withheld: 4,
      topQueries: [
        { query: 'vision transformer', asked: 12, people: 5, results: 30 },
        { query: 'nerf', asked: 7, people: 4, results: 0 },
      ],
      zeroResults: [
        { query: 'nerf', asked: 7, people: 4, findsNow: 9, nearest: 'neural' },
        { query: 'gflownet', asked: 5, people: 3, nearest: 'flow network' },
        { query: 'xyzzy', asked: 3, people: 3 },
      ],
      aliasSuggestions: [{ query: 'nerf', means: 'neural radiance field' }],
      savedPosters: [
        { id: 'p1', title: 'EViT: Expediting *Vision* Transformers', saves: 8 },
        { id: 'p2', title: 'Graphs & Molecules', saves: 2 },
      ],
      savedSessions: [{ id: 's9', name: 'Poster Session 9', saves: 6 }],
      days: [day('2026-12-01', 40, 3, 10), day('2026-12-02', 25, 2, 5)],
    });
    const section = (text: string) => ({ type: 'section', text: { type: 'mrkdwn', text } });
    expect(blocks).toEqual([
      {
        type: 'header',
        text: { type: 'plain_text', text: 'For organisers: what attendees look for' },
      },
      {
        type: 'context',
        elements: [
          {
            type: 'mrkdwn',
            text: 'since 2026-12-01, to 2026-12-04 · 65 searches, 5 found nothing, 15 clicks · a query shows once 3 different people asked it (4 not shown)',
          },
        ],
      },
      section('*Top searches*\n1. ‘vision transformer’ ×12 · 30 found\n2. ‘nerf’ ×7 · 0 found'),
      section(
        [
          '*Found nothing*',
          '1. ‘nerf’ ×7 · finds 9 now',
          '2. ‘gflownet’ ×5 · nearest: ‘flow network’',
          '3. ‘xyzzy’ ×3',
        ].join('\n'),
      ),
      section(
        '*Most saved posters*\n1. EViT: Expediting ∗Vision∗ Transformers · 8\n2. Graphs &amp; Molecules · 2',
      ),
      section('*Most saved sessions*\n1. Poster Session 9 · 6'),
      section('*Suggested lines for aliases.csv*\n1. `nerf,neural radiance field`'),
      {
        type: 'actions',
        block_id: 'organiser_report',
        elements: [
          {
            type: 'button',
            text: { type: 'plain_text', text: 'Download CSV' },
            action_id: ACTION_IDS.organiserCsv,
            value: '2026-12-01',
          },
        ],
      },
    ]);
  });

  it('says “none yet” for each empty list and offers no alias lines when there are none', () => {
    const blocks = renderOrganiserReport(EMPTY);
    const texts = blocks.map((b) => (b.type === 'section' ? b.text?.text : b.type));
    expect(texts).toEqual([
      'header',
      'context',
      '*Top searches*\nnone yet',
      '*Found nothing*\nnone yet',
      '*Most saved posters*\nnone yet',
      '*Most saved sessions*\nnone yet',
      'actions',
    ]);
  });

  it('counts every day kept when no first day is set, and exports them all', () => {
    const blocks = renderOrganiserReport({ ...EMPTY, days: [day('2026-11-30', 1, 0, 0)] });
    const context = blocks[1];
    expect(context?.type === 'context' && context.elements[0]).toMatchObject({
      text: expect.stringMatching(/^all days kept, to 2026-12-04 · 1 searches, 0 found nothing/),
    });
    const actions = blocks.at(-1);
    expect(actions?.type === 'actions' && actions.elements[0]).toMatchObject({
      action_id: ACTION_IDS.organiserCsv,
      value: '',
    });
  });
});
