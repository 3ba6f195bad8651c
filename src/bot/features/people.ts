/**
 * People: "papers by Yi Tay", `/poster author hsieh`, a bare name, "diffusion papers by X",
 * "orals by Percy Liang", and the person buttons of a namesake list or a "did you mean". A
 * name nobody has falls back to a topic search and says so; no answer ends in an empty
 * "Did you mean:".
 */
import { ACTION_IDS } from '../../blocks/ids.ts';
import type { SlackMessage } from '../../blocks/message.ts';
import { renderNotice } from '../../blocks/paper.ts';
import { renderPeople } from '../../blocks/people.ts';
import { fitMessage } from '../../blocks/results.ts';
import type { Paper } from '../../catalog/types.ts';
import { matchedAuthorSlots, type Person } from '../../search/author-index.ts';
import { type Facets, hasFacets } from '../facets.ts';
import type { BotContext, Feature } from '../feature.ts';
import { cleanInput } from '../intent.ts';
import { type Found, hitItem, listed, NOTHING } from '../pages.ts';
import type { Asker } from '../types.ts';
import type { SearchFeature } from './search.ts';

export interface PeopleDeps extends BotContext {
  /** Topics, named posters and facets, for what is not a person. */
  search: Pick<SearchFeature, 'topic' | 'asked' | 'known' | 'scope'>;
}

