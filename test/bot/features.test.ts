/**
 * Behaviour of the feature modules that issue 9 changed: paging at every page size, a topic
 * among a person's posters, help for each surface, people to pick from, and data text that
 * must not break mrkdwn emphasis.
 */
import { describe, expect, it } from 'vitest';
import { renderCard } from '../../src/blocks/card.ts';
import { EMPHASIS_LOOKALIKES } from '../../src/blocks/escape.ts';
import { ACTION_IDS } from '../../src/blocks/ids.ts';
import type { SlackMessage } from '../../src/blocks/message.ts';
import { createReplies } from '../../src/bot/replies.ts';
import { type Reply, replyMessage } from '../../src/bot/types.ts';
import type { Paper } from '../../src/catalog/types.ts';
import { createAuthorIndex } from '../../src/search/author-index.ts';
import { createPaperIndex } from '../../src/search/paper-index.ts';
import { makePaper } from '../fixtures/papers.ts';
import { allText, slackLimitViolations } from '../helpers/slack-limits.ts';

const asker = { userId: 'U42' };

function repliesOver(papers: Paper[], pageSize = 5) {
  return createReplies({
    index: createPaperIndex(papers),
    authors: createAuthorIndex(papers),
    catalog: { papers, sessions: [] },
    pageSize,
  });
}

function message(reply: Reply | SlackMessage): SlackMessage {
  const m = 'blocks' in reply ? reply : replyMessage(reply);
  expect(slackLimitViolations(m)).toEqual([]);
  return m;
}

/** The values of the buttons with `actionId` in a message. */
function buttonValues(m: SlackMessage, actionId: string): string[] {
  return m.blocks.flatMap((b) =>
    b.type === 'actions'
      ? b.elements.flatMap((e) =>
          'action_id' in e && e.action_id === actionId && 'value' in e && e.value ? [e.value] : [],
        )
      : [],
  );
}

/** Card ids on a page: the Abstract buttons carry them. */
const idsOn = (m: SlackMessage) => buttonValues(m, ACTION_IDS.paperAbstract);

const learning = Array.from({ length: 59 }, (_, i) =>
  makePaper({ id: `l${i}`, title: `Learning Study ${i}`, abstract: 'About learning.' }),
);

describe('paging', () => {
  it.each([1, 2, 3, 5, 8, 9, 10])(
    'shows every one of 59 results exactly once with %i per page',
    async (pageSize) => {
      const replies = repliesOver(learning, pageSize);
      let page = message(await replies.command('learning', asker));
      const seen = [...idsOn(page)];
      for (let next = buttonValues(page, ACTION_IDS.resultsNext)[0]; next; ) {
        const reply = await replies.action(ACTION_IDS.resultsNext, next, asker);
        expect(reply.kind).toBe('replace');
        page = message(reply);
        seen.push(...idsOn(page));
        next = buttonValues(page, ACTION_IDS.resultsNext)[0];
      }
      expect(seen).toHaveLength(59);
      expect(new Set(seen).size).toBe(59);
    },
  );
});

describe('a topic among a person’s posters', () => {
  const papers = [
    ...Array.from({ length: 7 }, (_, i) =>
      makePaper({
        id: `d${i}`,
        title: `Diffusion Models ${i}`,
        authors: ['Yi Tay'],
        abstract: 'Diffusion.',
      }),
    ),
    makePaper({ id: 'other', title: 'Diffusion Elsewhere', authors: ['Ada Lovelace'] }),
  ];

  it('pages through all of them, the person in bold', async () => {
    const replies = repliesOver(papers, 5);
    const first = message(await replies.mention('<@UBOT> diffusion papers by Yi Tay', asker));
    expect(first.text).toBe('Posters 1–5 of 7 for ‘diffusion’ by Yi Tay');
    expect(allText(first)).toContain('*Yi Tay*');
    const next = buttonValues(first, ACTION_IDS.resultsNext)[0]!;
    const second = message(await replies.action(ACTION_IDS.resultsNext, next, asker));
    expect(second.text).toBe('Posters 6–7 of 7 for ‘diffusion’ by Yi Tay');
    expect([...idsOn(first), ...idsOn(second)].sort()).toEqual(
      ['d0', 'd1', 'd2', 'd3', 'd4', 'd5', 'd6'].sort(),
    );
  });
});

