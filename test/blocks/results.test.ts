import type { KnownBlock } from '@slack/types';
import { describe, expect, it } from 'vitest';
import { SLACK_LIMITS } from '../../src/blocks/limits.ts';
import { renderAbstract, renderNoResults, renderShared } from '../../src/blocks/paper.ts';
import { blocksTextLength, fitMessage, renderResults } from '../../src/blocks/results.ts';
import { extremePaper, makePaper, SESSION_9 } from '../fixtures/papers.ts';
import { allText, controlSequences, slackLimitViolations } from '../helpers/slack-limits.ts';

const sessions = new Map([[SESSION_9.id, SESSION_9]]);

describe('renderResults', () => {
  it('heads the page with the range, the total and the query', () => {
    const items = ['a', 'b'].map((id) => ({ paper: makePaper({ id, title: id.toUpperCase() }) }));
    const message = renderResults({
      subject: 'for ‘vision transformer’',
      items,
      page: 1,
      pageSize: 2,
      total: 5,
      sessions,
      prevValue: 'prev',
      nextValue: 'next',
    });
    expect(message.text).toBe('Posters 3–4 of 5 for ‘vision transformer’');
    expect(message.blocks[0]).toEqual({
      type: 'section',
      // Not page 1's id: a replaced message gets block ids of its own.
      block_id: 'results_heading_p2',
      text: { type: 'mrkdwn', text: '*Posters 3–4 of 5 for ‘vision transformer’*' },
    });
    expect(message.blocks.at(-2)).toEqual({
      type: 'context',
      elements: [{ type: 'mrkdwn', text: 'Page 2 of 3' }],
    });
    expect(message.blocks.at(-1)).toEqual({
      type: 'actions',
      block_id: 'results_nav_p2',
      elements: [
        {
          type: 'button',
          text: { type: 'plain_text', text: '◂ Prev' },
          action_id: 'results_prev_page',
          value: 'prev',
        },
        {
          type: 'button',
          text: { type: 'plain_text', text: 'Next ▸' },
          action_id: 'results_next_page',
          value: 'next',
        },
      ],
    });
  });

  it('says "1 poster" without a range when everything fits', () => {
    const message = renderResults({
      subject: 'by Ueda',
      items: [{ paper: makePaper({ id: 'a', title: 'A' }) }],
      page: 0,
      pageSize: 5,
      total: 1,
      sessions,
    });
    expect(message.text).toBe('1 poster by Ueda');
  });

  it('stays inside every Slack limit with the most extreme papers, and escapes them', () => {
    const items = Array.from({ length: 10 }, (_, i) => ({
      paper: extremePaper(`p${i}`),
      snippet: [{ text: extremePaper('x').abstract, match: true }],
      boldAuthors: [59],
    }));
    const message = renderResults({
      subject: `for ‘${'<!channel> '.repeat(100)}’`,
      items,
      page: 0,
      pageSize: 10,
      total: 500,
      sessions,
      nextValue: 'x'.repeat(5000),
    });
    expect(slackLimitViolations(message)).toEqual([]);
    expect(controlSequences(allText(message))).toEqual([]);
    // The navigation survives even when cards had to be dropped to fit.
    expect(message.blocks.at(-1)?.block_id).toBe('results_nav');
  });
});

describe('renderAbstract', () => {
  it('shows the whole of a normal abstract', () => {
    const paper = makePaper({ id: 'a', title: 'T', abstract: 'We propose X. It works.' });
    expect(allText(renderAbstract(paper, sessions))).toContain('We propose X. It works.');
  });

  it('splits the longest abstract into sections inside the limits', () => {
    const message = renderAbstract(extremePaper('p'), sessions);
    expect(slackLimitViolations(message)).toEqual([]);
    expect(controlSequences(allText(message))).toEqual([]);
    expect(
      message.blocks.filter((b) => b.block_id?.startsWith('abstract_')).length,
    ).toBeGreaterThan(2);
  });
});

