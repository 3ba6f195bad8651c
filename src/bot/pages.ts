/**
 * Results, a page at a time: what a request finds, and the page of cards with Prev / Next
 * that shows it. Shared by every feature that lists posters (search, people, sessions).
 */
import { ACTION_IDS } from '../blocks/ids.ts';
import type { SlackMessage } from '../blocks/message.ts';
import { MAX_CARDS_PER_MESSAGE, type ResultItem, renderResults } from '../blocks/results.ts';
import type { Session } from '../catalog/types.ts';
import type { SearchHit } from '../search/paper-index.ts';
import { snippet } from '../search/snippet.ts';
import { encodeRequest, type ResultsRequest } from './results-request.ts';

/**
 * What a request finds, over all its pages, and how to describe it. Items are made per
 * page: a snippet costs an analysis of the abstract, and a query can match thousands.
 */
export interface Found {
  subject: string;
  total: number;
  items(from: number, to: number): ResultItem[];
  note?: string;
}

export const NOTHING: Found = { subject: '', total: 0, items: () => [] };

/** A Found over items that are cheap to list in full. */
export function listed(subject: string, items: readonly ResultItem[], note?: string): Found {
  return {
    subject,
    total: items.length,
    items: (from, to) => items.slice(from, to),
    ...(note && { note }),
  };
}

/** A search hit as a card: the paper with a snippet of its abstract, query words in bold. */
export function hitItem(hit: SearchHit): ResultItem {
  const item = { paper: hit.paper, snippet: snippet(hit.paper.abstract, new Set(hit.terms)) };
  return hit.complete ? item : { ...item, missing: hit.missing };
}

export interface Pages {
  /**
   * One page of results for a request; `undefined` when the request finds nothing. `lead`
   * is said above the request's own note, on this page only (why these results).
   */
  show(request: ResultsRequest, lead?: string): SlackMessage | undefined;
  /** {@link show}, with how many results the request found in all (for the usage report). */
  counted(
    request: ResultsRequest,
    lead?: string,
  ): { message: SlackMessage; results: number } | undefined;
}

export interface PagesDeps {
  /** Cards per page (RESULTS_PER_PAGE). */
  pageSize: number;
  sessions: ReadonlyMap<string, Session>;
  /** Everything a request finds (the feature that owns its kind resolves it). */
  find(request: ResultsRequest): Found;
}

export function createPages({ pageSize: asked, sessions, find }: PagesDeps): Pages {
  // A message holds at most MAX_CARDS_PER_MESSAGE cards: a page never promises more, so
  // stepping by pages shows every result at every RESULTS_PER_PAGE (1–10).
  const pageSize = Math.min(asked, MAX_CARDS_PER_MESSAGE);
  const pager: Pages = {
    show: (request, lead) => pager.counted(request, lead)?.message,
    counted(request, lead) {
      const found = find(request);
      const { subject, total, items } = found;
      const note = [lead, found.note].filter(Boolean).join(' ');
      if (total === 0) return undefined;
      const pages = Math.ceil(total / pageSize);
      const page = Math.min(request.page, pages - 1);
      const message = renderResults({
        subject,
        items: items(page * pageSize, (page + 1) * pageSize),
        page,
        pageSize,
        total,
        sessions,
        ...(note && { note }),
        // The same page, as Prev / Next would show it: what a Save click redraws.
        redraw: {
          actionId: ACTION_IDS.resultsNext,
          value: encodeRequest({ ...request, page }),
        },
        ...(page > 0 && { prevValue: encodeRequest({ ...request, page: page - 1 }) }),
        ...(page < pages - 1 && { nextValue: encodeRequest({ ...request, page: page + 1 }) }),
      });
      return { message, results: total };
    },
  };
  return pager;
}
