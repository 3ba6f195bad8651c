import { renderHelp } from '../blocks/help.ts';
import { ACTION_IDS } from '../blocks/ids.ts';
import type { SlackMessage } from '../blocks/message.ts';
import { renderAbstract, renderNoResults, renderNotice, renderShared } from '../blocks/paper.ts';
import { type ResultItem, renderResults } from '../blocks/results.ts';
import type { Paper, Session } from '../catalog/types.ts';
import type { PaperIndex, SearchHit } from '../search/paper-index.ts';
import { snippet } from '../search/snippet.ts';
import {
  decodeRequest,
  encodeRequest,
  MAX_QUERY_LENGTH,
  type ResultsRequest,
} from './results-request.ts';
import type { Asker, Replies, Reply } from './types.ts';

export interface RepliesDeps {
  index: PaperIndex;
  sessions: readonly Session[];
  /** Cards per page (RESULTS_PER_PAGE). */
  pageSize: number;
}

/** Example searches shown in help: checked against the index so each one finds posters. */
const HELP_EXAMPLES = [
  'vision transformer',
  'graph neural networks',
  'reinforcement learning',
  'privacy',
  'diffusion',
];

/**
 * The bot's answers, shared by the Slack listeners and the local console: everything up to
 * the rendering is this one code path.
 */
export function createReplies(deps: RepliesDeps): Replies {
  const { index, pageSize } = deps;
  const sessions = new Map(deps.sessions.map((s) => [s.id, s]));

  function help(): SlackMessage {
    const examples = HELP_EXAMPLES.filter((q) => index.search(q, { limit: 1 }).length > 0);
    const exampleAuthor = mostPublishedAuthor(index.all());
    return renderHelp({
      examples,
      ...(exampleAuthor && { exampleAuthor }),
      papers: index.size,
      sessions: deps.sessions.length,
      dated: deps.sessions.some((s) => s.start !== undefined),
    });
  }

  /** One page of results for a request; `undefined` when the request finds nothing. */
  function resultsPage(request: ResultsRequest): SlackMessage | undefined {
    if (request.kind !== 'search') return undefined;
    const hits = index.search(request.query);
    if (hits.length === 0) return undefined;
    const pages = Math.ceil(hits.length / pageSize);
    const page = Math.min(request.page, pages - 1);
    const onPage = hits.slice(page * pageSize, (page + 1) * pageSize);
    return renderResults({
      subject: `for ‘${request.query}’`,
      items: onPage.map(toItem),
      page,
      pageSize,
      total: hits.length,
      sessions,
      ...(page > 0 && { prevValue: encodeRequest({ ...request, page: page - 1 }) }),
      ...(page < pages - 1 && { nextValue: encodeRequest({ ...request, page: page + 1 }) }),
      ...(!hits[0]!.complete && {
        note: 'No poster matches every word; these match some of them.',
      }),
    });
  }

  function search(query: string): SlackMessage {
    const cut = query.slice(0, MAX_QUERY_LENGTH);
    return (
      resultsPage({ kind: 'search', query: cut, page: 0 }) ??
      renderNoResults(cut, index.suggest(cut))
    );
  }

  function withPaper(id: string, render: (paper: Paper) => Reply): Reply {
    const paper = index.get(id);
    if (!paper)
      return {
        kind: 'ephemeral',
        message: renderNotice('That poster is no longer in the catalog.'),
      };
    return render(paper);
  }

  return {
    command(text: string): Reply {
      const query = text.trim();
      if (query === '' || /^(help|\?|-h|--help)$/i.test(query))
        return { kind: 'ephemeral', message: help() };
      return { kind: 'ephemeral', message: search(query) };
    },

    action(actionId: string, value: string, asker: Asker): Reply {
      if (actionId === ACTION_IDS.resultsPrev || actionId === ACTION_IDS.resultsNext) {
        const request = decodeRequest(value);
        const message = request && resultsPage(request);
        return message
          ? { kind: 'replace', message }
          : {
              kind: 'ephemeral',
              message: renderNotice(
                'Those results are no longer available. Try your search again.',
              ),
            };
      }
      if (actionId === ACTION_IDS.paperAbstract) {
        return withPaper(value, (paper) => ({
          kind: 'ephemeral',
          message: renderAbstract(paper, sessions),
        }));
      }
      if (actionId === ACTION_IDS.paperShare) {
        return withPaper(value, (paper) => ({
          kind: 'in_channel',
          message: renderShared(paper, asker.userId, sessions),
        }));
      }
      if (actionId.startsWith(ACTION_IDS.searchSuggestion)) {
        return { kind: 'replace', message: search(value) };
      }
      return { kind: 'ephemeral', message: renderNotice('Sorry, I don’t know that button.') };
    },

    mention(text: string): SlackMessage {
      const query = stripSlackMarkup(text);
      if (query === '' || /^(help|\?)$/i.test(query)) return help();
      return search(query);
    },
  };

  function toItem(hit: SearchHit): ResultItem {
    return { paper: hit.paper, snippet: snippet(hit.paper.abstract, new Set(hit.terms)) };
  }
}

/** Removes user/channel mentions and links, which are never keywords. */
function stripSlackMarkup(text: string): string {
  return text
    .replace(/<[@#!][^>]*>/g, ' ')
    .replace(/<[^>]*>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** The author with the most papers (first in catalogue order on ties), for help examples. */
function mostPublishedAuthor(papers: readonly Paper[]): string | undefined {
  const counts = new Map<string, number>();
  for (const paper of papers)
    for (const a of paper.authors) counts.set(a, (counts.get(a) ?? 0) + 1);
  let best: [string, number] | undefined;
  for (const entry of counts) if (!best || entry[1] > best[1]) best = entry;
  return best?.[0];
}
