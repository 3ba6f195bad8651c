import { describe, expect, it } from 'vitest';
import { ACTION_IDS } from '../../src/blocks/ids.ts';
import { createReplies } from '../../src/bot/replies.ts';
import { decodeRequest, encodeRequest } from '../../src/bot/results-request.ts';
import { type Reply, replyMessage } from '../../src/bot/types.ts';
import { createAuthorIndex } from '../../src/search/author-index.ts';
import { createPaperIndex } from '../../src/search/paper-index.ts';
import { makePaper, SESSION_9 } from '../fixtures/papers.ts';
import { allText, controlSequences, slackLimitViolations } from '../helpers/slack-limits.ts';

const papers = [
  makePaper({
    id: 'vit',
    title: 'Vision Transformers at Scale',
    abstract: 'We train a vision transformer on images.',
    sessionIds: [SESSION_9.id],
  }),
  makePaper({
    id: 'evit',
    title: 'EViT: Expediting Vision Transformers',
    abstract: 'Token reorganization for transformers.',
  }),
  makePaper({
    id: 'gnn',
    title: 'Graph Neural Networks for Molecules',
    authors: ['Cho-Jui Hsieh'],
    abstract: 'Graph neural networks (GNNs) on molecules.',
  }),
  ...Array.from({ length: 9 }, (_, i) =>
    makePaper({
      id: `t${i}`,
      title: `Transformer Study ${i}`,
      abstract: 'A study of the transformer.',
    }),
  ),
];
const replies = createReplies({
  index: createPaperIndex(papers),
  authors: createAuthorIndex(papers),
  catalog: { papers, sessions: [SESSION_9] },
  pageSize: 5,
});
const asker = { userId: 'U42' };

function messageOf(reply: Reply) {
  const message = replyMessage(reply);
  expect(slackLimitViolations(message)).toEqual([]);
  return message;
}

describe('/poster', () => {
  it.each(['', 'help', '  HELP ', '?'])(
    '"%s" shows usage with examples that find posters',
    async (text) => {
      const reply = await replies.command(text, asker);
      expect(reply.kind).toBe('ephemeral');
      const text_ = allText(messageOf(reply));
      expect(text_).toContain('/poster <keywords>');
      expect(text_).toContain('Try: vision transformer');
      expect(text_).toContain('/poster by:Ada Lovelace'); // the most published author
    },
  );

  it('answers a keyword search with an ephemeral page of cards, best first', async () => {
    const reply = await replies.command('vision transformer', asker);
    expect(reply.kind).toBe('ephemeral');
    const message = messageOf(reply);
    // Papers matching both words; those matching only "transformer" score too low to list.
    expect(message.text).toBe('2 posters for ‘vision transformer’');
    const text = allText(message);
    expect(text.indexOf('Vision Transformers at Scale')).toBeLessThan(text.indexOf('EViT'));
    expect(text).toContain(':round_pushpin: Poster Session 9');
    expect(text).toContain('_We train a *vision* *transformer* on images._');
  });

  it('pages forward and back in place', async () => {
    const first = messageOf(await replies.command('transformer', asker));
    const nav = first.blocks.at(-1);
    expect(nav?.type).toBe('actions');
    const next =
      nav?.type === 'actions'
        ? nav.elements.find((e) => 'action_id' in e && e.action_id === ACTION_IDS.resultsNext)
        : undefined;
    const value = next && 'value' in next ? next.value! : '';
    const second = await replies.action(ACTION_IDS.resultsNext, value, asker);
    expect(second.kind).toBe('replace');
    expect(messageOf(second).text).toBe('Posters 6–10 of 11 for ‘transformer’');
    const back = await replies.action(
      ACTION_IDS.resultsPrev,
      encodeRequest({ kind: 'search', query: 'transformer', page: 0 }),
      asker,
    );
    expect(messageOf(back).text).toBe('Posters 1–5 of 11 for ‘transformer’');
  });

  it('finds an acronym from its definition in the corpus', async () => {
    expect(messageOf(await replies.command('GNN', asker)).text).toBe('1 poster for ‘GNN’');
  });

  it('says so, echoes the query escaped, and suggests a correction when nothing matches', async () => {
    const message = messageOf(await replies.command('<!channel> zzzqqq', asker));
    expect(controlSequences(allText(message))).toEqual([]);
    expect(message.text).toBe('No posters match ‘&lt;!channel&gt; zzzqqq’.');
  });

  it('tolerates typos that grow with word length', async () => {
    expect(messageOf(await replies.command('moleculse', asker)).text).toBe(
      '1 poster for ‘moleculse’',
    );
    expect(messageOf(await replies.command('transfomer', asker)).text).toContain('of 11 for');
  });

  it('offers did-you-mean buttons that run the corrected search', async () => {
    const message = messageOf(await replies.command('grahp', asker));
    expect(message.text).toBe('No posters match ‘grahp’.');
    expect(JSON.stringify(message.blocks)).toContain('"value":"graph"');
    const suggestion = await replies.action(`${ACTION_IDS.searchSuggestion}_0`, 'molecule', asker);
    expect(suggestion.kind).toBe('replace');
    expect(messageOf(suggestion).text).toBe('1 poster for ‘molecule’');
  });
});

