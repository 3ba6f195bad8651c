import { describe, expect, it } from 'vitest';
import { ACTION_IDS } from '../../src/blocks/ids.ts';
import { createReplies } from '../../src/bot/replies.ts';
import type { Session } from '../../src/catalog/types.ts';
import { buildBot } from '../../src/compose.ts';
import { createAuthorIndex } from '../../src/search/author-index.ts';
import { createPaperIndex } from '../../src/search/paper-index.ts';
import { makePaper } from '../fixtures/papers.ts';
import { QUESTIONS, SEED, SPOTLIGHTS } from '../fixtures/questions.ts';
import { ask, judgeAnswer, messageOf, postersShown } from '../helpers/question-judge.ts';
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

describe('answers to questions', () => {
  const asker = { userId: 'U1' };

  it('pages facet answers with the filter kept', async () => {
    const first = await replies.mention('<@UBOT> show me the spotlights', asker);
    expect(first.text).toBe('Posters 1–5 of 11 among the spotlights');
    const next = first.blocks
      .flatMap((b) => (b.type === 'actions' ? b.elements : []))
      .find((e) => e.type === 'button' && e.action_id === ACTION_IDS.resultsNext);
    expect(next?.type === 'button' && next.value).toBeTruthy();
    const value = next?.type === 'button' ? (next.value ?? '') : '';
    const second = await replies.action(ACTION_IDS.resultsNext, value, asker);
    expect(second.kind).toBe('replace');
    expect(messageOf(second).text).toBe('Posters 6–10 of 11 among the spotlights');
    const shown = postersShown(messageOf(second));
    expect(shown).toHaveLength(5);
    expect(shown.every((id) => SPOTLIGHTS.includes(id))).toBe(true);
  });

  it('falls back from an unknown author to the topic, and says so', async () => {
    const message = await replies.mention('<@UBOT> papers by Jon Doerr on turbulence', asker);
    expect(message.text).toBe(
      'No author matches ‘Jon Doerr’, so here are posters about ‘turbulence’.',
    );
    expect(postersShown(message)).toEqual([SEED.turbulence]);
    expect(message.blocks.some((b) => b.block_id === 'people_choices')).toBe(false);
  });

  it('says so when neither the author nor the topic finds anything', async () => {
    const message = await replies.mention('<@UBOT> papers by Jon Doerr', asker);
    expect(message.text).toBe(
      'No author matches ‘Jon Doerr’, and no poster matches ‘Jon Doerr’ either.',
    );
    expect(allText(message)).not.toMatch(/Did you mean:\s*$/m);
  });

  it('reads "by" before a word only near a name as a topic', async () => {
    // "doing" is one edit from the surname Dong: a near miss, not a person.
    const message = await replies.mention('<@UBOT> learning by doing', asker);
    expect(message.text).toMatch(/ for ‘learning by doing’$/);
    expect(allText(message)).not.toContain('No author matches');
  });

  it('shows the topic without its facets when none has them, and says so', async () => {
    const message = await replies.mention('<@UBOT> orals on turbulence', asker);
    expect(message.text).toBe('1 poster for ‘turbulence’');
    expect(postersShown(message)).toEqual([SEED.turbulence]);
    expect(allText(message)).toContain(
      'No posters among the orals match ‘turbulence’; these are all the posters on it.',
    );
  });

  it('shows a person’s posters without the facets when none has them, and says so', async () => {
    const message = messageOf(await replies.command('spotlights by Yi Tay', asker));
    expect(message.text).toBe('2 posters by Yi Tay');
    expect(allText(message)).toContain(
      'Yi Tay has no posters among the spotlights; these are all their posters.',
    );
  });

  it('filters a topic by a person with facets', async () => {
    const all = await replies.mention('<@UBOT> gradient papers by Cho-Jui Hsieh', asker);
    expect(postersShown(all).length).toBeGreaterThan(1);
    const withCode = await replies.mention(
      '<@UBOT> gradient papers by Cho-Jui Hsieh with code',
      asker,
    );
    expect(withCode.text).toBe('1 poster for ‘gradient’ by Cho-Jui Hsieh with code');
    expect(postersShown(withCode)).toEqual([SEED.fewShotNas]);
  });

  it('tells where and when a named poster is', async () => {
    const message = await replies.mention('<@UBOT> where is the BEiT poster?', asker);
    expect(message.text).toBe('1 poster for ‘BEiT’');
    expect(allText(message)).toContain(
      'Presented in Poster Session 9 (no time in the schedule yet).',
    );
  });

  it('answers /poster facets the same way as a mention', async () => {
    const command = messageOf(await replies.command('spotlight continual learning', asker));
    const mention = await replies.mention('<@UBOT> spotlights on continual learning', asker);
    expect(command.text).toBe('1 poster for ‘continual learning’ among the spotlights');
    expect(mention.text).toBe(command.text);
    expect(postersShown(mention)).toEqual([SEED.trgp]);
  });
});

