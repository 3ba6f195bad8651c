/**
 * Answers a {@link Question}: a poster named outright comes first and alone, with where and
 * when; facets filter; an author nobody is called falls back to a topic search and says so,
 * and no answer ends in an empty "Did you mean". Rendering of result pages, people lists
 * and help stays with the caller (the tools), so mentions, `/poster` and the console answer
 * the same way.
 */
import type { SlackMessage } from '../blocks/message.ts';
import { renderNotice } from '../blocks/paper.ts';
import { renderResults } from '../blocks/results.ts';
import type { Paper, Session } from '../catalog/types.ts';
import type { SessionWindow } from '../digest/select.ts';
import type { AuthorIndex, Person } from '../search/author-index.ts';
import { type FacetContext, type Facets, hasFacets, scopeFacets } from './facets.ts';
import { cleanInput } from './intent.ts';
import { type KnownItems, whereAndWhen } from './known-item.ts';
import type { Question } from './question.ts';
import type { ResultsRequest } from './results-request.ts';

/** What answering needs from the rest of the bot. */
export interface AnswerTools {
  authors: AuthorIndex;
  knownItems: KnownItems;
  sessions: ReadonlyMap<string, Session>;
  timeZone: string;
  pageSize: number;
  facetContext(): FacetContext;
  help(): SlackMessage;
  schedule(which: SessionWindow): SlackMessage;
  /** The first page of a request's results, `note` under the heading; undefined when none. */
  page(request: ResultsRequest, note?: string): SlackMessage | undefined;
  /** Several people to pick from, or near misses to offer ("did you mean"); never empty. */
  people(name: string, people: readonly Person[], mode: 'pick' | 'did_you_mean'): SlackMessage;
  /** "No posters match ‘x’", with "did you mean" searches when there are any. */
  noResults(query: string): SlackMessage;
  /** A topic search among some people's papers; undefined when none matches. */
  topicByPeople(
    query: string,
    people: readonly Person[],
    filter?: (paper: Paper) => boolean,
  ): SlackMessage | undefined;
  /** Stacks messages into one (an offer of people above results). */
  combine(first: SlackMessage, second: SlackMessage): SlackMessage;
}

/** Answers a question read by `readMention` or `readCommand`. */
export function answerQuestion(question: Question, tools: AnswerTools): SlackMessage {
  switch (question.kind) {
    case 'help':
      return tools.help();
    case 'schedule':
      return tools.schedule(question.which);
    case 'posters':
      return postersWith(question.facets, tools);
    case 'topic':
      return known(question.query, tools) ?? topic(question.query, question.facets, tools);
    case 'name_or_topic': {
      const match = tools.authors.find(question.text);
      if (match.kind === 'people') return author(question.text, question.facets, tools);
      const found = known(question.text, tools);
      if (found) return found;
      const results = topic(question.text, question.facets, tools);
      if (match.kind === 'none') return results;
      // Looks like a misspelt name: offer the people, keep any keyword results below.
      const offer = tools.people(question.text, match.people, 'did_you_mean');
      return isResults(results) ? tools.combine(offer, results) : offer;
    }
    case 'author': {
      const found = question.phrase ? known(question.phrase, tools) : undefined;
      if (found) return found;
      return question.topic
        ? topicByAuthor(question.topic, question.name, question.facets, tools)
        : author(question.name, question.facets, tools);
    }
  }
}

/** A poster named outright: it alone (or the two named), with where and when. */
function known(phrase: string, tools: AnswerTools): SlackMessage | undefined {
  const papers = tools.knownItems.find(phrase);
  if (papers.length === 0) return undefined;
  const only = papers.length === 1 ? papers[0] : undefined;
  return renderResults({
    subject: `for ‘${cleanInput(phrase)}’`,
    items: papers.map((paper) => ({ paper })),
    page: 0,
    pageSize: tools.pageSize,
    total: papers.length,
    sessions: tools.sessions,
    ...(only && { note: whereAndWhen(only, tools.sessions, tools.timeZone) }),
  });
}

function topic(query: string, facets: Facets, tools: AnswerTools): SlackMessage {
  if (!hasFacets(facets)) {
    return tools.page({ kind: 'search', query, page: 0 }) ?? tools.noResults(query);
  }
  const scope = scopeFacets(facets, tools.facetContext());
  if (scope.kind === 'impossible') return renderNotice(scope.reason);
  const note = scope.kind === 'filter_without_time' ? scope.reason : undefined;
  return (
    tools.page({ kind: 'search', query, facets, page: 0 }, note) ??
    renderNotice(
      `No posters ${scope.description} match ‘${query}’.${note ? ` ${note}` : ''} Try without “${scope.description}”.`,
    )
  );
}

