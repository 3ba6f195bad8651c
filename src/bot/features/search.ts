/** Keyword search: `/poster <keywords>`, "@poster diffusion models", "Try:" suggestions. */
import { ACTION_IDS } from '../../blocks/ids.ts';
import type { SlackMessage } from '../../blocks/message.ts';
import { renderNoResults } from '../../blocks/paper.ts';
import { renderNothingAbout } from '../../blocks/results.ts';
import type { BotContext, Feature } from '../feature.ts';
import { cleanInput } from '../intent.ts';
import { hitItem } from '../pages.ts';

export interface SearchFeature extends Feature {
  /** The first page of results for `query`, or "no results" with suggestions. */
  search(query: string): SlackMessage;
  /**
   * Nothing to list: "No poster about …" when posters share only common words with the
   * query, "No posters match …" when nothing matched at all; both with "did you mean".
   */
  nothingFound(query: string): SlackMessage;
}

const PARTIAL_NOTE = 'No poster matches every word; these match some of them.';

export function createSearchFeature({ index, pages }: BotContext): SearchFeature {
  function search(query: string): SlackMessage {
    return pages.show({ kind: 'search', query, page: 0 }) ?? nothingFound(query);
  }

  function nothingFound(query: string): SlackMessage {
    const suggestions = index.suggest(query);
    return index.answer(query, { limit: 1 }).withheld > 0
      ? renderNothingAbout(query, suggestions)
      : renderNoResults(query, suggestions);
  }

  return {
    name: 'search',
    search,
    nothingFound,
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
          // Hits are ranked by how much of the query they carry, so a partial match may
          // come first while complete ones follow: the note is for when none is complete.
          ...(hits.length > 0 && !hits.some((hit) => hit.complete) && { note: PARTIAL_NOTE }),
        };
      },
    },
  };
}
