import { describe, expect, it } from 'vitest';
import { renderAbstract, renderNoResults, renderShared } from '../../src/blocks/paper.ts';
import { renderResults } from '../../src/blocks/results.ts';
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
