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
});
