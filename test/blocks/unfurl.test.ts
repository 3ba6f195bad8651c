import { describe, expect, it } from 'vitest';
import { ACTION_IDS } from '../../src/blocks/ids.ts';
import { renderUnfurl } from '../../src/blocks/unfurl.ts';
import type { Session } from '../../src/catalog/types.ts';
import { makePaper, SESSION_9 } from '../fixtures/papers.ts';

const dated = (i: number): Session => ({
  id: `s${i}`,
  name: `Gather Session ${i}`,
  start: `2020-11-1${i}T07:00:00Z`,
});
const sessions = new Map<string, Session>([
  [SESSION_9.id, SESSION_9],
  ...[1, 2, 3, 4].map((i): [string, Session] => [`s${i}`, dated(i)]),
]);
/** 2020-11-11T07:00:00Z and 2020-11-12T07:00:00Z, in seconds. */
const S1 = 1605078000;
const S2 = S1 + 86_400;

describe('renderUnfurl', () => {
  const paper = makePaper({
    id: 'p1',
    title: 'Question Answering over Knowledge Graphs',
    posterUrl: 'https://2020.emnlp.org/papers/main/1',
    sessionIds: ['s1'],
  });

  it('shows the card with when its session is, then Abstract and Similar but no Share', () => {
    const { blocks } = renderUnfurl(paper, sessions, 'UTC');
    expect(blocks).toEqual([
      {
        type: 'section',
        block_id: 'unfurl_text',
        text: {
          type: 'mrkdwn',
          text: [
            '*<https://2020.emnlp.org/papers/main/1|Question Answering over Knowledge Graphs>*',
            'Ada Lovelace',
            ':round_pushpin: Gather Session 1',
          ].join('\n'),
        },
      },
      {
        type: 'context',
        elements: [
          {
            type: 'mrkdwn',
            text: `:clock3: <!date^${S1}^{date_short_pretty} {time}|Wed, Nov 11, 07:00 UTC>`,
          },
        ],
      },
      {
        type: 'actions',
        block_id: 'unfurl_actions',
        elements: [
          expect.objectContaining({ action_id: ACTION_IDS.paperAbstract, value: 'p1' }),
          expect.objectContaining({ action_id: ACTION_IDS.similarShow, value: 'p1' }),
          expect.objectContaining({ action_id: ACTION_IDS.planToggle }),
        ],
      },
    ]);
  });

  it('writes the fallback time in the bot’s time zone', () => {
    const { blocks } = renderUnfurl(paper, sessions, 'America/New_York');
    expect(JSON.stringify(blocks[1])).toContain('|Wed, Nov 11, 02:00 EST>');
  });

  it('lists the time of each dated session, skipping undated and unknown ones', () => {
    const { blocks } = renderUnfurl(
      { ...paper, sessionIds: [SESSION_9.id, 's1', 'gone', 's2'] },
      sessions,
      'UTC',
    );
    expect(blocks[1]).toEqual({
      type: 'context',
      elements: [
        {
          type: 'mrkdwn',
          text:
            `:clock3: <!date^${S1}^{date_short_pretty} {time}|Wed, Nov 11, 07:00 UTC> · ` +
            `:clock3: <!date^${S2}^{date_short_pretty} {time}|Thu, Nov 12, 07:00 UTC>`,
        },
      ],
    });
  });

  it('shows at most three session times', () => {
    const { blocks } = renderUnfurl(
      { ...paper, sessionIds: ['s1', 's2', 's3', 's4'] },
      sessions,
      'UTC',
    );
    const times = JSON.stringify(blocks[1]).match(/:clock3:/g);
    expect(times).toHaveLength(3);
    expect(JSON.stringify(blocks[1])).not.toContain('Nov 14');
  });

  it('adds no time line when no session of the poster is dated', () => {
    for (const sessionIds of [[], [SESSION_9.id], ['gone']]) {
      const { blocks } = renderUnfurl({ ...paper, sessionIds }, sessions, 'UTC');
      expect(blocks.map((b) => b.type)).toEqual(['section', 'actions']);
    }
  });
});
