/**
 * What a user asked for, read from an @mention or a `/poster` command. Pure: no index, no
 * Slack; the caller acts on the intent (the people feature settles "name or topic?" with an
 * author index).
 *
 * Mentions are read with a small set of English phrasings ("papers by X", "what is X
 * presenting?", "who works on X?", "diffusion papers by X"), tried in order; anything else
 * is a topic, or — when short enough to be a name — "name or topic". Slack markup (user and
 * channel mentions, `<!here>`, links) and bare URLs are dropped first, so they never become a
 * name or a search term.
 */
import { safeCut } from '../blocks/escape.ts';
import type { Facets } from './facets.ts';
import { unframe } from './framing.ts';

/** Longest query or name kept, in characters: long input must not blow up a reply. */
export const MAX_QUERY_LENGTH = 200;

/**
 * What an @mention asks for. `facets` (read by ./question.ts) narrow the posters: orals,
 * award winners, with code, a session, a time of day.
 */
export type Intent =
  | { kind: 'help' }
  | { kind: 'author'; name: string; facets?: Facets }
  | { kind: 'topic'; query: string; facets?: Facets }
  /**
   * A topic by a person. `phrase`, when the words came as "X by Y", is the whole question,
   * tried first as the title of a poster ("Meta-Imitation Learning by Watching Videos").
   */
  | { kind: 'topic_and_author'; query: string; name: string; facets?: Facets; phrase?: string }
  /** A short phrase that may be a person or a subject ("hsieh", "diffusion"): try people first. */
  | { kind: 'name_or_topic'; text: string; facets?: Facets }
  /** Facets alone: "what are the orals?", `/poster with code`. */
  | PostersIntent
  | ScheduleIntent;

/** "What is on now / next / today". */
export interface ScheduleIntent {
  kind: 'schedule';
  which: 'now' | 'next' | 'today';
}

/** Every poster with some facets. */
export interface PostersIntent {
  kind: 'posters';
  facets: Facets;
}

/** What a `/poster` command asks for: the mention's phrasings of people and facets too. */
export type CommandIntent =
  | { kind: 'help' }
  | { kind: 'author'; name: string; facets?: Facets }
  | Extract<Intent, { kind: 'topic_and_author' }>
  | PostersIntent
  | ScheduleIntent
  /** `/poster stats`: the usage report for organisers (a search for anyone else). */
  | { kind: 'stats' }
  | { kind: 'search'; query: string; facets?: Facets }
  /** `/poster plan`, `/poster home`: the posters I saved (src/bot/features/plan.ts). */
  | { kind: 'plan' }
  /** `/poster reminders` (`--dry-run` too): what I will be reminded of (features/reminders.ts). */
  | { kind: 'reminders' };

const CONTROL_RE = /[\p{Cc}\p{Cf}]/gu;

/**
 * Collapses whitespace, removes control and invisible characters, trims, and caps the text
 * at {@link MAX_QUERY_LENGTH} characters (never inside a surrogate pair).
 */
export function cleanInput(text: string): string {
  const clean = text.replace(/\s+/g, ' ').replace(CONTROL_RE, '').trim();
  if (clean.length <= MAX_QUERY_LENGTH) return clean;
  return clean.slice(0, safeCut(clean, MAX_QUERY_LENGTH, false)).trimEnd();
}

/**
 * Removes Slack markup that is not the user's words: `<@U…>`, `<@U…|name>`, `<#C…|name>`,
 * `<!here>`, `<!subteam^…>`, `<https://…|label>`, `<mailto:…>`, bare URLs, emoji codes
 * (`:wave:`) and mrkdwn emphasis marks.
 * https://api.slack.com/reference/surfaces/formatting#retrieving-messages
 */