describe('renderShared', () => {
  it('names who shared it with a real mention, and nothing else pings', () => {
    const message = renderShared(extremePaper('p'), 'U123ABC', sessions);
    expect(controlSequences(allText(message))).toEqual(['<@U123ABC>', '<@U123ABC>']);
    expect(slackLimitViolations(message)).toEqual([]);
  });

  it('never turns an odd user id into markup', () => {
    expect(
      controlSequences(
        allText(renderShared(makePaper({ id: 'p', title: 't' }), '<!channel>', sessions)),
      ),
    ).toEqual([]);
  });
});

describe('renderNoResults', () => {
  it('echoes the escaped query and offers suggestions as buttons', () => {
    const message = renderNoResults('<!channel> tranfsormer', ['transformer']);
    expect(message.text).toBe('No posters match ‘&lt;!channel&gt; tranfsormer’.');
    expect(message.blocks[1]).toEqual({
      type: 'actions',
      block_id: 'no_results_suggestions',
      elements: [
        {
          type: 'button',
          text: { type: 'plain_text', text: 'transformer' },
          action_id: 'search_suggestion_0',
          value: 'transformer',
        },
      ],
    });
  });
});

describe('fitMessage', () => {
  const heading: KnownBlock = {
    type: 'section',
    block_id: 'results_heading',
    text: { type: 'mrkdwn', text: '*Posters*' },
  };
  /** A card as renderResults lays it out: a divider, then its blocks. */
  const card = (i: number, textLength = 10): KnownBlock[] => [
    { type: 'divider' },
    {
      type: 'section',
      block_id: `card_${i}`,
      text: { type: 'mrkdwn', text: `${i}`.padEnd(textLength, '.') },
    },
    {
      type: 'context',
      block_id: `card_${i}_meta`,
      elements: [{ type: 'mrkdwn', text: `meta ${i}` }],
    },
  ];
  const nav: KnownBlock[] = [
    { type: 'divider' },
    { type: 'context', elements: [{ type: 'mrkdwn', text: 'Page 1 of 9' }] },
    { type: 'actions', block_id: 'results_nav', elements: [] },
  ];
  const message = (cards: number, textLength?: number, withNav = true): KnownBlock[] => [
    heading,
    ...Array.from({ length: cards }, (_, i) => card(i, textLength)).flat(),
    ...(withNav ? nav : []),
  ];
  /** The card numbers left in a message, in order. */
  const cardsIn = (blocks: KnownBlock[]) =>
    blocks.flatMap((b) => (b.block_id?.match(/^card_(\d+)$/) ? [Number(b.block_id.slice(5))] : []));

  it('returns a message that fits as it is', () => {
    const blocks = message(8);
    expect(fitMessage(blocks)).toBe(blocks);
  });

  it('drops whole cards from the end until at most 50 blocks remain, keeping the navigation', () => {
    // 1 + 17 × 3 + 3 = 55 blocks; 15 cards make 49, 16 would make 52.
    const fitted = fitMessage(message(17));
    expect(fitted.length).toBe(49);
    expect(cardsIn(fitted)).toEqual([...Array(15).keys()]);
    expect(fitted[0]).toBe(heading);
    expect(fitted.slice(-3)).toEqual(nav);
    expect(fitted.slice(-6, -3)).toEqual(card(14));
  });

  it('drops cards until the text fits, and no more than needed', () => {
    const fitted = fitMessage(message(6, 2500));
    const kept = cardsIn(fitted).length;
    expect(blocksTextLength(fitted)).toBeLessThanOrEqual(SLACK_LIMITS.messageTotalText);
    expect(kept).toBeGreaterThan(0);
    // One more card would not have fitted.
    expect(blocksTextLength(message(kept + 1, 2500))).toBeGreaterThan(
      SLACK_LIMITS.messageTotalText,
    );
    expect(fitted).toEqual(message(kept, 2500));
  });

  it('fits a message without navigation the same way', () => {
    const fitted = fitMessage(message(17, 10, false));
    expect(fitted).toEqual(message(16, 10, false));
  });

  it('keeps the heading even when nothing else fits', () => {
    const huge: KnownBlock = {
      type: 'section',
      text: { type: 'mrkdwn', text: 'x'.repeat(12_000) },
    };
    expect(fitMessage([heading, { type: 'divider' }, huge, ...nav])).toEqual([heading, ...nav]);
    // A message is never emptied, even when its one block is too long.
    expect(fitMessage([huge])).toEqual([huge]);
  });
});
