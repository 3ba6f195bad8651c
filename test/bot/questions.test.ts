import { describe, expect, it } from 'vitest';
import { buildBot } from '../../src/compose.ts';
import { QUESTIONS } from '../fixtures/questions.ts';
import { ask, judgeAnswer } from '../helpers/question-judge.ts';
import { allText, slackLimitViolations } from '../helpers/slack-limits.ts';

// The seed session (data/): ICLR 2022 Poster Session 9, 78 papers, one undated session.
const { replies } = buildBot('data');

describe('questions as people ask them (test/fixtures/questions.ts)', () => {
  it('has at least 60 questions of every kind', () => {
    expect(QUESTIONS.length).toBeGreaterThanOrEqual(60);
    const kinds = new Set(QUESTIONS.map((row) => row.kind));
    expect([...kinds].sort()).toEqual(['author', 'facet', 'filler', 'from_by', 'known']);
  });

  it.each(QUESTIONS.map((row) => [`[${row.via}] ${row.ask}`, row] as const))(
    '%s',
    async (_, row) => {
      const message = await ask(replies, row);
      expect(slackLimitViolations(message)).toEqual([]);
      expect(judgeAnswer(row, message)).toBeUndefined();
    },
  );

  it('never echoes the question around the topic', async () => {
    const echoed = [];
    for (const row of QUESTIONS.filter((r) => r.kind === 'filler')) {
      const text = allText(await ask(replies, row));
      if (text.includes(`‘${row.ask.replace(/[?!.]+$/, '')}’`)) echoed.push(row.ask);
    }
    expect(echoed).toEqual([]);
  });
});