export function stripSlackMarkup(text: string): string {
  return text
    .replace(/<(?:[@#!]|[a-z][a-z0-9+.-]*:)[^<>]*>/gi, ' ')
    .replace(/\b(?:https?:\/\/|www\.)\S+/gi, ' ')
    .replace(/:[a-z0-9_+'-]+:/gi, ' ')
    .replace(/[*_~`]/g, ' ');
}

/** Openers and politeness that carry no meaning: "hey,", "can you show me", "please". */
const LEAD_RE =
  /^(?:(?:hi|hey|hello|yo|ok|okay|also|please|pls|plz)\b[,!.:]?\s*|(?:can|could|would)\s+you\s+(?:please\s+)?|(?:please\s+)?(?:show|find|give|get|list|tell)(?:\s+me)?\b\s*|search(?:\s+for)?\s+|look(?:\s+for|\s+up)?\s+|i(?:'m|’m| am)\s+looking\s+for\s+|i\s+(?:want|need)(?:\s+to\s+see)?\s+|(?:are|is)\s+there\s+|do\s+you\s+(?:have|know(?:\s+of)?)\s+)/i;
const TRAIL_RE = /(?:[\s,]+(?:please|pls|plz|thanks|thank you|thx)|[\s?!.,;:]+)$/i;

/** Strips openers, politeness and trailing punctuation, repeatedly, and quotes around it. */
function strip(text: string): string {
  let previous: string;
  let current = text;
  do {
    previous = current;
    current = current.replace(LEAD_RE, '').replace(TRAIL_RE, '').trim();
    current = current.replace(/^["“”'‘’]+|["“”'‘’]+$/g, '').trim();
  } while (current !== previous);
  return current;
}

const HELP_RE =
  /^(?:|help(?: me)?|\?+|h|hi|hey|hello|yo|usage|commands?|menu|start|what can you do|how does (?:this|it) work|how do i use (?:this|you|it))$/i;

/** Generic nouns for "papers": "papers by X", "anything by X", "all posters from X". */
const WORK =
  '(?:(?:all|any|some|the)\\s+)?(?:papers?|posters?|works?|talks?|publications?|research|stuff|things|anything|something|everything|all)';
const NOUN_RE = new RegExp(`^${WORK}$`, 'i');
const BY = '(?:(?:co-?)?authored|written|presented|published|done)?\\s*by';

/**
 * "papers by X" (whatever follows "by" is taken as a name when it could be one) and "anything
 * from X" (only when X looks like a person: "from" starts topics too).
 */
const EXPLICIT_AUTHOR_PATTERNS: readonly RegExp[] = [
  new RegExp(`^(?:${WORK}\\s+)?${BY}\\s+(?<by>.+)$`, 'i'),
  new RegExp(`^${WORK}\\s+(?:from|of|with|featuring)\\s+(?<name>.+)$`, 'i'),
];

/** Questions about a person ("what is X presenting?"); the capture must look like a name. */
const AUTHOR_QUESTION_PATTERNS: readonly RegExp[] = [
  /^(?:what|which)(?:\s+(?:papers?|posters?))?(?:\s+(?:is|are|does|do|will|did)|['’]s)\s+(?<name>.+?)\s+(?:presenting|present|showing|show|have|has|got|bringing|working on|work on|publish|published|written|write)(?:\s+(?:today|tomorrow|here))?$/i,
  /^which\s+(?:papers?|posters?)\s+(?:is|are|has|have|did)\s+(?<name>.+?)\s+(?:on|in|presenting|authored|written|co-?authored|got)$/i,
  /^(?:where|when)\s+(?:is|are|does|do)\s+(?<name>.+?)(?:['’]s?\s+(?:papers?|posters?))?(?:\s+(?:presenting|present|poster|posters))?$/i,
  /^(?:is|does)\s+(?<name>.+?)\s+(?:presenting|present|here|have\s+(?:a|any)\s+(?:papers?|posters?))$/i,
  /^(?<name>.+?)['’]s?\s+(?:(?:new|latest|recent)\s+)?(?:papers?|posters?|works?|talks?)$/i,
];

/** "papers about diffusion by Yi Tay", "papers by Yi Tay on diffusion". */
const TOPIC_AND_AUTHOR_PATTERNS: readonly RegExp[] = [
  new RegExp(
    `^${WORK}\\s+(?:on|about|regarding|concerning|related to|around|in)\\s+(?<query>.+?)\\s+(?:by|from)\\s+(?<name>.+)$`,
    'i',
  ),
  new RegExp(
    `^(?:${WORK}\\s+)?${BY}\\s+(?<by>.+?)\\s+(?:on|about|regarding|concerning)\\s+(?<query>.+)$`,
    'i',
  ),
];

/**
 * "diffusion papers by Yi Tay": a subject, then "by". Tried after the author and topic
 * phrasings, since those start with words this one would swallow as the subject.
 */
const SUBJECT_BY_AUTHOR_RE = new RegExp(
  `^(?<query>.+?)\\s+(?:${WORK}\\s+)?(?:${BY}|from)\\s+(?<name>.+)$`,
  'i',
);

/** Phrasings that name a subject. */
const TOPIC_PATTERNS: readonly RegExp[] = [
  /^who(?:\s+else)?(?:'s|’s|\s+is|\s+are)?\s+(?:works?|working|worked|writes?|writing|wrote|researching|researches|research|studying|studies|study|publishes|publishing|published|presents|presenting|does|did|has|have)\s+(?:(?:on|about|in)\s+)?(?<query>.+)$/i,
  /^(?:about|on|regarding|re)\s+(?<query>.+)$/i,
  /^(?:where|when)\s+(?:is|are)\s+(?:the\s+)?(?<query>.+?)\s+(?:papers?|posters?|talks?)$/i,
  new RegExp(
    `^(?:${WORK}|what(?:'s|’s| is)?(?:\\s+there)?)\\s+(?:on|about|regarding|concerning|related to|around|in|for)\\s+(?<query>.+)$`,
    'i',
  ),
];

/** "(who has) papers on X": the generic head of a topic phrase. */
const WORK_ON_RE = new RegExp(`^${WORK}\\s+(?:on|about|in)\\s+`, 'i');

/** "diffusion papers", "Yi Tay papers": the head word says nothing, the rest decides. */
const TRAILING_NOUN_RE = /^(?<text>.+?)\s+(?:papers?|posters?|works?|talks?)$/i;

const SCHEDULE_RE =
  /^(?:(?:what(?:'s|’s| is)\s+)?(?:on\s+)?(?<which>now|next|today)|what(?:'s|’s| is) (?:on|happening)(?:\s+(?<which2>now|next|today))?|(?<which3>now|next|today)(?:'s)?\s+(?:posters?|sessions?))$/i;

/** Words that do not occur in names; their presence makes a phrase a topic. */
const FUNCTION_WORDS = new Set(
  'a about an and are as at be by can do does for from has have how in into is it its of on or over regarding than that the their to towards under using via vs was what when where which while who why will with within without'.split(
    ' ',
  ),
);

/** Words that ask for something without saying what: "papers by", "who works on", "anything". */
const HOLLOW_WORDS = new Set([
  ...FUNCTION_WORDS,
  ...'paper papers poster posters work works working talk talks publication publications research stuff things anything something everything all any some me show find written authored presented'.split(
    ' ',
  ),
]);

/** True when every word of `text` is a {@link HOLLOW_WORDS} word: nothing to search for. */
function isHollow(text: string): boolean {
  return text.split(' ').every((w) => HOLLOW_WORDS.has(w.toLowerCase()));
}

/**
 * True when `text` could be a person's name: one to four words of letters (with the
 * hyphens, dots and apostrophes names carry), no digits, no function words, and not an
 * acronym typed in capitals (`GAN`, `BERT` are topics, even though Gan is a surname).
 */
export function couldBeName(text: string): boolean {
  const words = text.split(' ');
  if (words.length > 4) return false;
  return words.every(
    (w) =>
      /^[\p{L}\p{M}][\p{L}\p{M}.'’-]*$/u.test(w) &&
      !FUNCTION_WORDS.has(w.toLowerCase()) &&
      !(words.length === 1 && w.length >= 2 && w === w.toUpperCase() && w !== w.toLowerCase()),
  );
}

function tidyName(name: string): string {
  return strip(name.replace(/['’]s$/i, ''));
}

function firstMatch(patterns: readonly RegExp[], text: string): Record<string, string> | undefined {
  for (const pattern of patterns) {
    const groups = pattern.exec(text)?.groups;
    if (groups) return groups;
  }
  return undefined;
}

/** A phrase with no telling words around it: a topic, unless it could be a name. */
function bare(text: string): Intent {
  return couldBeName(text) ? { kind: 'name_or_topic', text } : { kind: 'topic', query: text };
}

function schedule(text: string): ScheduleIntent | undefined {
  const groups = SCHEDULE_RE.exec(text)?.groups;
  const which = (groups?.which ?? groups?.which2 ?? groups?.which3)?.toLowerCase();
  if (which === 'now' || which === 'next' || which === 'today') return { kind: 'schedule', which };
  return groups ? { kind: 'schedule', which: 'now' } : undefined;
}

/** What the caller knows that a pure parser cannot: which names belong to people. */
export interface MentionOptions {
  /** True when the catalog knows (or nearly knows) someone by this name. */
  knowsName?: (name: string) => boolean;
}

/** Name particles written in lower case: "Shalini de Mello", "Ludwig van Beethoven". */
const PARTICLES = new Set(
  'de da das di do dos du del della der den la le van von ter ten bin al el'.split(' '),
);

/**
 * True when what follows "from" or "by" is a person: it could be a name, and is written like
 * one (capitalised words or initials: "Yi Tay", "X.Y. Han", "LIU YONG") or is a name the
 * catalog knows ("yi tay"). "simulation to real robots" and "noisy labels" are topics.
 */
export function looksLikePerson(name: string, options: MentionOptions = {}): boolean {
  if (!couldBeName(name)) return false;
  const words = name.split(' ');
  const capitalised = words.every((w) => /^\p{Lu}/u.test(w) || PARTICLES.has(w));
  return (capitalised && /^\p{Lu}/u.test(name)) || options.knowsName?.(name) === true;
}

/** An @mention's text without Slack markup, wrapping punctuation and openers. */
export function mentionText(text: string): string {
  return strip(cleanInput(stripSlackMarkup(text)));
}

/**
 * Reads an @mention's text (already decoded from Slack's `&lt;` escaping, still holding the
 * `<@BOT>` mention). Empty text, "help", "hi" and "?" ask for help. A question's wrapping
 * ("is anyone presenting work on …", see framing.ts) is dropped before the topic is read,
 * and "from"/"by" start an author only when a person follows ({@link looksLikePerson}).
 */
export function parseMention(text: string, options: MentionOptions = {}): Intent {
  const cleaned = mentionText(text);
  if (HELP_RE.test(cleaned) || isHollow(cleaned)) return { kind: 'help' };
  const when = schedule(cleaned);
  if (when) return when;

  const person = (name: string | undefined, explicitBy: boolean) =>
    name !== undefined &&
    !NOUN_RE.test(name) &&
    (explicitBy ? couldBeName(tidyName(name)) : looksLikePerson(tidyName(name), options));
  const both = firstMatch(TOPIC_AND_AUTHOR_PATTERNS, cleaned);
  const bothName = both?.by ?? both?.name;
  if (both?.query && bothName && person(bothName, both.by !== undefined)) {
    return topicAndAuthor(both.query, bothName);
  }
  const named = firstMatch(EXPLICIT_AUTHOR_PATTERNS, cleaned);
  const namedName = named?.by ?? named?.name;
  if (namedName && person(namedName, named?.by !== undefined)) {
    return { kind: 'author', name: tidyName(namedName) };
  }
  const asked = firstMatch(AUTHOR_QUESTION_PATTERNS, cleaned)?.name;
  if (asked && couldBeName(tidyName(asked))) return { kind: 'author', name: tidyName(asked) };

  const unframed = unframe(cleaned);
  if (unframed.text === '') return { kind: 'help' };
  const rest = strip(unframed.text);
  const topic = firstMatch(TOPIC_PATTERNS, rest)?.query;
  if (topic) return { kind: 'topic', query: strip(topic.replace(WORK_ON_RE, '')) };
  const tail = SUBJECT_BY_AUTHOR_RE.exec(rest)?.groups;
  if (tail?.query && tail.name) {
    if (person(tail.name, false)) return topicAndAuthor(tail.query, tail.name);
    return { kind: 'topic', query: strip(rest.replace(WORK_ON_RE, '')) };
  }
  const headless = strip(TRAILING_NOUN_RE.exec(rest)?.groups?.text ?? rest);
  return unframed.topic ? { kind: 'topic', query: headless } : bare(headless);
}

function topicAndAuthor(query: string, name: string): Intent {
  const topic = strip(query.replace(new RegExp(`\\s+${WORK}$`, 'i'), ''));
  if (topic === '' || NOUN_RE.test(topic)) return { kind: 'author', name: tidyName(name) };
  return { kind: 'topic_and_author', query: topic, name: tidyName(name) };
}

/**
 * Reads `/poster` text (decoded from Slack's escaping): `help` or nothing → help; `author <name>`, `by:<name>`, `by <name>`
 * → author; `now`, `next`, `today` → schedule; `stats` → the organisers' report; `plan`,
 * `home` → the plan; anything else is a search query.
 */
export function parsePosterCommand(text: string): CommandIntent {
  // Command text is what the user typed (Slack formats mentions in it only when the app asks
  // for it), so it is kept as typed: a search for `<!channel>` echoes it back, escaped.
  const cleaned = cleanInput(text);
  if (/^(?:|help|\?+|-h|--help|usage)$/i.test(cleaned)) return { kind: 'help' };
  const author = /^(?:author(?::|\s|$)|by(?::|\s))\s*(?<name>.*)$/i.exec(cleaned)?.groups?.name;
  if (author !== undefined) {
    const name = tidyName(author);
    return name === '' ? { kind: 'help' } : { kind: 'author', name };
  }
  const which = cleaned.toLowerCase();
  if (which === 'now' || which === 'next' || which === 'today') return { kind: 'schedule', which };
  if (which === 'stats') return { kind: 'stats' };
  if (/^(?:plan|home|my plan|saved)$/.test(which)) return { kind: 'plan' };
  if (/^(?:reminders?)(?: --dry-run)?$/.test(which)) return { kind: 'reminders' };
  return { kind: 'search', query: cleaned };
}
