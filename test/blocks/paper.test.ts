import { describe, expect, it } from 'vitest';
import { escapeMrkdwn } from '../../src/blocks/escape.ts';
import { SLACK_LIMITS } from '../../src/blocks/limits.ts';
import type { SlackMessage } from '../../src/blocks/message.ts';
import {
  chunkText,
  MAX_ABSTRACT,
  renderAbstract,
  renderNoResults,
  renderNothingAbout,
  renderNotice,
  renderShared,
} from '../../src/blocks/paper.ts';
import { extremePaper, makePaper, SESSION_9 } from '../fixtures/papers.ts';

describe('chunkText', () => {
  it('keeps text that fits in one chunk, and nothing in none', () => {
    expect(chunkText('short enough', 12)).toEqual(['short enough']);
    expect(chunkText('', 10)).toEqual([]);
  });

  it('cuts at the last paragraph break within the size, then at the last space', () => {
    expect(chunkText('para one.\npara two is here', 15)).toEqual([
      'para one.',
      'para two is',
      'here',
    ]);
    expect(chunkText('alpha beta gamma delta', 12)).toEqual(['alpha beta', 'gamma delta']);
  });

  it('prefers a paragraph break to a later space, when it is past half the size', () => {
    expect(chunkText('first line\nsecond part of it', 16)).toEqual([
      'first line',
      'second part of',
      'it',
    ]);
  });

  it('leaves text of exactly the size whole', () => {
    expect(chunkText('alpha beta', 10)).toEqual(['alpha beta']);
  });

  it('takes a break at exactly half the size, not one before it', () => {
    // size 10: a break at 5 is taken, one at 4 cuts the word at 10 instead.
    expect(chunkText('abcde\nfghijklmn', 10)).toEqual(['abcde', 'fghijklmn']);
    expect(chunkText('abcde fghijklmn', 10)).toEqual(['abcde', 'fghijklmn']);
    expect(chunkText('abcd\nefghijklmn', 10)).toEqual(['abcd\nefghi', 'jklmn']);
    expect(chunkText('abcd efghijklmn', 10)).toEqual(['abcd efghi', 'jklmn']);
  });

  it('drops the blanks on both sides of a cut', () => {
    expect(chunkText('abcde   fghij', 10)).toEqual(['abcde', 'fghij']);
  });

  it('cuts at exactly the size when the only break is in the first half', () => {
    expect(chunkText('ab cdefghijklmnop', 10)).toEqual(['ab cdefghi', 'jklmnop']);
    expect(chunkText('x'.repeat(25), 10)).toEqual(['x'.repeat(10), 'x'.repeat(10), 'x'.repeat(5)]);
  });

  it('never ends a chunk inside an escape entity', () => {
    expect(chunkText(`${'x'.repeat(8)}&amp;${'y'.repeat(5)}`, 10)).toEqual([
      'x'.repeat(8),
      `&amp;${'y'.repeat(5)}`,
    ]);
  });

  it('splits the longest abstract into chunks within the size that lose no word', () => {
    const text = escapeMrkdwn(extremePaper('p').abstract);
    const chunks = chunkText(text, 2900);
    expect(chunks.length).toBeGreaterThan(2);
    for (const chunk of chunks) {
      expect(chunk.length).toBeGreaterThan(0);
      expect(chunk.length).toBeLessThanOrEqual(2900);
    }
    const words = (s: string) => s.split(/\s+/).filter(Boolean);
    expect(chunks.flatMap(words).join(' ')).toBe(words(text).join(' '));
  });
});

const sessions = new Map([[SESSION_9.id, SESSION_9]]);

/** The buttons of a message as "text → action_id:value", in order. */
function buttons(message: SlackMessage): string[] {
  return message.blocks.flatMap((b) =>
    b.type === 'actions'
      ? b.elements.map((e) =>
          e.type === 'button' ? `${e.text.text} → ${e.action_id}:${e.value}` : e.type,
        )
      : [],
  );
}

function sectionTexts(message: SlackMessage): string[] {
  return message.blocks.flatMap((b) => (b.type === 'section' && b.text ? [b.text.text] : []));
}

