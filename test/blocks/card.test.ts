import { describe, expect, it } from 'vitest';
import { renderAuthors, renderCard, renderMeta, safeUrl } from '../../src/blocks/card.ts';
import { makePaper, SESSION_9 } from '../fixtures/papers.ts';

const sessions = new Map([[SESSION_9.id, SESSION_9]]);

describe('renderCard', () => {
  it('renders title link, authors, badges, session, snippet, links and buttons', () => {
    const paper = makePaper({
      id: 'p1',
      title: 'EViT: Expediting Vision Transformers',
      authors: ['Youwei Liang', 'Chongjian Ge'],
      award: 'Outstanding Paper',
      decision: 'Spotlight',
      sessionIds: [SESSION_9.id],
      posterUrl: 'https://iclr.cc/virtual/2022/poster/1',
      forumUrl: 'https://openreview.net/forum?id=BjyvwnXXVn_',
      codeUrls: ['https://github.com/youweiliang/evit'],
    });
    const blocks = renderCard(paper, {
      sessions,
      blockPrefix: 'card_0',
      snippet: [
        { text: 'Vision ', match: false },
        { text: 'Transformers', match: true },
        { text: ' take all the image patches', match: false },
      ],
    });
    expect(blocks).toEqual([
      {
        type: 'section',
        block_id: 'card_0_text',
        text: {
          type: 'mrkdwn',
          text: [
            '*<https://iclr.cc/virtual/2022/poster/1|EViT: Expediting Vision Transformers>*',
            'Youwei Liang · Chongjian Ge',
            ':trophy: Outstanding Paper · :flashlight: Spotlight · :round_pushpin: Poster Session 9',
            '_Vision *Transformers* take all the image patches_',
          ].join('\n'),
        },
      },
      {
        type: 'context',
        elements: [
          {
            type: 'mrkdwn',
            text: '<https://openreview.net/forum?id=BjyvwnXXVn_|OpenReview> · <https://github.com/youweiliang/evit|Code>',
          },
        ],
      },
      {
        type: 'actions',
        block_id: 'card_0_actions',
        elements: [
          {
            type: 'button',
            text: { type: 'plain_text', text: 'Abstract' },
            action_id: 'paper_show_abstract',
            value: 'p1',
            accessibility_label: 'Abstract of EViT: Expediting Vision Transformers',
          },
          {
            type: 'button',
            text: { type: 'plain_text', text: 'Share' },
            action_id: 'paper_share',
            value: 'p1',
            accessibility_label: 'Share EViT: Expediting Vision Transformers with the channel',
          },
          {
            type: 'button',
            text: { type: 'plain_text', text: 'Similar' },
            action_id: 'similar_show',
            value: 'p1',
            accessibility_label: 'Posters similar to EViT: Expediting Vision Transformers',
          },
          {
            type: 'button',
            text: { type: 'plain_text', text: 'Save' },
            action_id: 'plan_toggle',
            value: 'p1',
            accessibility_label: 'Save EViT: Expediting Vision Transformers to your plan',
          },
        ],
      },
    ]);
  });

  it('leaves the Similar and Save buttons out when asked to', () => {
    const paper = makePaper({ id: 'p1', title: 'T' });
    const blocks = renderCard(paper, {
      sessions,
      blockPrefix: 'c',
      buttons: { abstract: true, share: false, similar: false, save: false },
    });
    const actions = blocks.find((b) => b.type === 'actions');
    const ids = actions?.type === 'actions' ? actions.elements.map((e) => JSON.stringify(e)) : [];
    expect(ids).toHaveLength(1);
    expect(ids[0]).toContain('paper_show_abstract');
  });

  it('escapes data that looks like Slack markup', () => {
    const paper = makePaper({ id: 'x', title: '<!channel> & <@U1>', authors: ['<!here>'] });
    const text = JSON.stringify(renderCard(paper, { sessions, blockPrefix: 'c' }));
    expect(text).not.toContain('<!channel>');
    expect(text).not.toContain('<!here>');
    expect(text).toContain('&lt;!channel&gt; &amp; &lt;@U1&gt;');
  });
});

describe('renderAuthors', () => {
  const many = Array.from({ length: 12 }, (_, i) => `A${i}`);
  it.each([
    [['Solo Author'], [], 'Solo Author'],
    [many, [], 'A0 · A1 · A2 · A3 · A4 · A5 … +6 more'],
    [many, [10], 'A0 · A1 · A2 · A3 · A4 · *A10* … +6 more'],
  ])('%j bold %j', (authors, bold, expected) => {
    expect(renderAuthors(authors, bold)).toBe(expected);
  });
});

describe('renderMeta', () => {
  it('is empty for a plain poster without session', () => {
    expect(renderMeta(makePaper({ id: 'x', title: 't', decision: 'Poster' }), sessions)).toBe('');
  });
});

describe('safeUrl', () => {
  it.each([
    ['https://openreview.net/forum?id=1', 'https://openreview.net/forum?id=1'],
    ['https://x.org/a|b>c', 'https://x.org/a%7Cb%3Ec'],
    ['https://x.org/?a=1&b=2', 'https://x.org/?a=1&amp;b=2'],
    ['javascript:alert(1)', ''],
    ['ftp://x', ''],
    [undefined, ''],
  ])('%s → %s', (url, expected) => expect(safeUrl(url)).toBe(expected));
});