describe('help', () => {
  it('shows two or three questions, each answered with posters', async () => {
    const help = allText(messageOf(await replies.command('help', { userId: 'U1' })));
    const line = help.split('\n').find((l) => l.startsWith('Ask as you would ask a person:'));
    const questions = [...(line ?? '').matchAll(/`([^`]+)`/g)].map((m) => m[1]!);
    expect(questions.length).toBeGreaterThanOrEqual(2);
    expect(questions.length).toBeLessThanOrEqual(3);
    for (const question of questions) {
      const message = question.startsWith('/poster ')
        ? messageOf(await replies.command(question.slice('/poster '.length), { userId: 'U1' }))
        : await replies.mention(question.replace(/^@poster /, '<@UBOT> '), { userId: 'U1' });
      expect(postersShown(message).length, question).toBeGreaterThan(0);
    }
  });
});

describe('time facets over a dated schedule', () => {
  // Vienna, 2 May 2022: a morning and an afternoon session; another the next morning.
  const sessions: Session[] = [
    {
      id: 'am',
      name: 'Poster Session 1',
      start: '2022-05-02T07:00:00Z',
      end: '2022-05-02T09:00:00Z',
    },
    {
      id: 'pm',
      name: 'Poster Session 2',
      start: '2022-05-02T12:00:00Z',
      end: '2022-05-02T14:00:00Z',
    },
    {
      id: 'next',
      name: 'Poster Session 3',
      start: '2022-05-03T07:00:00Z',
      end: '2022-05-03T09:00:00Z',
    },
  ];
  const papers = [
    makePaper({
      id: 'diff-am',
      title: 'Diffusion in the Morning',
      sessionIds: ['am'],
      decision: 'Oral',
    }),
    makePaper({ id: 'diff-pm', title: 'Diffusion After Lunch', sessionIds: ['pm'] }),
    makePaper({ id: 'gnn-pm', title: 'Graphs After Lunch', sessionIds: ['pm'], decision: 'Oral' }),
    makePaper({ id: 'diff-next', title: 'Diffusion Tomorrow', sessionIds: ['next'] }),
  ];
  const dated = createReplies({
    index: createPaperIndex(papers),
    authors: createAuthorIndex(papers),
    catalog: { papers, sessions },
    pageSize: 5,
    now: () => new Date('2022-05-02T06:00:00Z'),
    timeZone: 'Europe/Vienna',
  });
  const asker = { userId: 'U1' };

  it.each([
    ['what is on this afternoon?', ['diff-pm', 'gnn-pm']],
    ['diffusion this afternoon', ['diff-pm']],
    ['diffusion tomorrow', ['diff-next']],
    ['orals today', ['diff-am', 'gnn-pm']],
    ['orals this afternoon', ['gnn-pm']],
  ])('%j → %j', async (question, ids) => {
    const message = await dated.mention(`<@UBOT> ${question}`, asker);
    expect(postersShown(message).sort()).toEqual([...ids].sort());
  });

  it('says when no session is then', async () => {
    const message = await dated.mention('<@UBOT> orals tomorrow evening', asker);
    expect(message.text).toBe('No poster session tomorrow evening.');
  });
});
