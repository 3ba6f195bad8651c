/**
 * "Find posters about this" (issue 13): a Slack message's text as a search query. Pure.
 * What is not the author's own words goes — mentions, channels, links, code spans and blocks,
 * quoted lines, emoji codes — then the words that carry no topic ("hey", "anyone", "I think");
 * the informative words are kept in their order, each once.
 */
import { STOP_WORDS } from '../search/analyze.ts';
import { MAX_QUERY_LENGTH, stripSlackMarkup } from './intent.ts';

/** Words kept at most: a long message's first informative words make the query. */
export const MAX_MESSAGE_QUERY_WORDS = 12;

/** Chatter: words of conversation that say nothing about a topic. Kept short and common. */
const CHATTER = new Set(
  `i me my mine you your yours he she his her they we us our it's its im i'm i've i'd i'll
  you're you've that's there's what's let's don't doesn't didn't can't won't isn't aren't
  hi hey hello yo ok okay yes yeah yep no nope lol haha thanks thank thx pls please cc fyi
  btw imo imho just really very also too so then now still even maybe perhaps probably
  think thought guess know knew see saw seen heard look looks looking looked seem seems want wanted need
  anyone someone somebody anybody everyone people folks guys all any some every each
  here there this that these those what which who whom whose where when why how
  do does did done doing is are was were be been being am has have had having
  can could would should will shall may might must get got getting go going went make made
  like about around out up down off more most much many other others such same
  good great nice cool awesome interesting amazing neat love liked wow
  paper papers poster posters work works talk talks find found share shared check read
  today tomorrow yesterday day week session`.split(/\s+/),
);

export type MessageQuery =
  | { kind: 'query'; query: string }
  /** Nothing informative left: why, in a sentence for the person who asked. */
  | { kind: 'empty'; reason: string };

/** Removes code blocks, code spans and quoted lines (`>` after Slack's text is decoded). */
function withoutCodeAndQuotes(text: string): string {
  return text
    .replace(/```[\s\S]*?(?:```|$)/g, ' ')
    .replace(/`[^`\n]*`/g, ' ')
    .split('\n')
    .filter((line) => !/^\s*(?:>|&gt;)/.test(line))
    .join('\n');
}

/**
 * The query a message makes: its informative words, in order, each once, at most
 * `MAX_MESSAGE_QUERY_WORDS` and `MAX_QUERY_LENGTH` characters. `text` is the message as
 * Slack sends it, decoded (`&amp;` → `&`).
 */
export function messageQuery(text: string): MessageQuery {
  const plain = stripSlackMarkup(withoutCodeAndQuotes(text));
  const words = plain.match(/[\p{L}\p{N}][\p{L}\p{N}'’+-]*[\p{L}\p{N}+]|[\p{L}\p{N}]/gu) ?? [];
  const seen = new Set<string>();
  const kept: string[] = [];
  for (const word of words) {
    const key = word.toLowerCase().replace(/’/g, "'");
    if (seen.has(key) || STOP_WORDS.has(key) || CHATTER.has(key)) continue;
    // A lone letter or a bare number says nothing ("3", "a"); "3D", "RL", "T5" do.
    if (key.length < 2 || /^\d+$/.test(key)) continue;
    seen.add(key);
    kept.push(word);
    if (kept.length === MAX_MESSAGE_QUERY_WORDS) break;
  }
  let query = '';
  for (const word of kept) {
    const next = query === '' ? word : `${query} ${word}`;
    if (next.length > MAX_QUERY_LENGTH) break;
    query = next;
  }
  if (query === '') {
    return {
      kind: 'empty',
      reason:
        words.length === 0
          ? 'That message has no words of its own to search for (only links, mentions, code or quotes).'
          : 'That message has no topic words to search for.',
    };
  }
  return { kind: 'query', query };
}
