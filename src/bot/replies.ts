import { renderHelp } from '../blocks/help.ts';
import { ACTION_IDS } from '../blocks/ids.ts';
import type { SlackMessage } from '../blocks/message.ts';
import { renderAbstract, renderNoResults, renderNotice, renderShared } from '../blocks/paper.ts';
import { renderPeople } from '../blocks/people.ts';
import { fitMessage, type ResultItem, renderResults } from '../blocks/results.ts';
import type { Catalog, Paper } from '../catalog/types.ts';
import { type SessionWindow, selectSessions } from '../digest/select.ts';
import { formatInstant } from '../digest/time.ts';
import { type AuthorIndex, matchedAuthorSlots, type Person } from '../search/author-index.ts';
import type { PaperIndex, SearchHit } from '../search/paper-index.ts';
import { snippet } from '../search/snippet.ts';
import { type AnswerTools, answerQuestion, exampleQuestions } from './answer.ts';
import { type Facets, scopeFacets } from './facets.ts';
import { cleanInput } from './intent.ts';
import { createKnownItems } from './known-item.ts';
import { readCommand, readMention } from './question.ts';
import { decodeRequest, encodeRequest, type ResultsRequest } from './results-request.ts';
import type { Asker, Replies, Reply } from './types.ts';

export interface RepliesDeps {
  index: PaperIndex;
  authors: AuthorIndex;
  catalog: Catalog;
  /** Cards per page (RESULTS_PER_PAGE). */
  pageSize: number;
  /** The clock, for `/poster now|next|today`. */
  now?: () => Date;
  /** Whose "today" `/poster today` means (DIGEST_TIMEZONE). */
  timeZone?: string;
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
 * What a request finds, over all its pages, and how to describe it. Items are made per
 * page: a snippet costs an analysis of the abstract, and a query can match thousands.
 */
interface Found {
  subject: string;
  total: number;
  items(from: number, to: number): ResultItem[];
  note?: string;
}

const NOTHING: Found = { subject: '', total: 0, items: () => [] };

/** A Found over items that are cheap to list in full. */
function listed(subject: string, items: readonly ResultItem[], note?: string): Found {
  return {
    subject,
    total: items.length,
    items: (from, to) => items.slice(from, to),
    ...(note && { note }),
  };
}

/**
 * The bot's answers, shared by the Slack listeners and the local console: everything up to
 * the rendering is this one code path.
 */
export function createReplies(deps: RepliesDeps): Replies {
  const { index, authors, pageSize, catalog } = deps;
  const now = deps.now ?? (() => new Date());
  const timeZone = deps.timeZone ?? 'UTC';
  const sessions = new Map(catalog.sessions.map((s) => [s.id, s]));
  const dated = catalog.sessions.some((s) => s.start !== undefined);
  const facetContext = () => ({ sessions: catalog.sessions, now: now(), timeZone });

  // The help text depends on the catalog only: made once, on first use (five searches and a
  // pass over every author are not for each `/poster help`).
  let helpMessage: SlackMessage | undefined;
  function help(): SlackMessage {
    if (helpMessage) return helpMessage;
    const examples = HELP_EXAMPLES.filter((q) => index.search(q, { limit: 1 }).length > 0);
    const exampleAuthor = mostPublishedAuthor(index.all());
    helpMessage = renderHelp({
      examples,
      questions: exampleQuestions(examples[0], index.all()),
      ...(exampleAuthor && { exampleAuthor }),
      papers: index.size,
      sessions: catalog.sessions.length,
      dated,
    });
    return helpMessage;
  }

  /** The filter and its words for a request's facets ("among the orals"). */
  function facetScope(facets: Facets | undefined) {
    if (!facets) return { filter: undefined, description: '' };
    const scope = scopeFacets(facets, facetContext());
    return scope.kind === 'impossible'
      ? { filter: () => false, description: '' }
      : { filter: scope.filter, description: scope.description && ` ${scope.description}` };
  }

  function resolve(request: ResultsRequest): Found {
    switch (request.kind) {
      case 'search': {
        const { filter, description } = facetScope(request.facets);
        const hits = index.search(request.query, filter && { filter });
        return {
          subject: `for ‘${request.query}’${description}`,
          total: hits.length,
          items: (from, to) => hits.slice(from, to).map(toItem),
          ...(hits[0] &&
            !hits[0].complete && {
              note: 'No poster matches every word; these match some of them.',
            }),
        };
      }
      case 'author': {
        const match = authors.find(request.name);
        if (match.kind !== 'people') return NOTHING;
        const { filter, description } = facetScope(request.facets);
        return personFound(match.people, filter, description);
      }
      case 'posters': {
        const { filter, description } = facetScope(request.facets);
        return listed(
          description.trim(),
          index
            .all()
            .filter(filter ?? (() => true))
            .map((paper) => ({ paper })),
        );
      }
      case 'person': {
        const person = authors.person(request.key);
        return person ? personFound([person]) : NOTHING;
      }
      case 'sessions':
        return sessionsFound(request.which);
    }
  }

  /** One page of results for a request; `undefined` when the request finds nothing. */
  function resultsPage(request: ResultsRequest, firstNote?: string): SlackMessage | undefined {
    const found = resolve(request);
    const { subject, total, items } = found;
    const note = [firstNote, found.note].filter(Boolean).join(' ');
    if (total === 0) return undefined;
    const pages = Math.ceil(total / pageSize);
    const page = Math.min(request.page, pages - 1);
    return renderResults({
      subject,
      items: items(page * pageSize, (page + 1) * pageSize),
      page,
      pageSize,
      total,
      sessions,
      ...(note && { note }),
      ...(page > 0 && { prevValue: encodeRequest({ ...request, page: page - 1 }) }),
      ...(page < pages - 1 && { nextValue: encodeRequest({ ...request, page: page + 1 }) }),
    });
  }

  /** The papers of the given people, their names in bold. */
  function personFound(
    people: readonly Person[],
    filter: (paper: Paper) => boolean = () => true,
    description = '',
  ): Found {
    const names = [...new Set(people.map((p) => p.name))];
    return listed(
      `by ${names.length === 1 ? names[0] : `${names[0]} and namesakes`}${description}`,
      authors
        .papersOfPeople(people)
        .filter(filter)
        .map((paper) => ({
          paper,
          boldAuthors: matchedAuthorSlots(paper, people),
        })),
    );
  }

  /** The posters of the sessions on now / next / today, session by session. */
  function sessionsFound(which: SessionWindow): Found {
    const found = selectSessions(catalog, now(), which, timeZone);
    const seen = new Set<string>();
    const items: ResultItem[] = [];
    for (const { papers } of found) {
      for (const paper of papers) {
        if (!seen.has(paper.id)) items.push({ paper });
        seen.add(paper.id);
      }
    }
    const names = found.map(({ session }) =>
      session.start
        ? `${session.name} (${formatInstant(new Date(session.start), timeZone)})`
        : session.name,
    );
    const label = { now: 'running now', next: 'starting next', today: 'today' }[which];
    return listed(
      `in the session${found.length === 1 ? '' : 's'} ${label}`,
      items,
      names.length > 0 ? names.join(' · ') : undefined,
    );
  }

  /** `/poster now|next|today` when nothing matches: say why, and what comes next. */
  function noSessions(which: SessionWindow): SlackMessage {
    if (!dated) {
      return renderNotice(
        'The schedule has no session times yet, so I can’t tell what is on when. Try `/poster <keywords>`.',
      );
    }
    const next = selectSessions(catalog, now(), 'next', timeZone)[0]?.session;
    const when = next?.start
      ? ` Next up: ${next.name}, ${formatInstant(new Date(next.start), timeZone)}.`
      : ' There are no more sessions in the schedule.';
    const what = {
      now: 'No poster session is running now.',
      next: '',
      today: 'No poster sessions today.',
    }[which];
    return renderNotice(`${what}${when}`.trim());
  }

  function search(query: string): SlackMessage {
    return (
      resultsPage({ kind: 'search', query, page: 0 }) ??
      renderNoResults(query, index.suggest(query))
    );
  }

  function schedule(which: SessionWindow): SlackMessage {
    return resultsPage({ kind: 'sessions', which, page: 0 }) ?? noSessions(which);
  }

  /** Papers on a topic by some people: the topic search limited to their papers. */
  function topicByPeople(
    query: string,
    people: readonly Person[],
    filter: (paper: Paper) => boolean = () => true,
  ): SlackMessage | undefined {
    const ids = new Set(authors.papersOfPeople(people).map((p) => p.id));
    const hits = index.search(query, { filter: (paper) => ids.has(paper.id) && filter(paper) });
    if (hits.length === 0) return undefined;
    return renderResults({
      subject: `for ‘${query}’ by ${people[0]!.name}`,
      items: hits.slice(0, pageSize).map((hit) => ({
        ...toItem(hit),
        boldAuthors: matchedAuthorSlots(hit.paper, people),
      })),
      page: 0,
      pageSize,
      total: Math.min(hits.length, pageSize),
      sessions,
    });
  }

  /** Lets the question parser tell names from topics ("papers from yi tay"). */
  const people = { knowsName: (name: string) => authors.find(name).kind !== 'none' };

  const tools: AnswerTools = {
    authors,
    knownItems: createKnownItems(index),
    sessions,
    timeZone,
    pageSize,
    facetContext,
    help,
    schedule,
    page: resultsPage,
    people: (name, people, mode) => renderPeople(name, people.map(choice), mode),
    noResults: (query) => renderNoResults(query, index.suggest(query)),
    topicByPeople,
    combine: (first, second) => ({
      text: first.text,
      blocks: fitMessage([...first.blocks, ...second.blocks]),
    }),
  };

  function withPaper(id: string, render: (paper: Paper) => Reply): Reply {
    const paper = index.get(id);
    if (!paper) {
      return {
        kind: 'ephemeral',
        message: renderNotice('That poster is no longer in the catalog.'),
      };
    }
    return render(paper);
  }

  function choice(person: Person) {
    return { key: person.key, name: person.name, posters: person.paperIds.length };
  }

  function toItem(hit: SearchHit): ResultItem {
    return { paper: hit.paper, snippet: snippet(hit.paper.abstract, new Set(hit.terms)) };
  }

  return {
    command(text: string): Reply {
      return { kind: 'ephemeral', message: answerQuestion(readCommand(text, people), tools) };
    },

    action(actionId: string, value: string, asker: Asker): Reply {
      if (actionId === ACTION_IDS.resultsPrev || actionId === ACTION_IDS.resultsNext) {
        const request = decodeRequest(value);
        const message = request && resultsPage(request);
        if (message) return { kind: 'replace', message };
        return {
          kind: 'ephemeral',
          message: renderNotice('Those results are no longer available. Try your search again.'),
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
        return { kind: 'replace', message: search(cleanInput(value)) };
      }
      if (actionId.startsWith(ACTION_IDS.authorPick)) {
        const message = resultsPage({ kind: 'person', key: value, page: 0 });
        if (message) return { kind: 'replace', message };
        return { kind: 'ephemeral', message: renderNotice('That person has no posters here now.') };
      }
      return { kind: 'ephemeral', message: renderNotice('Sorry, I don’t know that button.') };
    },

    mention(text: string): SlackMessage {
      return answerQuestion(readMention(text, people), tools);
    },
  };
}

/** The author with the most papers (first in catalogue order on ties), for help examples. */
function mostPublishedAuthor(papers: readonly Paper[]): string | undefined {
  const counts = new Map<string, number>();
  for (const paper of papers) {
    for (const a of paper.authors) counts.set(a, (counts.get(a) ?? 0) + 1);
  }
  let best: [string, number] | undefined;
  for (const entry of counts) if (!best || entry[1] > best[1]) best = entry;
  return best?.[0];
}