describe('help', () => {
  const replies = repliesOver(learning);
  it.each([
    ['command', 'only visible to you until you press Share'],
    ['dm', 'Answers here are only visible to you.'],
    ['thread', 'posted in its thread for everyone'],
    ['digest_thread', 'posted in its thread for everyone'],
  ] as const)('on the %s surface says who sees answers: %s', async (surface, note) => {
    const text = allText(message(await replies.mention('<@UBOT> help', { ...asker, surface })));
    expect(text).toContain(note);
  });

  it('never claims "only visible to you" in a public thread', async () => {
    const text = allText(message(await replies.mention('<@UBOT> help', asker)));
    expect(text).not.toContain('only visible to you');
  });
});

describe('people to pick from', () => {
  const namesakes = Array.from({ length: 16 }, (_, i) =>
    makePaper({ id: `p${i}`, title: `Paper ${i}`, authors: [`Given${i} Li`] }),
  );

  it('offers a few buttons and the rest in a menu, not a wall of buttons', async () => {
    const replies = repliesOver(namesakes);
    const m = message(await replies.command('by:li', asker));
    expect(m.text).toBe('16 people match ‘li’');
    const actions = m.blocks.find((b) => b.type === 'actions');
    if (actions?.type !== 'actions') throw new Error('no actions block');
    expect(actions.elements.filter((e) => e.type === 'button')).toHaveLength(5);
    const menu = actions.elements.find((e) => e.type === 'static_select');
    if (menu?.type !== 'static_select') throw new Error('no menu');
    expect(menu.options).toHaveLength(11);
    // Choosing from the menu sends the person's key with the same action id.
    const chosen = await replies.action(menu.action_id!, menu.options![10]!.value!, asker);
    expect(message(chosen).text).toMatch(/^1 poster by Given\d+ Li$/);
  });
});

describe('data text never breaks emphasis', () => {
  // Real titles of ../shared/data/virtual_conferences_2020.jsonl, and an abstract's "~30%".
  it.each([
    'A* Beam Search',
    'Which *BERT? A Survey Organizing Contextualized Encoders',
    'Gradient $\\ell_1$ Regularization for Quantization Robustness',
    "``You Sound Just Like Your Father'' Commercial Machine Translation Systems",
    'Cuts error by ~30% on ~all tasks',
  ])('%s', (title) => {
    const [section] = renderCard(makePaper({ id: 'x', title }), {
      sessions: new Map(),
      blockPrefix: 'c',
    });
    const text = section?.type === 'section' ? (section.text?.text ?? '') : '';
    const titleLine = text.split('\n')[0]!;
    // Our own bold stays the only emphasis: `*` opens and closes it, nothing in between.
    expect(titleLine.startsWith('*') && titleLine.endsWith('*')).toBe(true);
    expect(titleLine.slice(1, -1)).not.toMatch(/[*_~`]/);
    for (const [char, lookalike] of Object.entries(EMPHASIS_LOOKALIKES)) {
      if (title.includes(char)) expect(titleLine).toContain(lookalike);
    }
  });
});

describe('routing clicks by action id', () => {
  const replies = repliesOver(learning);

  it('routes an id carrying an index to its entry, and only that', async () => {
    const suggested = await replies.action(`${ACTION_IDS.searchSuggestion}_3`, 'learning', asker);
    expect(suggested.kind).toBe('replace');
    expect(message(suggested).text).toMatch(/for ‘learning’$/);
    for (const id of [
      `${ACTION_IDS.searchSuggestion}_x`,
      `${ACTION_IDS.searchSuggestion}3`,
      'constructor',
      '__proto__',
    ]) {
      const reply = await replies.action(id, 'learning', asker);
      expect(allText(message(reply))).toContain('I don’t know that button');
    }
  });
});
