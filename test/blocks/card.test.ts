import { describe, expect, it } from 'vitest';
import {
  CARD_LIMITS,
  renderAuthors,
  renderCard,
  renderLinks,
  renderMeta,
  renderSnippet,
  safeUrl,
} from '../../src/blocks/card.ts';
import { SLACK_LIMITS } from '../../src/blocks/limits.ts';
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

/** The text section of a card, as a user reads it. */
function cardText(blocks: ReturnType<typeof renderCard>): string {
  const section = blocks[0];
  return section?.type === 'section' ? (section.text?.text ?? '') : '';
}

function buttonLabels(blocks: ReturnType<typeof renderCard>): string[] {
  return blocks.flatMap((b) =>
    b.type === 'actions'
      ? b.elements.map((e) => (e.type === 'button' ? `${e.text.text}:${e.value}` : e.type))
      : [],
  );
}

describe('renderCard, what each part shows', () => {
  it('shows the title in bold without a link when the poster page is unknown or unsafe', () => {
    for (const posterUrl of [undefined, 'javascript:alert(1)']) {
      const blocks = renderCard(makePaper({ id: 'p', title: 'Plain', posterUrl }), {
        sessions,
        blockPrefix: 'c',
      });
      expect(cardText(blocks).split('\n')[0]).toBe('*Plain*');
    }
  });

  it('cuts a very long title with an ellipsis, and its block stays in one section', () => {
    const blocks = renderCard(makePaper({ id: 'p', title: 'word '.repeat(200) }), {
      sessions,
      blockPrefix: 'c',
    });
    const title = cardText(blocks).split('\n')[0] ?? '';
    expect(title.length).toBeLessThanOrEqual(CARD_LIMITS.title + 2);
    expect(title.length).toBeGreaterThan(CARD_LIMITS.title - 20);
    expect(title.endsWith('…*')).toBe(true);
  });

  it('offers Abstract, Share and Similar for the paper by default', () => {
    const labels = buttonLabels(
      renderCard(makePaper({ id: 'p7', title: 'T' }), { sessions, blockPrefix: 'c' }),
    );
    expect(labels).toEqual(expect.arrayContaining(['Abstract:p7', 'Share:p7', 'Similar:p7']));
  });

  it('shows Similar unless told not to, and Share only when asked', () => {
    const labels = buttonLabels(
      renderCard(makePaper({ id: 'p7', title: 'T' }), {
        sessions,
        blockPrefix: 'c',
        buttons: { abstract: false, share: false },
      }),
    );
    expect(labels).toContain('Similar:p7');
    expect(labels.some((l) => l.startsWith('Abstract') || l.startsWith('Share'))).toBe(false);
  });

  it('has no empty row of buttons and no links line when there is nothing to put in them', () => {
    const blocks = renderCard(makePaper({ id: 'p', title: 'T' }), {
      sessions,
      blockPrefix: 'c',
      buttons: { abstract: false, share: false, similar: false },
    });
    expect(blocks.some((b) => b.type === 'context')).toBe(false);
    for (const block of blocks) {
      if (block.type === 'actions') expect(block.elements.length).toBeGreaterThan(0);
    }
    expect(buttonLabels(blocks).some((l) => /^(Abstract|Share|Similar):/.test(l))).toBe(false);
  });

  it('names its blocks after the prefix, so two cards in a message never clash', () => {
    const blocks = renderCard(makePaper({ id: 'p', title: 'T' }), { sessions, blockPrefix: 'r_3' });
    expect(blocks[0]?.block_id).toBe('r_3_text');
    expect(blocks.find((b) => b.type === 'actions')?.block_id).toBe('r_3_actions');
  });

  it('keeps the whole card text inside a section even with many long parts', () => {
    const blocks = renderCard(
      makePaper({
        id: 'p',
        title: 'T'.repeat(400),
        authors: Array.from({ length: 20 }, (_, i) => `${'N'.repeat(100)}${i}`),
        award: 'A'.repeat(500),
      }),
      { sessions, blockPrefix: 'c', snippet: [{ text: 'x '.repeat(400), match: false }] },
    );
    expect(cardText(blocks).length).toBeLessThanOrEqual(SLACK_LIMITS.sectionText);
    expect(cardText(blocks).split('\n')).toHaveLength(4);
  });
});

