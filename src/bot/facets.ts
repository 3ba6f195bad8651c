/**
 * Facets asked for in words — "orals", "spotlights", "award-winning", "the outstanding paper",
 * "with code", "in session 3", "this afternoon", "tomorrow" — read out of a question, and
 * applied as a filter over papers. Pure: the catalog's sessions and the clock are arguments.
 */
import type { Decision, Paper, Session } from '../catalog/types.ts';
import { addDays, localDate } from '../time.ts';

/** Part of a day, by the session's local start hour: before 12, 12–17, from 17. */
export type PartOfDay = 'morning' | 'afternoon' | 'evening';

/** What a question narrows the posters to, besides its topic or author. */
export interface Facets {
  /** Accepted as one of these (an oral or a spotlight). */
  decisions?: Decision[];
  /** Won an award ("Outstanding Paper"). */
  award?: true;
  /** Links a code repository. */
  code?: true;
  /** A session as typed: its number ("3") or its name. */
  session?: string;
  /** A day relative to now, and a part of it. */
  when?: { day: 'today' | 'tomorrow'; part?: PartOfDay };
}

interface FacetWords {
  pattern: RegExp;
  /** What the words stood for in the sentence: a noun ("orals" → posters) or nothing. */
  leaves: string;
  read(match: RegExpExecArray, facets: Facets): void;
}

const POSTERS = ' posters ';
/** "accepted as an oral", "the spotlights": words that belong to the decision. */
const ACCEPTED_AS = String.raw`(?:(?:accepted|selected|chosen)\s+(?:as|for)\s+)?(?:(?:an?|the)\s+)?`;
/** "session nine": numbers as people type them in a sentence. */
const NUMBER_WORDS =
  'one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen twenty'.split(
    ' ',
  );
const KIND = String.raw`(?:\s+(?:papers?|posters?|talks?|presentations?|sessions?))?`;

function addDecision(facets: Facets, decision: Decision) {
  facets.decisions = [...new Set([...(facets.decisions ?? []), decision])];
}

