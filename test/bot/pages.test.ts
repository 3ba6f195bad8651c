import { describe, expect, it } from 'vitest';
import type { SlackMessage } from '../../src/blocks/message.ts';
import { MAX_CARDS_PER_MESSAGE } from '../../src/blocks/results.ts';
import { createPages, hitItem, listed, NOTHING } from '../../src/bot/pages.ts';
import { decodeRequest, type ResultsRequest } from '../../src/bot/results-request.ts';
import { makePaper } from '../fixtures/papers.ts';
import { allText } from '../helpers/slack-limits.ts';

const papers = Array.from({ length: 23 }, (_, i) =>
  makePaper({ id: `p${i}`, title: `Poster number ${i}` }),
);
const request: ResultsRequest = { kind: 'search', query: 'poster', page: 0 };

/** Titles of the cards on a page, in order. */
function titles(message: SlackMessage | undefined): string[] {
  return (message?.blocks ?? []).flatMap((b) => {
    if (b.type !== 'section' || !b.block_id?.startsWith('card_')) return [];
    return [/Poster number \d+/.exec(b.text?.text ?? '')?.[0] ?? ''];
  });
}

/** The requests Prev and Next would send. */
function nav(message: SlackMessage | undefined): Record<string, ResultsRequest | undefined> {
  const out: Record<string, ResultsRequest | undefined> = {};
  for (const block of message?.blocks ?? []) {
    if (block.type !== 'actions' || !block.block_id?.startsWith('results_nav')) continue;
    for (const el of block.elements) {
      if (el.type === 'button') out[el.text.text] = decodeRequest(el.value ?? '');
    }
  }
  return out;
}

function pagesOf(
  pageSize: number,
  found = listed(
    'for ‘poster’',
    papers.map((paper) => ({ paper })),
  ),
) {
  return createPages({ pageSize, sessions: new Map(), find: () => found });
}

describe('pages of results', () => {
  it('shows the first page with Next only', () => {
    const message = pagesOf(5).show(request);
    expect(titles(message)).toEqual([0, 1, 2, 3, 4].map((i) => `Poster number ${i}`));
    expect(message?.text).toBe('Posters 1–5 of 23 for ‘poster’');
    expect(nav(message)).toEqual({ 'Next ▸': { ...request, page: 1 } });
  });

  it('shows a middle page with Prev and Next to its neighbours', () => {
    const message = pagesOf(5).show({ ...request, page: 2 });
    expect(titles(message)[0]).toBe('Poster number 10');
    expect(nav(message)).toEqual({
      '◂ Prev': { ...request, page: 1 },
      'Next ▸': { ...request, page: 3 },
    });
  });

  it('shows the last page, shorter, with Prev only', () => {
    const message = pagesOf(5).show({ ...request, page: 4 });
    expect(titles(message)).toEqual(['Poster number 20', 'Poster number 21', 'Poster number 22']);
    expect(nav(message)).toEqual({ '◂ Prev': { ...request, page: 3 } });
  });

  it('shows the last page for a page past the end (the results shrank since)', () => {
    const message = pagesOf(5).show({ ...request, page: 40 });
    expect(titles(message)[0]).toBe('Poster number 20');
    expect(message?.text).toBe('Posters 21–23 of 23 for ‘poster’');
  });

  it('never puts more cards on a page than a message holds, and pages by that size', () => {
    const message = pagesOf(50).show({ ...request, page: 1 });
    expect(titles(message)).toHaveLength(MAX_CARDS_PER_MESSAGE);
    expect(titles(message)[0]).toBe(`Poster number ${MAX_CARDS_PER_MESSAGE}`);
  });

  it('has no buttons when everything fits on one page', () => {
    const message = pagesOf(
      5,
      listed(
        'for ‘x’',
        papers.slice(0, 5).map((paper) => ({ paper })),
      ),
    ).show(request);
    expect(message?.text).toBe('5 posters for ‘x’');
    expect(nav(message)).toEqual({});
  });

  it('finds nothing: no message', () => {
    expect(pagesOf(5, NOTHING).show(request)).toBeUndefined();
    expect(pagesOf(5, listed('for ‘x’', [])).show(request)).toBeUndefined();
  });

  it('says the lead, then the request’s own note, on the page', () => {
    const found = listed('for ‘x’', [{ paper: papers[0]! }], 'Matching some of your words.');
    expect(allText(pagesOf(5, found).show(request, 'Did you mean y?')!)).toContain(
      'Did you mean y? Matching some of your words.',
    );
    expect(allText(pagesOf(5, found).show(request)!)).toContain('Matching some of your words.');
    const plain = listed('for ‘x’', [{ paper: papers[0]! }]);
    expect(allText(pagesOf(5, plain).show(request, 'Lead only.')!)).toContain('Lead only.');
    expect(
      pagesOf(5, plain)
        .show(request)
        ?.blocks.some((b) => b.type === 'context'),
    ).toBe(false);
  });
});

describe('hitItem', () => {
  const paper = makePaper({ id: 'p', title: 'T', abstract: 'Graph networks for molecules.' });
  const hit = { paper, score: 1, terms: ['graph'], matched: ['graph'], missing: [] as string[] };

  it('highlights the matched words in a snippet of the abstract', () => {
    const item = hitItem({ ...hit, complete: true });
    expect(item.snippet?.filter((p) => p.match).map((p) => p.text)).toEqual(['Graph']);
    expect(item.missing).toBeUndefined();
  });

  it('carries the words a partial match misses', () => {
    expect(hitItem({ ...hit, complete: false, missing: ['federated'] }).missing).toEqual([
      'federated',
    ]);
  });
});
