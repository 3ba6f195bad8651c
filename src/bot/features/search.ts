/** Keyword search: `/poster <keywords>`, "@poster diffusion models", "Try:" suggestions. */
import { ACTION_IDS } from '../../blocks/ids.ts';
import type { SlackMessage } from '../../blocks/message.ts';
import { renderNoResults } from '../../blocks/paper.ts';
import type { BotContext, Feature } from '../feature.ts';
import { cleanInput } from '../intent.ts';
import { hitItem } from '../pages.ts';

export interface SearchFeature extends Feature {
  /** The first page of results for `query`, or "no results" with suggestions. */
  search(query: string): SlackMessage;
}

const PARTIAL_NOTE = 'No poster matches every word; these match some of them.';

export function createSearchFeature({ index, pages }: BotContext): SearchFeature {
  function search(query: string): SlackMessage {
    return (
      pages.show({ kind: 'search', query, page: 0 }) ?? renderNoResults(query, index.suggest(query))
    );
  }

  return {
    name: 'search',
    search,
    command: { search: ({ query }) => search(query) },
    mention: { topic: ({ query }) => search(query) },
    actions: {
      [ACTION_IDS.searchSuggestion]: (value) => ({
        kind: 'replace',
        message: search(cleanInput(value)),
      }),
    },
    finds: {
      search: ({ query }) => {
        const hits = index.search(query);
        return {
          subject: `for ‘${query}’`,
          total: hits.length,
          items: (from, to) => hits.slice(from, to).map(hitItem),
          ...(hits[0] && !hits[0].complete && { note: PARTIAL_NOTE }),
        };
      },
    },
  };
}
