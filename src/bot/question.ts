/**
 * A question as people ask it, read into an intent: a topic, a person, a poster named
 * outright (settled by the search feature with ./known-item.ts), and facets ("orals", "with
 * code", "in session 3"). Pure: the caller says which names are people.
 */
import { type Facets, hasFacets, readFacets } from './facets.ts';
import { unframe } from './framing.ts';
import {
  type CommandIntent,
  cleanInput,
  type Intent,
  type MentionOptions,
  mentionText,
  parseMention,
  parsePosterCommand,
} from './intent.ts';

/**
 * Reads an @mention (decoded, still holding `<@BOT>`): {@link parseMention}'s phrasings,
 * with the facets read out first ("orals by Percy Liang" → Percy Liang's orals).
 */
export function readMention(text: string, options: MentionOptions = {}): Intent {
  const plain = parseMention(text, options);
  if (plain.kind === 'schedule' || plain.kind === 'help') return withPhrase(plain, text);
  const { facets, rest } = readFacets(mentionText(text));
  if (!hasFacets(facets)) return withPhrase(plain, mentionText(text));
  const intent = parseMention(rest, options);
  if (intent.kind === 'help' || intent.kind === 'schedule') return { kind: 'posters', facets };
  return withFacets(withPhrase(intent, rest), facets);
}

/**
 * Reads `/poster` text (decoded): the same facets, wrapping and author phrasings ("papers by
 * Yi Tay") as a mention; anything else is searched as typed, less its wrapping.
 */
export function readCommand(text: string, options: MentionOptions = {}): CommandIntent {
  const intent = parsePosterCommand(text);
  if (intent.kind !== 'search') return intent;
  const { facets, rest } = readFacets(intent.query);
  const asked = parseMention(rest, options);
  if (asked.kind === 'author' || asked.kind === 'topic_and_author') {
    return withFacets(withPhrase(asked, rest), facets);
  }
  const topic = unframe(rest).text;
  if (topic === '') {
    return hasFacets(facets) ? { kind: 'posters', facets } : intent;
  }
  return withFacets({ kind: 'search', query: cleanInput(topic) }, facets);
}

/** "X by Y" keeps the whole question, to be tried as a poster's title first. */
function withPhrase<I extends Intent>(intent: I, sentence: string): I {
  if (intent.kind !== 'topic_and_author') return intent;
  return { ...intent, phrase: unframe(sentence).text };
}

function withFacets<I extends Intent | CommandIntent>(intent: I, facets: Facets): I {
  return hasFacets(facets) ? { ...intent, facets } : intent;
}