export function createPeopleFeature(deps: PeopleDeps): Feature {
  const { index, authors, pages, search } = deps;

  /** The papers of the given people (with the facets), their names in bold. */
  function personFound(people: readonly Person[], facets?: Facets): Found {
    const names = [...new Set(people.map((p) => p.name))];
    const scoped = facets && hasFacets(facets) ? search.scope(facets) : undefined;
    if (scoped?.kind === 'impossible') return NOTHING;
    const keep = scoped?.filter ?? (() => true);
    return listed(
      `by ${names.length === 1 ? names[0] : `${names[0]} and namesakes`}${scoped?.description ? ` ${scoped.description}` : ''}`,
      authors
        .papersOfPeople(people)
        .filter(keep)
        .map((paper) => ({ paper, boldAuthors: matchedAuthorSlots(paper, people) })),
    );
  }

  /**
   * A person's posters. One person (or namesakes spelt the same): their cards. Several
   * different people (a surname alone): a short list to pick from. Near misses: "did you
   * mean". Nobody: a keyword search for the name, saying so.
   */
  function byAuthor(name: string, facets?: Facets): SlackMessage {
    const match = authors.find(name);
    if (match.kind === 'suggestion') {
      return renderPeople(name, match.people.map(choice), 'did_you_mean');
    }
    if (match.kind === 'none') return authorMiss(name, name, facets);
    const names = new Set(match.people.map((p) => cleanInput(p.name).toLowerCase()));
    if (names.size > 1) return renderPeople(name, match.people.map(choice), 'pick');
    const scoped = facets && hasFacets(facets) ? search.scope(facets) : undefined;
    if (scoped?.kind === 'impossible') return renderNotice(scoped.reason);
    const note = scoped?.kind === 'filter_without_time' ? scoped.reason : undefined;
    const who = match.people[0]!.name;
    return (
      pages.show({ kind: 'author', name, page: 0, ...(scoped && { facets }) }, note) ??
      pages.show(
        { kind: 'author', name, page: 0 },
        `${who} has no posters ${scoped?.description ?? 'here'}; these are all their posters.`,
      ) ??
      renderNotice(`${who} has no posters here.`)
    );
  }

  /** Papers on a topic by a person (with the facets): the topic search among their papers. */
  function topicByAuthorFound(query: string, name: string, facets?: Facets): Found {
    const match = authors.find(name);
    if (match.kind !== 'people') return NOTHING;
    const scoped = facets && hasFacets(facets) ? search.scope(facets) : undefined;
    if (scoped?.kind === 'impossible') return NOTHING;
    const keep = scoped?.filter ?? (() => true);
    const ids = new Set(authors.papersOfPeople(match.people).map((p) => p.id));
    const hits = index.search(query, { filter: (p: Paper) => ids.has(p.id) && keep(p) });
    return {
      subject: `for ‘${query}’ by ${match.people[0]!.name}${scoped?.description ? ` ${scoped.description}` : ''}`,
      total: hits.length,
      items: (from, to) =>
        hits.slice(from, to).map((hit) => ({
          ...hitItem(hit),
          boldAuthors: matchedAuthorSlots(hit.paper, match.people),
        })),
    };
  }

  /**
   * Papers on a topic by a person, a page at a time; the person alone when none match. A
   * poster named outright comes first ("Meta-Imitation Learning by Watching Videos" is a
   * title, not a person); a person nobody is called falls back to the topic.
   */
  function topicByAuthor(query: string, name: string, facets?: Facets, phrase?: string) {
    const named = phrase ? search.known(phrase) : undefined;
    if (named) return named;
    const match = authors.find(name);
    if (match.kind !== 'people') {
      return authorMiss(name, query, facets, match.kind === 'suggestion' ? match.people : []);
    }
    const scoped = facets && hasFacets(facets) ? search.scope(facets) : undefined;
    if (scoped?.kind === 'impossible') return renderNotice(scoped.reason);
    const request = { kind: 'topic_author', query, name, page: 0 } as const;
    return pages.show(scoped ? { ...request, facets: facets! } : request) ?? byAuthor(name, facets);
  }

  /**
   * Nobody is called `name`: search `query` instead and say so, with near-miss people
   * offered above when there are some.
   */
  function authorMiss(
    name: string,
    query: string,
    facets?: Facets,
    nearMisses: readonly Person[] = [],
  ): SlackMessage {
    const results = search.topic(query, facets);
    const said = `No author matches ‘${cleanInput(name)}’`;
    // Not a results page: keep the topic's own answer ("No poster about …" with its
    // suggestions, or why a facet cannot hold) under the author notice.
    const message = isResults(results)
      ? stack(renderNotice(`${said}, so here are posters about ‘${cleanInput(query)}’.`), results)
      : stack(renderNotice(`${said}.`), results);
    return nearMisses.length > 0
      ? stack(renderPeople(name, nearMisses.map(choice), 'did_you_mean'), message)
      : message;
  }

  /** A bare name or word: people first, then a poster it names, then keywords. */
  function nameOrTopic(text: string, asker: Asker, facets?: Facets): SlackMessage {
    const match = authors.find(text);
    if (match.kind === 'people') return byAuthor(text, facets);
    const results = search.asked(asker, text, facets);
    if (match.kind === 'none') return results;
    // Looks like a misspelt name: offer the people, and keep any keyword results below.
    const offer = renderPeople(text, match.people.map(choice), 'did_you_mean');
    return isResults(results) ? stack(offer, results) : offer;
  }

  return {
    name: 'people',
    command: {
      author: ({ name, facets }) => byAuthor(name, facets),
      topic_and_author: ({ query, name, facets, phrase }) =>
        topicByAuthor(query, name, facets, phrase),
    },
    mention: {
      author: ({ name, facets }) => byAuthor(name, facets),
      topic_and_author: ({ query, name, facets, phrase }) =>
        topicByAuthor(query, name, facets, phrase),
      name_or_topic: ({ text, facets }, asker) => nameOrTopic(text, asker, facets),
    },
    actions: {
      [ACTION_IDS.authorPick]: (key) => {
        const message = pages.show({ kind: 'person', key, page: 0 });
        if (message) return { kind: 'replace', message };
        return { kind: 'ephemeral', message: renderNotice('That person has no posters here now.') };
      },
    },
    finds: {
      author: ({ name, facets }) => {
        const match = authors.find(name);
        return match.kind === 'people' ? personFound(match.people, facets) : NOTHING;
      },
      topic_author: ({ query, name, facets }) => topicByAuthorFound(query, name, facets),
      person: ({ key }) => {
        const person = authors.person(key);
        return person ? personFound([person]) : NOTHING;
      },
    },
  };
}

function choice(person: Person) {
  return { key: person.key, name: person.name, posters: person.paperIds.length };
}

/** True when a message is a page of results (not a notice or "no results"). */
function isResults(message: SlackMessage): boolean {
  return message.blocks[0]?.block_id === 'results_heading';
}

/** Two messages as one: the first's fallback text, both's blocks, within Slack's limits. */
function stack(first: SlackMessage, second: SlackMessage): SlackMessage {
  return { text: first.text, blocks: fitMessage([...first.blocks, ...second.blocks]) };
}
