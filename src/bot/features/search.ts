/**
 * Keyword search and questions about topics: `/poster <keywords>`, "@poster is anyone
 * presenting work on diffusion?", a poster named outright ("where is the F8Net poster?"),
 * facets ("orals", "spotlights on optimization", `/poster with code`) and "Try:" suggestions.
 */
import { ACTION_IDS } from '../../blocks/ids.ts';
import type { SlackMessage } from '../../blocks/message.ts';
import { renderNoResults, renderNothingAbout, renderNotice } from '../../blocks/paper.ts';
import { renderResults } from '../../blocks/results.ts';
import type { Paper } from '../../catalog/types.ts';
import { type FacetScope, type Facets, hasFacets, scopeFacets } from '../facets.ts';
import type { BotContext, Feature } from '../feature.ts';
import { cleanInput } from '../intent.ts';
import { createKnownItems, whereAndWhen } from '../known-item.ts';
import { hitItem, listed, NOTHING } from '../pages.ts';
import type { Asker } from '../types.ts';

export interface SearchFeature extends Feature {
  /** A topic as asked: the poster it names when it names one, else a search narrowed by facets. */
  topic(query: string, facets?: Facets): SlackMessage;
  /** {@link topic} asked by someone: counted for the organisers' report (src/store/stats.ts). */
  asked(asker: Asker, query: string, facets?: Facets): SlackMessage;
  /** The poster(s) a phrase names outright, with where and when; undefined when none. */
  known(phrase: string): SlackMessage | undefined;
  /** The facets as a filter over papers, or why they cannot be met. */
  scope(facets: Facets): FacetScope;
}

const PARTIAL_NOTE = 'No poster matches every word; these match some of them.';

export function createSearchFeature(context: BotContext): SearchFeature {
  const { index, pages, catalog, sessions, pageSize, timeZone } = context;
  const knownItems = createKnownItems(index);

  /** A message with how many posters it lists, for the report's "found nothing". */
  interface Answer {
    message: SlackMessage;
    results: number;
  }

  const nothing = (query: string): Answer => ({ message: nothingFound(query), results: 0 });

  function search(query: string): SlackMessage {
    return pages.show({ kind: 'search', query, page: 0 }) ?? nothingFound(query);
  }

  function nothingFound(query: string): SlackMessage {
    const suggestions = index.suggest(query);
    return index.answer(query, { limit: 1 }).withheld > 0
      ? renderNothingAbout(query, suggestions)
      : renderNoResults(query, suggestions);
  }

  function scope(facets: Facets): FacetScope {
    return scopeFacets(facets, { sessions: catalog.sessions, now: context.now(), timeZone });
  }

  function known(phrase: string): SlackMessage | undefined {
    return knownAnswer(phrase)?.message;
  }

  function knownAnswer(phrase: string): Answer | undefined {
    const papers = knownItems.find(phrase);
    if (papers.length === 0) return undefined;
    const only = papers.length === 1 ? papers[0] : undefined;
    const message = renderResults({
      subject: `for ‘${cleanInput(phrase)}’`,
      items: papers.map((paper) => ({ paper })),
      page: 0,
      pageSize,
      total: papers.length,
      sessions,
      ...(only && { note: whereAndWhen(only, sessions, timeZone) }),
    });
    return { message, results: papers.length };
  }

  function topicAnswer(query: string, facets: Facets = {}): Answer {
    const named = knownAnswer(query);
    if (named) return named;
    if (!hasFacets(facets)) {
      return pages.counted({ kind: 'search', query, page: 0 }) ?? nothing(query);
    }
    const scoped = scope(facets);
    if (scoped.kind === 'impossible') return { message: renderNotice(scoped.reason), results: 0 };
    const note = scoped.kind === 'filter_without_time' ? scoped.reason : undefined;
    // Nothing with the facets: the topic without them, saying so, rather than a dead end.
    return (
      pages.counted({ kind: 'search', query, facets, page: 0 }, note) ??
      pages.counted(
        { kind: 'search', query, page: 0 },
        `No posters ${scoped.description} match ‘${query}’; these are all the posters on it.`,
      ) ??
      nothing(query)
    );
  }

  const topic = (query: string, facets?: Facets) => topicAnswer(query, facets).message;

  function asked(asker: Asker, query: string, facets?: Facets): SlackMessage {
    const { message, results } = topicAnswer(query, facets);
    context.stats?.query(asker.userId, query, results);
    return message;
  }

  /** "What are the orals?": every poster with the facets, in catalogue order. */
  function posters(facets: Facets): SlackMessage {
    const scoped = scope(facets);
    if (scoped.kind === 'impossible') return renderNotice(scoped.reason);
    const timeOnly = Object.keys(facets).every((k) => k === 'when');
    if (scoped.kind === 'filter_without_time' && timeOnly) {
      return renderNotice(`${scoped.reason} Try /poster <keywords>.`);
    }
    const note = scoped.kind === 'filter_without_time' ? scoped.reason : undefined;
    return (
      pages.show({ kind: 'posters', facets, page: 0 }, note) ??
      renderNotice(`No posters ${scoped.description}.`)
    );
  }

  /** The facets' filter and words for a results request ("among the orals"). */
  function filterOf(facets: Facets | undefined): {
    filter?: (paper: Paper) => boolean;
    words: string;
  } {
    if (!facets) return { words: '' };
    const scoped = scope(facets);
    if (scoped.kind === 'impossible') return { filter: () => false, words: '' };
    return { filter: scoped.filter, words: scoped.description && ` ${scoped.description}` };
  }

  return {
    name: 'search',
    topic,
    asked,
    known,
    scope,
    command: {
      search: ({ query, facets }, asker) => asked(asker, query, facets),
      posters: ({ facets }) => posters(facets),
    },
    mention: {
      topic: ({ query, facets }, asker) => asked(asker, query, facets),
      posters: ({ facets }) => posters(facets),
    },
    actions: {
      [ACTION_IDS.searchSuggestion]: (value) => ({
        kind: 'replace',
        message: search(cleanInput(value)),
      }),
    },
    finds: {
      search: ({ query, facets }) => {
        const { filter, words } = filterOf(facets);
        const hits = index.search(query, filter && { filter });
        return {
          subject: `for ‘${query}’${words}`,
          total: hits.length,
          items: (from, to) => hits.slice(from, to).map(hitItem),
          // Hits are ranked by how much of the query they carry, so a partial match may
          // come first while complete ones follow: the note is for when none is complete.
          ...(hits.length > 0 && !hits.some((hit) => hit.complete) && { note: PARTIAL_NOTE }),
        };
      },
      posters: ({ facets }) => {
        const { filter, words } = filterOf(facets);
        if (!filter) return NOTHING;
        return listed(
          words.trim(),
          index
            .all()
            .filter(filter)
            .map((paper) => ({ paper })),
        );
      },
    },
  };
}