function contextTexts(message: SlackMessage): string[] {
  return message.blocks.flatMap((b) =>
    b.type === 'context' ? b.elements.map((e) => ('text' in e ? e.text : '')) : [],
  );
}

describe('renderAbstract', () => {
  const paper = makePaper({
    id: 'p1',
    title: 'Fast *Attention* <!here>',
    authors: ['Ada Lovelace', 'Alan Turing'],
    abstract: '  We propose <b> & more.  ',
    decision: 'Spotlight',
    sessionIds: [SESSION_9.id],
    posterUrl: 'https://iclr.cc/virtual/2022/poster/1',
    forumUrl: 'https://openreview.net/forum?id=abc',
  });

  it('heads the abstract with the linked title, the authors and the session', () => {
    const [heading] = sectionTexts(renderAbstract(paper, sessions));
    expect(heading).toBe(
      [
        '*<https://iclr.cc/virtual/2022/poster/1|Fast ∗Attention∗ &lt;!here&gt;>*',
        'Ada Lovelace · Alan Turing',
        ':flashlight: Spotlight · :round_pushpin: Poster Session 9',
      ].join('\n'),
    );
  });

  it('leaves out heading lines it has nothing for', () => {
    const plain = makePaper({ id: 'p2', title: 'Plain', authors: [], abstract: 'Text.' });
    expect(sectionTexts(renderAbstract(plain, sessions))[0]).toBe('*Plain*');
  });

  it('shows the abstract trimmed and escaped, under the heading', () => {
    const message = renderAbstract(paper, sessions);
    expect(sectionTexts(message)[1]).toBe('We propose &lt;b&gt; &amp; more.');
    expect(message.blocks[1]?.block_id).toBe('abstract_0');
  });

  it('says so when there is no abstract, also when it is only blanks', () => {
    for (const abstract of ['', '   \n ']) {
      const message = renderAbstract(makePaper({ id: 'p', title: 'T', abstract }), sessions);
      expect(sectionTexts(message)[1]).toBe('No abstract is available for this poster.');
    }
  });

  it('cuts a very long abstract to the longest shown, with an ellipsis', () => {
    const long = makePaper({ id: 'p', title: 'T', abstract: 'word '.repeat(3000) });
    const shown = sectionTexts(renderAbstract(long, sessions)).slice(1).join(' ');
    expect(shown.length).toBeLessThanOrEqual(MAX_ABSTRACT);
    expect(shown.length).toBeGreaterThan(MAX_ABSTRACT - 20);
    expect(shown.endsWith('…')).toBe(true);
  });

  it('links OpenReview and offers Share, Similar and Save for this paper', () => {
    const message = renderAbstract(paper, sessions);
    expect(contextTexts(message)).toEqual(['<https://openreview.net/forum?id=abc|OpenReview>']);
    // Save redraws this abstract when clicked (paper_show_abstract with the paper's id).
    expect(buttons(message)).toEqual([
      'Share → paper_share:p1',
      'Similar → similar_show:p1',
      'Save → plan_toggle:{"p":"p1","a":"paper_show_abstract","v":"p1"}',
    ]);
  });

  it('offers no Share where the abstract is shown to one person only', () => {
    expect(buttons(renderAbstract(paper, sessions, { share: false }))).toEqual([
      'Similar → similar_show:p1',
      'Save → plan_toggle:{"p":"p1","a":"paper_show_abstract","v":"p1"}',
    ]);
  });

  it('gives each part of a long abstract its own section, in order', () => {
    const words = Array.from({ length: 1200 }, (_, i) => `w${i}`).join(' ');
    const message = renderAbstract(makePaper({ id: 'p', title: 'T', abstract: words }), sessions);
    const parts = message.blocks.filter(
      (b) => b.block_id?.startsWith('abstract_') && b.type === 'section',
    );
    // Slack rejects a message whose block ids repeat.
    expect(parts.map((b) => b.block_id)).toEqual([
      'abstract_heading',
      'abstract_0',
      'abstract_1',
      'abstract_2',
    ]);
    const shown = sectionTexts(message).slice(1);
    for (const text of shown) expect(text.length).toBeLessThanOrEqual(2900);
    expect(shown.join(' ')).toBe(words);
    expect(message.blocks.at(-1)?.block_id).toBe('abstract_actions');
  });

  it('keeps the heading and the notification within Slack’s limits, after escaping', () => {
    // Each line is cut before escaping, so `&` and `<` can grow the heading past 3000.
    const marks = makePaper({
      id: 'p',
      title: '&'.repeat(400),
      authors: Array.from({ length: 6 }, () => '<'.repeat(100)),
    });
    const [heading] = sectionTexts(renderAbstract(marks, sessions));
    expect(heading?.length).toBeLessThanOrEqual(SLACK_LIMITS.sectionText);
    expect(heading?.length).toBeGreaterThan(SLACK_LIMITS.sectionText - 100);
    expect(heading?.endsWith('…')).toBe(true);
    const long = makePaper({ id: 'p', title: 'Title '.repeat(1000) });
    expect(renderAbstract(long, sessions).text.length).toBeLessThanOrEqual(
      SLACK_LIMITS.fallbackText,
    );
    expect(renderAbstract(long, sessions).text.endsWith('…')).toBe(true);
  });

  it('has no links line when the paper has no links', () => {
    const message = renderAbstract(makePaper({ id: 'p', title: 'T' }), sessions);
    expect(message.blocks.some((b) => b.type === 'context')).toBe(false);
  });

  it('names the paper, escaped, in the notification text', () => {
    expect(renderAbstract(paper, sessions).text).toBe('Abstract: Fast ∗Attention∗ &lt;!here&gt;');
  });
});