function postersWith(facets: Facets, tools: AnswerTools): SlackMessage {
  const scope = scopeFacets(facets, tools.facetContext());
  if (scope.kind === 'impossible') return renderNotice(scope.reason);
  const onlyTime = Object.keys(facets).every((k) => k === 'when');
  if (scope.kind === 'filter_without_time' && onlyTime) {
    return renderNotice(`${scope.reason} Try \`/poster <keywords>\`.`);
  }
  const note = scope.kind === 'filter_without_time' ? scope.reason : undefined;
  return (
    tools.page({ kind: 'posters', facets, page: 0 }, note) ??
    renderNotice(`No posters ${scope.description}.`)
  );
}

/**
 * A person's posters. One person (or namesakes spelt the same): their cards. Several
 * different people: a list to pick from. Near misses: "did you mean". Nobody: a keyword
 * search for the name, saying so.
 */
function author(name: string, facets: Facets, tools: AnswerTools): SlackMessage {
  const match = tools.authors.find(name);
  if (match.kind === 'suggestion') return tools.people(name, match.people, 'did_you_mean');
  if (match.kind === 'none') return authorMiss(name, name, facets, tools);
  const names = new Set(match.people.map((p) => cleanInput(p.name).toLowerCase()));
  if (names.size > 1) return tools.people(name, match.people, 'pick');
  const scope = hasFacets(facets) ? scopeFacets(facets, tools.facetContext()) : undefined;
  if (scope?.kind === 'impossible') return renderNotice(scope.reason);
  const note = scope?.kind === 'filter_without_time' ? scope.reason : undefined;
  return (
    tools.page({ kind: 'author', name, page: 0, ...(scope && { facets }) }, note) ??
    renderNotice(`${match.people[0]!.name} has no posters ${scope?.description ?? 'here'}.`)
  );
}

/** A topic among a person's papers; a miss on the person falls back to the topic. */
function topicByAuthor(
  query: string,
  name: string,
  facets: Facets,
  tools: AnswerTools,
): SlackMessage {
  const match = tools.authors.find(name);
  if (match.kind !== 'people') {
    const nearMisses = match.kind === 'suggestion' ? match.people : [];
    return authorMiss(name, query, facets, tools, nearMisses);
  }
  const scope = hasFacets(facets) ? scopeFacets(facets, tools.facetContext()) : undefined;
  if (scope?.kind === 'impossible') return renderNotice(scope.reason);
  return tools.topicByPeople(query, match.people, scope?.filter) ?? author(name, facets, tools);
}

/**
 * Nobody is called `name`: search `query` instead and say so, with near-miss people
 * offered above when there are some.
 */
function authorMiss(
  name: string,
  query: string,
  facets: Facets,
  tools: AnswerTools,
  nearMisses: readonly Person[] = [],
): SlackMessage {
  const results = topic(query, facets, tools);
  const said = `No author matches ‘${cleanInput(name)}’`;
  const message = isResults(results)
    ? tools.combine(
        renderNotice(`${said}, so here are posters about ‘${cleanInput(query)}’.`),
        results,
      )
    : renderNotice(`${said}, and no poster matches ‘${cleanInput(query)}’ either.`);
  return nearMisses.length > 0
    ? tools.combine(tools.people(name, nearMisses, 'did_you_mean'), message)
    : message;
}

function isResults(message: SlackMessage): boolean {
  return message.blocks[0]?.block_id === 'results_heading';
}

/**
 * Two or three questions for the help, each answerable in this catalog: a topic wrapped as
 * people ask (from a help example known to find posters), and the facets the data has.
 */
export function exampleQuestions(topic: string | undefined, papers: readonly Paper[]): string[] {
  const questions: string[] = [];
  if (topic) questions.push(`@poster is anyone presenting work on ${topic}?`);
  if (papers.some((p) => p.decision === 'Oral')) questions.push('@poster what are the orals?');
  const spotlight = papers.some((p) => p.decision === 'Spotlight');
  if (spotlight && topic) questions.push(`/poster spotlights on ${topic}`);
  else if (papers.some((p) => p.codeUrls.length > 0)) questions.push('/poster with code');
  return questions.slice(0, 3);
}
