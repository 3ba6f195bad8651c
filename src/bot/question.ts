/**
 * A question as people ask it, read into what to look for: a topic, a person, a poster
 * named outright, and facets ("orals", "with code", "in session 3"). Pure: the caller says
 * which names are people, and settles known items and facets with the index and catalog.
 */
import { type Facets, hasFacets, readFacets } from './facets.ts';
import { unframe } from './framing.ts';
import {
  cleanInput,
  type MentionOptions,
  mentionText,
  parseMention,
  parsePosterCommand,
  type ScheduleIntent,
} from './intent.ts';

/** What a question asks for. */
export type Question =
  | { kind: 'help' }
  | ScheduleIntent
  /** Facets alone: "what are the orals?", `/poster with code`. */
  | { kind: 'posters'; facets: Facets }
  /** A subject; `phrase` is also tried as the name or title of a poster. */
  | { kind: 'topic'; query: string; facets: Facets }
  /** A person's posters, on `topic` when given. `phrase`: the whole question, unwrapped. */
  | { kind: 'author'; name: string; topic?: string; facets: Facets; phrase?: string }
  /** A short phrase that may be a person or a subject: people first, then a poster, then a topic. */
  | { kind: 'name_or_topic'; text: string; facets: Facets };

/** Reads an @mention (decoded, still holding `<@BOT>`). */
export function readMention(text: string, options: MentionOptions = {}): Question {
  const plain = parseMention(text, options);
  if (plain.kind === 'schedule') return plain;
  const { facets, rest } = readFacets(mentionText(text));
  if (!hasFacets(facets)) return fromIntent(plain, facets, mentionText(text));
  if (plain.kind === 'help') return plain;
  const intent = parseMention(rest, options);
  if (intent.kind === 'help' || intent.kind === 'schedule') return { kind: 'posters', facets };
  return fromIntent(intent, facets, rest);
}

/**
 * Reads `/poster` text (decoded): the same facets, wrapping and author phrasings ("papers by
 * Yi Tay") as a mention; anything else is searched as typed, less its wrapping.
 */
export function readCommand(text: string, options: MentionOptions = {}): Question {
  const intent = parsePosterCommand(text);
  if (intent.kind !== 'search')
    return intent.kind === 'author' ? { ...intent, facets: {} } : intent;
  const { facets, rest } = readFacets(intent.query);
  const asked = parseMention(rest, options);
  if (asked.kind === 'author' || asked.kind === 'topic_and_author') {
    return fromIntent(asked, facets, rest);
  }
  const topic = unframe(rest).text;
  if (topic === '') {
    return hasFacets(facets)
      ? { kind: 'posters', facets }
      : { kind: 'topic', query: intent.query, facets };
  }
  return { kind: 'topic', query: cleanInput(topic), facets };
}

function fromIntent(
  intent: ReturnType<typeof parseMention>,
  facets: Facets,
  sentence: string,
): Question {
  switch (intent.kind) {
    case 'help':
    case 'schedule':
      return intent;
    case 'topic':
      return { kind: 'topic', query: intent.query, facets };
    case 'name_or_topic':
      return { kind: 'name_or_topic', text: intent.text, facets };
    case 'author':
      return { kind: 'author', name: intent.name, facets };
    case 'topic_and_author':
      return {
        kind: 'author',
        name: intent.name,
        topic: intent.query,
        facets,
        phrase: unframe(sentence).text,
      };
  }
}