describe('renderShared', () => {
  const paper = makePaper({ id: 'p9', title: 'Shared <b>', sessionIds: [SESSION_9.id] });

  it('says who shared it above the card, and in the notification', () => {
    const message = renderShared(paper, 'U123ABC', sessions);
    expect(contextTexts(message)[0]).toBe(':bookmark: <@U123ABC> shared a poster');
    expect(message.text).toBe('<@U123ABC> shared a poster: Shared &lt;b&gt;');
    expect(sectionTexts(message)[0]).toContain('*Shared &lt;b&gt;*');
    expect(sectionTexts(message)[0]).toContain('Poster Session 9');
  });

  it('mentions workspace-wide users too, and writes out a name that is no user id', () => {
    expect(renderShared(paper, 'W0AB12', sessions).text).toMatch(/^<@W0AB12> shared/);
    expect(renderShared(paper, 'Ada', sessions).text).toMatch(/^Ada shared a poster/);
    expect(renderShared(paper, 'u123abc', sessions).text).toMatch(/^u123abc shared/);
    expect(renderShared(paper, 'U1', sessions).text).toMatch(/^U1 shared/);
    expect(renderShared(paper, 'xU123ABC', sessions).text).toMatch(/^xU123ABC shared/);
    expect(renderShared(paper, 'U123ABC!', sessions).text).toMatch(/^U123ABC! shared/);
  });

  it('keeps the notification of a very long title within Slack’s limit', () => {
    const long = makePaper({ id: 'p', title: 'Title '.repeat(1000) });
    const { text } = renderShared(long, 'U123ABC', sessions);
    expect(text.length).toBeLessThanOrEqual(SLACK_LIMITS.fallbackText);
    expect(text).toMatch(/^<@U123ABC> shared a poster: Title Title .*…$/);
  });

  it('names the card’s blocks apart from a results card of the same paper', () => {
    const ids = renderShared(paper, 'U123ABC', sessions).blocks.flatMap((b) => b.block_id ?? []);
    expect(ids).toEqual(['shared_text', 'shared_actions']);
  });

  it('offers the abstract but no second Share on a card already shared', () => {
    const labels = buttons(renderShared(paper, 'U123ABC', sessions));
    expect(labels).toContain('Abstract → paper_show_abstract:p9');
    expect(labels.some((l) => l.startsWith('Share'))).toBe(false);
  });
});