describe('renderAuthors, more cases', () => {
  const six = ['A0', 'A1', 'A2', 'A3', 'A4', 'A5'];

  it('shows exactly six names without a "more" count', () => {
    expect(renderAuthors(six)).toBe('A0 · A1 · A2 · A3 · A4 · A5');
    expect(renderAuthors([...six, 'A6'])).toBe('A0 · A1 · A2 · A3 · A4 · A5 … +1 more');
  });

  it('shows several asked-for people in list order, and ignores indexes past the end', () => {
    const many = Array.from({ length: 12 }, (_, i) => `A${i}`);
    expect(renderAuthors(many, [11, 7])).toBe('A0 · A1 · A2 · A3 · *A7* · *A11* … +6 more');
    expect(renderAuthors(['A0', 'A1'], [5])).toBe('A0 · A1');
  });

  it('shows at most six names, the first six asked for, when more are asked for', () => {
    const many = Array.from({ length: 10 }, (_, i) => `A${i}`);
    expect(renderAuthors(many, [9, 8, 7, 6, 5, 4, 3])).toBe(
      '*A4* · *A5* · *A6* · *A7* · *A8* · *A9* … +4 more',
    );
  });

  it('cuts a very long name and escapes it', () => {
    const name = renderAuthors([`<b> ${'x'.repeat(200)}`]);
    expect(name.startsWith('&lt;b&gt;')).toBe(true);
    expect(name.length).toBeLessThan(CARD_LIMITS.authorName + 10);
    expect(name.endsWith('…')).toBe(true);
  });

  it('is empty for a paper without authors', () => {
    expect(renderAuthors([])).toBe('');
  });
});

describe('renderMeta, more cases', () => {
  it('shows an oral, an escaped award and every known session, skipping unknown ones', () => {
    const other = { id: 's2', name: 'Session <2>' };
    const all = new Map([
      [SESSION_9.id, SESSION_9],
      [other.id, other],
    ]);
    const paper = makePaper({
      id: 'x',
      title: 't',
      award: 'Best *Paper*',
      decision: 'Oral',
      sessionIds: [SESSION_9.id, 'gone', other.id],
    });
    expect(renderMeta(paper, all)).toBe(
      ':trophy: Best ∗Paper∗ · :microphone: Oral · :round_pushpin: Poster Session 9, Session &lt;2&gt;',
    );
  });

  it('cuts a very long line', () => {
    const meta = renderMeta(makePaper({ id: 'x', title: 't', award: 'w '.repeat(400) }), sessions);
    expect(meta.length).toBeLessThanOrEqual(CARD_LIMITS.metaLine);
    expect(meta.endsWith('…')).toBe(true);
  });
});

describe('renderSnippet', () => {
  it('italicises the snippet, bolds the matches and escapes the text', () => {
    expect(
      renderSnippet([
        { text: ' a <b> ', match: false },
        { text: 'match', match: true },
        { text: ' & end ', match: false },
      ]),
    ).toBe('_a &lt;b&gt; *match* &amp; end_');
  });

  it('is empty for an empty or blank snippet', () => {
    expect(renderSnippet([])).toBe('');
    expect(renderSnippet([{ text: '   ', match: false }])).toBe('');
  });

  it('stops at the snippet budget, cutting the part that crosses it', () => {
    const first = 'a'.repeat(300);
    const text = renderSnippet([
      { text: first, match: false },
      { text: 'bbbb '.repeat(20), match: true },
      { text: 'never shown', match: false },
    ]);
    expect(text).not.toContain('never shown');
    expect(text.startsWith(`_${first}b`)).toBe(true);
    expect(text.endsWith('…_')).toBe(true);
    expect(text.length).toBeLessThanOrEqual(CARD_LIMITS.snippet + 2);
  });

  it('keeps a part that ends exactly at the budget whole', () => {
    const exact = 'c'.repeat(CARD_LIMITS.snippet);
    expect(renderSnippet([{ text: exact, match: false }])).toBe(`_${exact}_`);
  });
});

describe('renderLinks', () => {
  it('links OpenReview and at most two code repositories, skipping unsafe ones', () => {
    const paper = makePaper({
      id: 'x',
      title: 't',
      forumUrl: 'https://openreview.net/forum?id=1',
      codeUrls: ['ftp://bad', 'https://github.com/a/b', 'https://github.com/c/d', 'https://x.y/3'],
    });
    expect(renderLinks(paper)).toBe(
      '<https://openreview.net/forum?id=1|OpenReview> · <https://github.com/a/b|Code> · <https://github.com/c/d|Code 2>',
    );
  });

  it('shows code links without a forum, and nothing without links', () => {
    expect(renderLinks(makePaper({ id: 'x', title: 't', codeUrls: ['https://g.io/r'] }))).toBe(
      '<https://g.io/r|Code>',
    );
    expect(renderLinks(makePaper({ id: 'x', title: 't' }))).toBe('');
  });
});

describe('safeUrl, more cases', () => {
  it.each([
    ['HTTP://X.ORG/A', 'HTTP://X.ORG/A'],
    ['http://x.org', 'http://x.org'],
    ['https://x.org/a b', ''],
    ['https://', ''],
    [' https://x.org', ''],
    ['', ''],
  ])('%s → %s', (url, expected) => expect(safeUrl(url)).toBe(expected));

  it('refuses a URL longer than a button URL may be', () => {
    const base = 'https://x.org/';
    expect(safeUrl(base + 'a'.repeat(SLACK_LIMITS.buttonUrl - base.length))).not.toBe('');
    expect(safeUrl(base + 'a'.repeat(SLACK_LIMITS.buttonUrl - base.length + 1))).toBe('');
  });
});