/** The facet phrases, tried in order; each match is cut out of the question. */
const FACET_WORDS: readonly FacetWords[] = [
  {
    pattern: new RegExp(
      String.raw`\b${ACCEPTED_AS}oral(?:s|\s+presentations?|\s+talks?|\s+papers?|\s+posters?)?\b`,
      'gi',
    ),
    leaves: POSTERS,
    read: (_, f) => addDecision(f, 'Oral'),
  },
  {
    pattern: new RegExp(String.raw`\b${ACCEPTED_AS}spot-?lights?${KIND}\b`, 'gi'),
    leaves: POSTERS,
    read: (_, f) => addDecision(f, 'Spotlight'),
  },
  {
    pattern: new RegExp(
      String.raw`(?:\b(?:win|wins|won|winning|got|get|received?)\s+)?(?:\b(?:the|an?)\s+)?\b(?:(?:best|outstanding)\s+papers?(?:\s+awards?)?(?:\s+honou?rable\s+mentions?)?|award[-\s]?winn(?:ing|ers?)${KIND}|prize[-\s]?winn(?:ing|ers?)${KIND}|awarded${KIND}|awards?)\b`,
      'gi',
    ),
    leaves: POSTERS,
    read: (_, f) => {
      f.award = true;
    },
  },
  {
    pattern:
      /\b(?:(?:that\s+|which\s+)?(?:with|has|have|having|w\/)\s+(?:(?:public|open[-\s]?source|released|available|source)\s+)?(?:code|implementations?|repos?|repositor(?:y|ies)|github)|(?:code|implementations?)\s+(?:is\s+|are\s+)?(?:available|released|public)|open[-\s]?sourced)\b/gi,
    leaves: ' ',
    read: (_, f) => {
      f.code = true;
    },
  },
  {
    pattern: new RegExp(
      String.raw`\b(?:(?:in|at|during|from|of)\s+)?(?:the\s+)?(?:poster\s+)?session\s+(?:#|no\.?\s*|number\s+)?(?<n>\d{1,3}|${NUMBER_WORDS.join('|')})\b`,
      'gi',
    ),
    leaves: ' ',
    read: (m, f) => {
      const n = (m.groups?.n ?? '').toLowerCase();
      const spelt = NUMBER_WORDS.indexOf(n);
      f.session = spelt >= 0 ? String(spelt + 1) : n;
    },
  },
  {
    pattern:
      /\b(?:(?:this|in\s+the)\s+(?<part>morning|afternoon|evening)|(?<tonight>tonight)|(?<day>today|tomorrow)(?:\s+(?<part2>morning|afternoon|evening))?)(?:['’]s)?\b/gi,
    leaves: ' ',
    read: (m, f) => {
      const g = m.groups ?? {};
      const day = g.day?.toLowerCase() === 'tomorrow' ? 'tomorrow' : 'today';
      const part = (g.tonight ? 'evening' : (g.part ?? g.part2)?.toLowerCase()) as
        | PartOfDay
        | undefined;
      f.when = { day, ...(part && { part }) };
    },
  },
];

/** A question with its facets read out, and what is left of it. */
export interface FacetedText {
  facets: Facets;
  /** The question without the facet words; nouns like "orals" leave "posters" behind. */
  rest: string;
}

/**
 * Reads the facets of a question: "spotlights on optimization with code" → spotlights and
 * code, rest "posters on optimization". Doubled nouns left behind ("award-winning papers")
 * are folded into one.
 */
export function readFacets(text: string): FacetedText {
  const facets: Facets = {};
  let rest = text;
  for (const words of FACET_WORDS) {
    for (const match of rest.matchAll(words.pattern)) words.read(match, facets);
    rest = rest.replace(words.pattern, words.leaves);
  }
  rest = rest
    .replace(
      /\b(?:posters?|papers?|works?|talks?)(?:\s+(?:posters?|papers?|works?|talks?))+\b/gi,
      'posters',
    )
    .replace(/\s+/g, ' ')
    .replace(/\s+([?!.,;:])/g, '$1')
    .trim();
  return { facets, rest };
}

/** True when the question asked for no facet. */
export function hasFacets(facets: Facets): boolean {
  return Object.keys(facets).length > 0;
}

/** "among the orals", "with code", "in Poster Session 9", "this afternoon", in one phrase. */
export function describeFacets(facets: Facets, sessionName?: string): string {
  const parts: string[] = [];
  if (facets.code) parts.push('with code');
  const kinds = [
    ...(facets.award ? ['award winners'] : []),
    ...(facets.decisions ?? []).map((d) => (d === 'Oral' ? 'orals' : 'spotlights')),
  ];
  if (kinds.length > 0) parts.push(`among the ${kinds.join(' and ')}`);
  if (facets.session !== undefined) parts.push(`in ${sessionName ?? `session ${facets.session}`}`);
  if (facets.when) {
    const { day, part } = facets.when;
    parts.push(part ? (day === 'today' ? `this ${part}` : `tomorrow ${part}`) : day);
  }
  return parts.join(' ');
}

/** Where the facets lead, over the catalog's sessions. */
export type FacetScope =
  | { kind: 'filter'; filter: (paper: Paper) => boolean; description: string }
  /** The facets cannot be met; `reason` says why, for the user. */
  | { kind: 'impossible'; reason: string }
  /** A time facet over a schedule without times: dropped, and the user told. */
  | {
      kind: 'filter_without_time';
      filter: (paper: Paper) => boolean;
      description: string;
      reason: string;
    };

export interface FacetContext {
  sessions: readonly Session[];
  now: Date;
  timeZone: string;
}

/**
 * Turns facets into a filter over papers. A session number that names no session, or a
 * time when no session is then, makes the facets impossible (with the reason); a time
 * facet over an undated schedule is dropped, and says so.
 */
export function scopeFacets(facets: Facets, context: FacetContext): FacetScope {
  const tests: ((paper: Paper) => boolean)[] = [];
  const decisions = facets.decisions;
  if (decisions || facets.award) {
    tests.push(
      (p) =>
        (facets.award === true && p.award !== undefined && p.award !== '') ||
        (decisions !== undefined && p.decision !== undefined && decisions.includes(p.decision)),
    );
  }
  if (facets.code) tests.push((p) => p.codeUrls.length > 0);
  let sessionName: string | undefined;
  if (facets.session !== undefined) {
    const wanted = facets.session;
    const matching = context.sessions.filter((s) => sessionMatches(s, wanted));
    if (matching.length === 0) {
      return {
        kind: 'impossible',
        reason: `There is no session ${wanted} in the schedule${listSessions(context.sessions)}.`,
      };
    }
    sessionName = matching.length === 1 ? matching[0]!.name : undefined;
    const ids = new Set(matching.map((s) => s.id));
    tests.push((p) => p.sessionIds.some((id) => ids.has(id)));
  }
  let reason: string | undefined;
  if (facets.when) {
    const dated = context.sessions.filter((s) => s.start !== undefined);
    if (dated.length === 0) {
      reason = 'The schedule has no session times yet, so I can’t tell what is on when.';
    } else {
      const ids = new Set(
        dated.filter((s) => isWhen(new Date(s.start!), facets.when!, context)).map((s) => s.id),
      );
      const when = describeFacets({ when: facets.when });
      if (ids.size === 0) return { kind: 'impossible', reason: `No poster session ${when}.` };
      tests.push((p) => p.sessionIds.some((id) => ids.has(id)));
    }
  }
  const filter = (paper: Paper) => tests.every((test) => test(paper));
  const shown = reason ? { ...facets, when: undefined } : facets;
  const description = describeFacets(shown, sessionName);
  return reason
    ? { kind: 'filter_without_time', filter, description, reason }
    : { kind: 'filter', filter, description };
}

/** "3" names "Poster Session 3" (a whole number in the name); other text, the name itself. */
function sessionMatches(session: Session, wanted: string): boolean {
  if (/^\d+$/.test(wanted))
    return new RegExp(`(?:^|\\D)0*${Number(wanted)}(?:\\D|$)`).test(session.name);
  return session.name.toLowerCase() === wanted.toLowerCase();
}

function listSessions(sessions: readonly Session[]): string {
  if (sessions.length === 0 || sessions.length > 5) return '';
  return ` (sessions: ${sessions.map((s) => s.name).join(', ')})`;
}

function isWhen(
  start: Date,
  when: NonNullable<Facets['when']>,
  { now, timeZone }: FacetContext,
): boolean {
  const today = localDate(now, timeZone);
  const day = when.day === 'today' ? today : addDays(today, 1);
  if (localDate(start, timeZone) !== day) return false;
  if (!when.part) return true;
  const hour = localHour(start, timeZone);
  const part: PartOfDay = hour < 12 ? 'morning' : hour < 17 ? 'afternoon' : 'evening';
  return part === when.part;
}

function localHour(instant: Date, timeZone: string): number {
  const hour = new Intl.DateTimeFormat('en-US', { timeZone, hour: 'numeric', hourCycle: 'h23' })
    .formatToParts(instant)
    .find((p) => p.type === 'hour')?.value;
  return Number(hour ?? 0);
}

/**
 * Facets as a short string for a button's value ("o,s,a,c,n3,today-afternoon"): paging
 * must keep the filter, and a click carries no copy of the message (SLACK.md).
 */
export function encodeFacets(facets: Facets): string {
  const parts: string[] = [];
  if (facets.decisions?.includes('Oral')) parts.push('o');
  if (facets.decisions?.includes('Spotlight')) parts.push('s');
  if (facets.award) parts.push('a');
  if (facets.code) parts.push('c');
  if (facets.session !== undefined) parts.push(`n${facets.session}`);
  if (facets.when) parts.push([facets.when.day, facets.when.part].filter(Boolean).join('-'));
  return parts.join(',');
}

/** Reads {@link encodeFacets}' output; undefined for anything else (values come from clients). */
export function decodeFacets(text: string): Facets | undefined {
  const facets: Facets = {};
  if (text === '') return facets;
  for (const part of text.split(',')) {
    if (part === 'o') addDecision(facets, 'Oral');
    else if (part === 's') addDecision(facets, 'Spotlight');
    else if (part === 'a') facets.award = true;
    else if (part === 'c') facets.code = true;
    else if (/^n\d{1,3}$/.test(part)) facets.session = part.slice(1);
    else {
      const when = /^(today|tomorrow)(?:-(morning|afternoon|evening))?$/.exec(part);
      if (!when) return undefined;
      const [, day, part_] = when as unknown as [string, 'today' | 'tomorrow', PartOfDay?];
      facets.when = { day, ...(part_ && { part: part_ }) };
    }
  }
  return facets;
}
