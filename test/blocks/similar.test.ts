import { describe, expect, it } from 'vitest';
import { ACTION_IDS } from '../../src/blocks/ids.ts';
import { renderSimilar } from '../../src/blocks/similar.ts';
import type { Session } from '../../src/catalog/types.ts';
import type { Person } from '../../src/search/author-index.ts';
import { extremePaper, makePaper, SESSION_9 } from '../fixtures/papers.ts';
import { allText, controlSequences, slackLimitViolations } from '../helpers/slack-limits.ts';

const DATED: Session = {
  id: 'emnlp-2020-gather-1',
  name: 'Gather Session 1A',
  start: '2020-11-17T07:00:00Z',
  end: '2020-11-17T09:00:00Z',
};
const sessions = new Map([
  [SESSION_9.id, SESSION_9],
  [DATED.id, DATED],
]);
const person = (name: string): Person => ({ key: name.toLowerCase(), name, paperIds: [] });

describe('renderSimilar', () => {
  const asked = makePaper({ id: 'p0', title: 'Dense Retrieval for QA' });
  const near = makePaper({
    id: 'p1',
    title: 'Question Answering over Knowledge Graphs',
    posterUrl: 'https://2020.emnlp.org/papers/main/1',
    sessionIds: [DATED.id],
  });
  const undated = makePaper({ id: 'p2', title: 'Multi-Hop Reading', sessionIds: [SESSION_9.id] });
  const other = makePaper({ id: 'p3', title: 'Graphs of Molecules', sessionIds: [] });

  it('shows each poster with session, time and why, then more by the same people', () => {
    const message = renderSimilar(
      {
        paper: asked,
        similar: [
          { paper: near, score: 0.4, why: ['question answering', 'knowledge'] },
          { paper: undated, score: 0.2, why: [] },
        ],
        byAuthors: [{ paper: other, people: [person('Ada Lovelace')] }],
      },
      { sessions, timeZone: 'UTC' },
    );
    expect(message.text).toBe('2 posters similar to ‘Dense Retrieval for QA’');
    expect(message.blocks).toEqual([
      {
        type: 'section',
        block_id: 'similar_heading',
        text: { type: 'mrkdwn', text: '*Posters similar to* *Dense Retrieval for QA*' },
      },
      {
        type: 'section',
        block_id: 'similar_0',
        text: {
          type: 'mrkdwn',
          text: [
            '*<https://2020.emnlp.org/papers/main/1|Question Answering over Knowledge Graphs>*',
            ':round_pushpin: *Gather Session 1A* · ' +
              '<!date^1605596400^{date_short_pretty} {time}|Tue, Nov 17, 07:00 UTC>–' +
              '<!date^1605603600^{time}|Tue, Nov 17, 09:00 UTC>',
            '_Shared terms: question answering, knowledge_',
          ].join('\n'),
        },
        accessory: {
          type: 'button',
          text: { type: 'plain_text', text: 'Similar' },
          action_id: ACTION_IDS.similarShow,
          value: 'p1',
        },
      },
      // Save redraws this answer: the Similar of the asked paper (p0).
      {
        type: 'actions',
        block_id: 'similar_0_actions',
        elements: [
          {
            type: 'button',
            text: { type: 'plain_text', text: 'Save' },
            action_id: ACTION_IDS.planToggle,
            value: JSON.stringify({ p: 'p1', a: ACTION_IDS.similarShow, v: asked.id }),
            accessibility_label: 'Save Question Answering over Knowledge Graphs to your plan',
          },
        ],
      },
      {
        type: 'section',
        block_id: 'similar_1',
        text: {
          type: 'mrkdwn',
          text: [
            '*Multi-Hop Reading*',
            ':round_pushpin: *Poster Session 9* · time not announced',
            '_Close to the same posters_',
          ].join('\n'),
        },
        accessory: {
          type: 'button',
          text: { type: 'plain_text', text: 'Similar' },
          action_id: ACTION_IDS.similarShow,
          value: 'p2',
        },
      },
      // Save redraws this answer: the Similar of the asked paper (p0).
      {
        type: 'actions',
        block_id: 'similar_1_actions',
        elements: [
          {
            type: 'button',
            text: { type: 'plain_text', text: 'Save' },
            action_id: ACTION_IDS.planToggle,
            value: JSON.stringify({ p: 'p2', a: ACTION_IDS.similarShow, v: asked.id }),
            accessibility_label: 'Save Multi-Hop Reading to your plan',
          },
        ],
      },
      { type: 'divider' },
      {
        type: 'section',
        block_id: 'similar_by_authors',
        text: {
          type: 'mrkdwn',
          text: [
            '*More by these authors*',
            '• *Graphs of Molecules* — Ada Lovelace',
            '   :round_pushpin: session not announced',
          ].join('\n'),
        },
      },
    ]);
  });

  it('says so when nothing is close and nobody has other posters', () => {
    const message = renderSimilar({ paper: asked, similar: [], byAuthors: [] }, { sessions });
    expect(message.text).toBe('0 posters similar to ‘Dense Retrieval for QA’');
    expect(allText(message)).toContain('No posters close enough to *Dense Retrieval for QA*');
    expect(allText(message)).toContain('No other posters by these authors.');
  });

  it('keeps five posters of the longest data inside every Slack limit, escaped', () => {
    const longSessions = new Map(
      Array.from({ length: 6 }, (_, i): [string, Session] => [
        `s${i}`,
        { ...DATED, id: `s${i}`, name: `${'Session <!channel> & '.repeat(20)}${i}` },
      ]),
    );
    const extreme = (id: string) => ({
      ...extremePaper(id),
      posterUrl: `https://example.org/${'a'.repeat(2900)}`,
      sessionIds: [...longSessions.keys()],
    });
    const message = renderSimilar(
      {
        paper: extreme('x'),
        similar: Array.from({ length: 8 }, (_, i) => ({
          paper: extreme(`n${i}`),
          score: 1,
          why: ['<!channel> & <@U1>'.repeat(20), 'x'.repeat(500)],
        })),
        byAuthors: Array.from({ length: 9 }, (_, i) => ({
          paper: extreme(`a${i}`),
          people: Array.from({ length: 12 }, (__, k) => person(`Name${k} <@U${k}> & Co`)),
        })),
      },
      { sessions: longSessions },
    );
    expect(slackLimitViolations(message)).toEqual([]);
    const similarBlocks = message.blocks.filter((b) => b.block_id?.match(/^similar_\d$/));
    expect(similarBlocks).toHaveLength(5);
    const ours = /^<!date\^\d+\^[^|]*\|[^<>]*>$/;
    expect(controlSequences(allText(message)).filter((s) => !ours.test(s))).toEqual([]);
    expect(allText(message)).toContain('…and');
  });

  it('counts one similar poster in the singular', () => {
    const message = renderSimilar(
      { paper: asked, similar: [{ paper: near, score: 0.4, why: [] }], byAuthors: [] },
      { sessions },
    );
    expect(message.text).toBe('1 poster similar to ‘Dense Retrieval for QA’');
  });

  it('links a title up to 500 characters long, and shows a longer one bold, unlinked', () => {
    /** A paper titled "T" whose linked title `*<url|T>*` is `length` characters long. */
    const linkedOf = (length: number) =>
      makePaper({ id: 'l', title: 'T', posterUrl: `https://e.org/${'a'.repeat(length - 20)}` });
    const heading = (length: number) =>
      allText(renderSimilar({ paper: linkedOf(length), similar: [], byAuthors: [] }, { sessions }));
    expect(heading(500)).toContain(`to *<https://e.org/${'a'.repeat(480)}|T>* were found`);
    expect(heading(501)).toContain('No posters close enough to *T* were found.');
  });

  describe('where a neighbour is shown', () => {
    /** A session at DATED's times whose name is `length` characters long. */
    const named = (id: string, length: number): Session => ({
      ...DATED,
      id,
      name: id.padEnd(length, 'n'),
    });
    /** The where line of the one neighbour, in the given sessions and one nobody knows. */
    const whereLine = (...known: Session[]) => {
      const message = renderSimilar(
        {
          paper: asked,
          similar: [
            {
              paper: { ...near, sessionIds: [...known.map((k) => k.id), 'gone'] },
              score: 1,
              why: [],
            },
          ],
          byAuthors: [],
        },
        { sessions: new Map(known.map((k) => [k.id, k])), timeZone: 'UTC' },
      );
      const block = message.blocks.find((b) => b.block_id === 'similar_0');
      return (block?.type === 'section' ? (block.text?.text ?? '') : '').split('\n')[1];
    };
    const TIMES =
      '<!date^1605596400^{date_short_pretty} {time}|Tue, Nov 17, 07:00 UTC>–' +
      '<!date^1605603600^{time}|Tue, Nov 17, 09:00 UTC>';

    it('shows two sessions with their times and counts the others', () => {
      expect(whereLine(named('a', 5), named('b', 5), named('c', 5))).toBe(
        `:round_pushpin: *annnn* · ${TIMES}; *bnnnn* · ${TIMES} (+1 more)`,
      );
    });

    // Each session is `*name* · times`, 122 characters beside its name; "; " between them.
    it('keeps a second session when the two come to exactly 400 characters', () => {
      expect(whereLine(named('a', 77), named('b', 77))).toBe(
        `:round_pushpin: *${'a'.padEnd(77, 'n')}* · ${TIMES}; *${'b'.padEnd(77, 'n')}* · ${TIMES}`,
      );
    });

    it('drops a second session when the two would come to more than 400 characters', () => {
      expect(whereLine(named('a', 77), named('b', 78))).toBe(
        `:round_pushpin: *${'a'.padEnd(77, 'n')}* · ${TIMES} (+1 more)`,
      );
      expect(whereLine(named('a', 100), named('b', 100))).toMatch(/ \(\+1 more\)$/);
    });
  });

  describe('more by these authors', () => {
    const byAuthorsText = (byAuthors: Parameters<typeof renderSimilar>[0]['byAuthors']) => {
      const message = renderSimilar({ paper: asked, similar: [], byAuthors }, { sessions });
      const block = message.blocks.find((b) => b.block_id === 'similar_by_authors');
      return block?.type === 'section' ? (block.text?.text ?? '') : '';
    };

    it('names the shared people and the sessions, without times', () => {
      const paper = makePaper({ id: 'a1', title: 'Graphs', sessionIds: [DATED.id, SESSION_9.id] });
      expect(
        byAuthorsText([{ paper, people: [person('Ada Lovelace'), person('Alan Turing')] }]),
      ).toBe(
        [
          '*More by these authors*',
          '• *Graphs* — Ada Lovelace, Alan Turing',
          '   :round_pushpin: *Gather Session 1A*; *Poster Session 9*',
        ].join('\n'),
      );
    });

    it('lists five posters, then how many more', () => {
      const many = Array.from({ length: 7 }, (_, i) => ({
        paper: makePaper({ id: `a${i}`, title: `Other ${i}` }),
        people: [person('Ada Lovelace')],
      }));
      const lines = byAuthorsText(many).split('\n');
      expect(lines.filter((l) => l.startsWith('• '))).toHaveLength(5);
      expect(lines.at(-1)).toBe('…and 2 more');
    });

    /**
     * A poster whose line `• *<url|T>* — names\n   :round_pushpin: session not announced`
     * is `length` characters long (names: 60 characters).
     */
    const lineOf = (i: number, length: number) => ({
      paper: makePaper({
        id: `b${i}`,
        title: 'T',
        posterUrl: `https://e.org/${String(i).padEnd(length - 106 - 20, 'a')}`,
      }),
      people: [person('N'.repeat(60))],
    });
    // The heading (23) and four lines of 600 with their newlines take 2,427 of the 2,800,
    // and 40 stay free for "…and N more": a fifth line fits when at most 333 long.
    it('takes a last line that just fits, leaving room for the count', () => {
      const four = [1, 2, 3, 4].map((i) => lineOf(i, 600));
      const text = byAuthorsText([...four, lineOf(5, 333)]);
      expect(text.split('\n').filter((l) => l.startsWith('• '))).toHaveLength(5);
      expect(text).not.toContain('more');
      expect(text.split('\n').slice(1, 3).join('\n')).toHaveLength(600);
    });

    it('drops a last line one character too long, and counts it', () => {
      const four = [1, 2, 3, 4].map((i) => lineOf(i, 600));
      const text = byAuthorsText([...four, lineOf(5, 334)]);
      expect(text.split('\n').filter((l) => l.startsWith('• '))).toHaveLength(4);
      expect(text.endsWith('\n…and 1 more')).toBe(true);
    });
  });
});
