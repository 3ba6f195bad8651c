import { renderHelp } from '../blocks/help.ts';
import { ACTION_IDS } from '../blocks/ids.ts';
import type { SlackMessage } from '../blocks/message.ts';
import { renderAbstract, renderNoResults, renderNotice, renderShared } from '../blocks/paper.ts';
import { renderPeople } from '../blocks/people.ts';
import {
  fitMessage,
  type ResultItem,
  renderNothingAbout,
  renderResults,
} from '../blocks/results.ts';
import type { Catalog, Paper } from '../catalog/types.ts';
import { type SessionWindow, selectSessions } from '../digest/select.ts';
import { formatInstant } from '../digest/time.ts';
import { type AuthorIndex, matchedAuthorSlots, type Person } from '../search/author-index.ts';
import type { PaperIndex, SearchHit } from '../search/paper-index.ts';
import { snippet } from '../search/snippet.ts';
import { cleanInput, parseMention, parsePosterCommand, resolveBareQuery } from './intent.ts';
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

  // The help text depends on the catalog only: made once, on first use (five searches and a
  // pass over every author are not for each `/poster help`).
  let helpMessage: SlackMessage | undefined;
  function help(): SlackMessage {
    if (helpMessage) return helpMessage;
    const examples = HELP_EXAMPLES.filter((q) => index.search(q, { limit: 1 }).length > 0);
    const exampleAuthor = mostPublishedAuthor(index.all());
    helpMessage = renderHelp({
      examples,
      ...(exampleAuthor && { exampleAuthor }),
      papers: index.size,
      sessions: catalog.sessions.length,
      dated,
    });
    return helpMessage;
  }

  function resolve(request: ResultsRequest): Found {
    switch (request.kind) {
      case 'search': {
        const hits = index.search(request.query);
        return {
          subject: `for ‘${request.query}’`,
          total: hits.length,
          items: (from, to) => hits.slice(from, to).map(toItem),
          // Hits are ranked by how much of the query they carry, so a partial match may
          // come first while complete ones follow: the note is for when none is complete.
          ...(hits.length > 0 &&
            !hits.some((hit) => hit.complete) && {
              note: 'No poster matches every word; these match some of them.',
            }),
        };
      }
      case 'author': {
        const match = authors.find(request.name);
        return match.kind === 'people' ? personFound(match.people) : NOTHING;
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
  function resultsPage(request: ResultsRequest): SlackMessage | undefined {
    const { subject, total, items, note } = resolve(request);
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
  function personFound(people: readonly Person[]): Found {
    const names = [...new Set(people.map((p) => p.name))];
    return listed(
      `by ${names.length === 1 ? names[0] : `${names[0]} and namesakes`}`,
      authors.papersOfPeople(people).map((paper) => ({
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
    return resultsPage({ kind: 'search', query, page: 0 }) ?? nothingFound(query);
  }

  /**
   * Nothing listed: "No poster about …" when posters share only common words with the query
   * (issue 10), "No posters match …" when nothing matched at all.
   */
  function nothingFound(query: string): SlackMessage {
    const suggestions = index.suggest(query);
    return index.answer(query, { limit: 1 }).withheld > 0
      ? renderNothingAbout(query, suggestions)
      : renderNoResults(query, suggestions);
  }

  function schedule(which: SessionWindow): SlackMessage {
    return resultsPage({ kind: 'sessions', which, page: 0 }) ?? noSessions(which);
  }

  /**
   * A person's posters. One person (or namesakes spelt the same): their cards. Several
   * different people (a surname alone): a short list to pick from. Nobody: near misses as
   * "did you mean", or a keyword search when there are none.
   */
  function byAuthor(name: string, fallbackToSearch: boolean): SlackMessage {
    const match = authors.find(name);
    if (match.kind === 'people') {
      const names = new Set(match.people.map((p) => cleanInput(p.name).toLowerCase()));
      if (names.size === 1) return resultsPage({ kind: 'author', name, page: 0 })!;
      return renderPeople(name, match.people.map(choice), 'pick');
    }
    if (match.kind === 'suggestion') {
      return renderPeople(name, match.people.map(choice), 'did_you_mean');
    }
    return fallbackToSearch ? search(name) : renderPeople(name, [], 'did_you_mean');
  }

  /** Papers on a topic by a person: the topic search limited to that person's papers. */
  function topicByAuthor(query: string, name: string): SlackMessage {
    const match = authors.find(name);
    if (match.kind !== 'people') return byAuthor(name, false);
    const ids = new Set(authors.papersOfPeople(match.people).map((p) => p.id));
    const hits = index.search(query, { filter: (paper) => ids.has(paper.id) });
    if (hits.length === 0) return byAuthor(name, false);
    return renderResults({
      subject: `for ‘${query}’ by ${match.people[0]!.name}`,
      items: hits.slice(0, pageSize).map((hit) => ({
        ...toItem(hit),
        boldAuthors: matchedAuthorSlots(hit.paper, match.people),
      })),
      page: 0,
      pageSize,
      total: Math.min(hits.length, pageSize),
      sessions,
    });
  }

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
    const item = { paper: hit.paper, snippet: snippet(hit.paper.abstract, new Set(hit.terms)) };
    return hit.complete ? item : { ...item, missing: hit.missing };
  }

  return {
    command(text: string): Reply {
      const intent = parsePosterCommand(text);
      switch (intent.kind) {
        case 'help':
          return { kind: 'ephemeral', message: help() };
        case 'author':
          return { kind: 'ephemeral', message: byAuthor(intent.name, true) };
        case 'schedule':
          return { kind: 'ephemeral', message: schedule(intent.which) };
        case 'search':
          return { kind: 'ephemeral', message: search(intent.query) };
      }
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
      const intent = parseMention(text);
      switch (intent.kind) {
        case 'help':
          return help();
        case 'author':
          return byAuthor(intent.name, true);
        case 'topic':
          return search(intent.query);
        case 'topic_and_author':
          return topicByAuthor(intent.query, intent.name);
        case 'schedule':
          return schedule(intent.which);
        case 'name_or_topic': {
          const resolved = resolveBareQuery(intent.text, authors);
          if (resolved.kind === 'author') return byAuthor(resolved.name, true);
          const found = resultsPage({ kind: 'search', query: resolved.query, page: 0 });
          if (resolved.didYouMean.length === 0) {
            return found ?? nothingFound(resolved.query);
          }
          // Looks like a misspelt name: offer the people, and keep any keyword results below.
          const offer = renderPeople(
            resolved.query,
            resolved.didYouMean.map(choice),
            'did_you_mean',
          );
          return found
            ? { text: offer.text, blocks: fitMessage([...offer.blocks, ...found.blocks]) }
            : offer;
        }
      }
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