describe('buttons', () => {
  it('Abstract shows the full abstract only to the asker', async () => {
    const reply = await replies.action(ACTION_IDS.paperAbstract, 'gnn', asker);
    expect(reply.kind).toBe('ephemeral');
    expect(allText(messageOf(reply))).toContain('Graph neural networks (GNNs) on molecules.');
  });

  it('Share posts the card for everyone, saying who shared it', async () => {
    const reply = await replies.action(ACTION_IDS.paperShare, 'evit', asker);
    expect(reply.kind).toBe('in_channel');
    expect(allText(messageOf(reply))).toContain('<@U42> shared a poster');
  });

  it('explains a poster that is gone or a stale button instead of failing', async () => {
    expect(
      allText(messageOf(await replies.action(ACTION_IDS.paperAbstract, 'nope', asker))),
    ).toContain('no longer in the catalog');
    expect(
      allText(messageOf(await replies.action(ACTION_IDS.resultsNext, '{bad json', asker))),
    ).toContain('no longer available');
  });
});

describe('mentions', () => {
  it('ignores the bot mention and links, and answers the rest', async () => {
    const message = await replies.mention('<@UBOT> <https://example.com|link> molecules', asker);
    expect(message.text).toBe('1 poster for ‘molecules’');
  });

  it('shows help for an empty mention', async () => {
    expect(allText(await replies.mention('<@UBOT>', asker))).toContain('/poster <keywords>');
  });
});

describe('results requests in button values', () => {
  it('round-trips and rejects tampered values', () => {
    const request = { kind: 'search', query: 'gnn', page: 2 } as const;
    expect(decodeRequest(encodeRequest(request))).toEqual(request);
    expect(decodeRequest('{"k":"s","q":"x","p":-1}')).toBeUndefined();
    expect(decodeRequest('{"k":"zz","q":"x","p":1}')).toBeUndefined();
    expect(encodeRequest({ kind: 'search', query: 'x'.repeat(5000), page: 0 }).length).toBeLessThan(
      2000,
    );
  });
});

describe('/poster now, next and today', () => {
  const day = (h: number) => `2020-04-28T${String(h).padStart(2, '0')}:00:00Z`;
  const sessions = [
    { id: 's1', name: 'Tue Session 1', start: day(5), end: day(7) },
    { id: 's2', name: 'Tue Session 2', start: day(8), end: day(10) },
  ];
  const dated = [
    makePaper({ id: 'a', title: 'Early Paper', sessionIds: ['s1'] }),
    makePaper({ id: 'b', title: 'Late Paper', sessionIds: ['s2'] }),
  ];
  const at = (iso: string) =>
    createReplies({
      index: createPaperIndex(dated),
      authors: createAuthorIndex(dated),
      catalog: { papers: dated, sessions },
      pageSize: 5,
      now: () => new Date(iso),
      timeZone: 'UTC',
    });

  it('lists the posters of the session running now', async () => {
    const text = allText(messageOf(await at(day(6)).command('now', asker)));
    expect(text).toContain('1 poster in the session running now');
    expect(text).toContain('Tue Session 1 (Tue, Apr 28, 05:00 UTC)');
    expect(text).toContain('Early Paper');
    expect(text).not.toContain('Late Paper');
  });

  it('between sessions, says nothing runs and names the next one', async () => {
    const text = allText(messageOf(await at(day(7)).command('now', asker)));
    expect(text).toContain(
      'No poster session is running now. Next up: Tue Session 2, Tue, Apr 28, 08:00 UTC.',
    );
  });

  it('lists the next session and the whole day', async () => {
    expect(allText(messageOf(await at(day(6)).command('next', asker)))).toContain('Late Paper');
    expect(messageOf(await at(day(1)).command('today', asker)).text).toBe(
      '2 posters in the sessions today',
    );
  });

  // links (issue 13): dated sessions give the form its day and session filters.
  it('opens the search form for /poster with no words; help stays help', async () => {
    const reply = await at(day(6)).command('  ', asker);
    expect(reply.kind).toBe('view');
    if (reply.kind !== 'view') return;
    expect(reply.view.type).toBe('modal');
    expect(allText(replyMessage(reply))).toContain('Tue Session 2');
    expect((await at(day(6)).command('help', asker)).kind).toBe('ephemeral');
  });

  it('explains that an undated schedule has no "now"', async () => {
    expect(allText(messageOf(await replies.command('now', asker)))).toContain(
      'no session times yet',
    );
  });
});