describe('renderNoResults', () => {
  it('without suggestions: the headline and the tip, no buttons', () => {
    const message = renderNoResults('zzz', []);
    expect(message.text).toBe('No posters match ‘zzz’.');
    expect(sectionTexts(message)).toEqual(['No posters match ‘zzz’.']);
    expect(buttons(message)).toEqual([]);
    // No empty actions block: Slack rejects one.
    expect(message.blocks.map((b) => b.type)).toEqual(['section', 'context']);
    expect(contextTexts(message)).toEqual([
      'Try fewer or more general words, an author’s surname, or `/poster help`.',
    ]);
  });

  it('asks "Did you mean" and offers at most five suggestions, in order', () => {
    const message = renderNoResults('x', ['a', 'b', 'c', 'd', 'e', 'f']);
    expect(sectionTexts(message)).toEqual(['No posters match ‘x’. Did you mean:']);
    expect(buttons(message)).toEqual([
      'a → search_suggestion_0:a',
      'b → search_suggestion_1:b',
      'c → search_suggestion_2:c',
      'd → search_suggestion_3:d',
      'e → search_suggestion_4:e',
    ]);
  });

  it('names its blocks for the no-results reply', () => {
    const message = renderNoResults('x', ['a']);
    expect(message.blocks.map((b) => b.block_id)).toEqual([
      'no_results',
      'no_results_suggestions',
      undefined,
    ]);
  });

  it('echoes at most 200 characters of a long query', () => {
    const message = renderNoResults('q'.repeat(500), []);
    expect(message.text.length).toBeLessThan(230);
    expect(message.text).toContain(`${'q'.repeat(190)}`);
    expect(message.text).toContain('…’.');
  });
});

describe('renderNothingAbout', () => {
  it('says no poster is about the query and points to the author search', () => {
    const message = renderNothingAbout('<!here> federated', ['federation']);
    expect(message.text).toBe('No poster about ‘&lt;!here&gt; federated’.');
    expect(sectionTexts(message)).toEqual([
      'No poster about ‘&lt;!here&gt; federated’. Did you mean:',
    ]);
    expect(message.blocks[0]?.block_id).toBe('nothing_about');
    expect(message.blocks[1]?.block_id).toBe('nothing_about_suggestions');
    expect(buttons(message)).toEqual(['federation → search_suggestion_0:federation']);
    expect(contextTexts(message)).toEqual([
      'Looking for a person? `/poster author &lt;!here&gt; federated` searches the authors.',
    ]);
  });
});

describe('every view', () => {
  const paper = makePaper({
    id: 'p1',
    title: 'T',
    abstract: 'A.',
    sessionIds: [SESSION_9.id],
    forumUrl: 'https://openreview.net/forum?id=abc',
  });

  // Each message is built inside its test, where mutation testing sees the building.
  it.each([
    ['abstract', () => renderAbstract(paper, sessions)],
    ['shared', () => renderShared(paper, 'U123ABC', sessions)],
    ['no results', () => renderNoResults('x', ['y'])],
    ['nothing about', () => renderNothingAbout('x', ['y'])],
    ['notice', () => renderNotice('Saved.')],
  ])('writes its %s texts as mrkdwn, so that links, bold and mentions render', (_, render) => {
    const message = render();
    const texts = message.blocks.flatMap((b) =>
      b.type === 'section' && b.text
        ? [b.text]
        : b.type === 'context'
          ? b.elements.filter((e) => 'text' in e)
          : [],
    );
    expect(texts.length).toBeGreaterThan(0);
    for (const text of texts) expect(text.type).toBe('mrkdwn');
  });
});

describe('renderNotice', () => {
  it('shows the text escaped as one section, also as the notification', () => {
    const message = renderNotice('Nothing <!channel> & co.');
    expect(message.text).toBe('Nothing &lt;!channel&gt; &amp; co.');
    expect(sectionTexts(message)).toEqual([message.text]);
    expect(message.blocks).toHaveLength(1);
  });

  it('cuts a long text well inside the section limit', () => {
    const message = renderNotice('word '.repeat(2000));
    expect(message.text.length).toBeLessThanOrEqual(SLACK_LIMITS.sectionText - 100);
    expect(message.text.length).toBeGreaterThan(SLACK_LIMITS.sectionText - 130);
    expect(message.text.endsWith('…')).toBe(true);
  });
});
