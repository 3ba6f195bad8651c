/**
 * People: "papers by Yi Tay", `/poster author hsieh`, a bare name, "diffusion papers by X",
 * and the person buttons of a namesake list or a "did you mean".
 */
import { ACTION_IDS } from '../../blocks/ids.ts';
import type { SlackMessage } from '../../blocks/message.ts';
import { renderNotice } from '../../blocks/paper.ts';
import { renderPeople } from '../../blocks/people.ts';
import { fitMessage } from '../../blocks/results.ts';
import { matchedAuthorSlots, type Person } from '../../search/author-index.ts';
import type { BotContext, Feature } from '../feature.ts';
import { cleanInput, resolveBareQuery } from '../intent.ts';
import { type Found, hitItem, listed, NOTHING } from '../pages.ts';

export interface PeopleDeps extends BotContext {
  /** Keyword search, for a name that matches nobody. */
  search(query: string): SlackMessage;
  /** What to say when a keyword search finds nothing to list. */
  nothingFound(query: string): SlackMessage;
}

export function createPeopleFeature(deps: PeopleDeps): Feature {
  const { index, authors, pages, search, nothingFound } = deps;

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

  /**
   * A person's posters. One person (or namesakes spelt the same): their cards. Several
   * different people (a surname alone): a short list to pick from. Nobody: near misses as
   * "did you mean", or a keyword search when there are none.
   */
  function byAuthor(name: string, fallbackToSearch: boolean): SlackMessage {
    const match = authors.find(name);
    if (match.kind === 'people') {
      const names = new Set(match.people.map((p) => cleanInput(p.name).toLowerCase()));
      if (names.size === 1) return pages.show({ kind: 'author', name, page: 0 })!;
      return renderPeople(name, match.people.map(choice), 'pick');
    }
    if (match.kind === 'suggestion') {
      return renderPeople(name, match.people.map(choice), 'did_you_mean');
    }
    return fallbackToSearch ? search(name) : renderPeople(name, [], 'did_you_mean');
  }

  /** Papers on a topic by a person: the topic search limited to that person's papers. */
  function topicByAuthorFound(query: string, name: string): Found {
    const match = authors.find(name);
    if (match.kind !== 'people') return NOTHING;
    const ids = new Set(authors.papersOfPeople(match.people).map((p) => p.id));
    const hits = index.search(query, { filter: (paper) => ids.has(paper.id) });
    return {
      subject: `for ‘${query}’ by ${match.people[0]!.name}`,
      total: hits.length,
      items: (from, to) =>
        hits.slice(from, to).map((hit) => ({
          ...hitItem(hit),
          boldAuthors: matchedAuthorSlots(hit.paper, match.people),
        })),
    };
  }

  /** The first page of a topic among a person's posters; the person alone when none match. */
  function topicByAuthor(query: string, name: string): SlackMessage {
    return pages.show({ kind: 'topic_author', query, name, page: 0 }) ?? byAuthor(name, false);
  }

  /** A bare name or word: people first, then keywords; a misspelt name offers the people. */
  function nameOrTopic(text: string): SlackMessage {
    const resolved = resolveBareQuery(text, authors);
    if (resolved.kind === 'author') return byAuthor(resolved.name, true);
    const found = pages.show({ kind: 'search', query: resolved.query, page: 0 });
    if (resolved.didYouMean.length === 0) {
      return found ?? nothingFound(resolved.query);
    }
    // Looks like a misspelt name: offer the people, and keep any keyword results below.
    const offer = renderPeople(resolved.query, resolved.didYouMean.map(choice), 'did_you_mean');
    return found
      ? { text: offer.text, blocks: fitMessage([...offer.blocks, ...found.blocks]) }
      : offer;
  }

  return {
    name: 'people',
    command: { author: ({ name }) => byAuthor(name, true) },
    mention: {
      author: ({ name }) => byAuthor(name, true),
      topic_and_author: ({ query, name }) => topicByAuthor(query, name),
      name_or_topic: ({ text }) => nameOrTopic(text),
    },
    actions: {
      [ACTION_IDS.authorPick]: (key) => {
        const message = pages.show({ kind: 'person', key, page: 0 });
        if (message) return { kind: 'replace', message };
        return { kind: 'ephemeral', message: renderNotice('That person has no posters here now.') };
      },
    },
    finds: {
      author: ({ name }) => {
        const match = authors.find(name);
        return match.kind === 'people' ? personFound(match.people) : NOTHING;
      },
      topic_author: ({ query, name }) => topicByAuthorFound(query, name),
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
