/**
 * Sessions shared by the conference-scale parsers: one table per conference that hands out
 * stable ids and de-duplicates sessions by (name, start), and strict parsing of session times.
 */
import { cleanMarkup } from './latex.ts';
import { conferenceKey, quote, slugify } from './text.ts';
import type { Session } from './types.ts';

/** A session as read from a file, before it has an id. */
export interface SessionInput {
  name: string;
  /** Normalised instants, see {@link parseSessionTimes}. */
  start?: string;
  end?: string;
  location?: string;
}

export interface SessionTable {
  /** The session for (name, start), created on first sight; a later sighting fills gaps. */
  intern(input: SessionInput): Session;
  /** The first session seen with this name, whatever its start. */
  named(name: string): Session | undefined;
  /** Sessions in order of first sighting. */
  readonly sessions: readonly Session[];
}

/**
 * Creates the session table of one conference. Ids are `<conference-key>:<name-slug>`
 * (`iclr2020:mon-session-1`), or the bare slug without a conference; a second session with
 * the same name but another start gets the start appended, so ids never collide.
 */
export function createSessionTable(conference?: string): SessionTable {
  const byKey = new Map<string, Session>();
  const byName = new Map<string, Session>();
  const takenIds = new Set<string>();
  const sessions: Session[] = [];
  const prefix = conference === undefined ? '' : `${conferenceKey(conference)}:`;

  function freshId(name: string, start: string | undefined): string {
    const base = `${prefix}${slugify(name) || 'session'}`;
    let id = base;
    if (takenIds.has(id) && start !== undefined) id = `${base}-${slugify(start)}`;
    for (let n = 2; takenIds.has(id); n += 1) id = `${base}-${n}`;
    takenIds.add(id);
    return id;
  }

  return {
    sessions,
    named: (name) => byName.get(cleanMarkup(name)),
    intern(input) {
      const name = cleanMarkup(input.name);
      const key = `${name}\u0000${input.start ?? ''}`;
      const known = byKey.get(key);
      if (known) {
        if (known.end === undefined && input.end !== undefined) known.end = input.end;
        if (known.location === undefined && input.location) known.location = input.location;
        return known;
      }
      const session: Session = { id: freshId(name, input.start), name };
      if (input.start !== undefined) session.start = input.start;
      if (input.end !== undefined) session.end = input.end;
      if (input.location) session.location = input.location;
      if (conference !== undefined) session.conference = conference;
      byKey.set(key, session);
      if (!byName.has(name)) byName.set(name, session);
      sessions.push(session);
      return session;
    },
  };
}

const ISO_WITH_OFFSET =
  /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d{1,9})?)?(Z|[+-]\d{2}(?::?\d{2})?)$/i;

/**
 * Parses an ISO 8601 date-time that carries its UTC offset (`2022-04-25T18:30:00+02:00`,
 * `…Z`) into a normalised UTC instant (`2022-04-25T16:30:00.000Z`, the form
 * `Date#toISOString` gives, so instants sort as strings). A time without an offset is
 * rejected: a schedule read on a server in another time zone would silently shift.
 */
export function parseInstant(raw: string): string | undefined {
  const match = ISO_WITH_OFFSET.exec(raw.trim());
  if (!match) return undefined;
  const [, year, month, day, hour, minute, second = '00', fraction = '', offset = 'Z'] = match;
  const date = new Date(Date.UTC(Number(year), Number(month) - 1, Number(day)));
  const validDay = date.getUTCMonth() === Number(month) - 1 && date.getUTCDate() === Number(day);
  if (!validDay || Number(hour) > 23 || Number(minute) > 59 || Number(second) > 59)
    return undefined;
  const isoOffset = offset.toUpperCase() === 'Z' ? 'Z' : normaliseOffset(offset);
  const millis = fraction.slice(0, 4);
  const ms = Date.parse(`${year}-${month}-${day}T${hour}:${minute}:${second}${millis}${isoOffset}`);
  return Number.isNaN(ms) ? undefined : new Date(ms).toISOString();
}

function normaliseOffset(offset: string): string {
  const digits = offset.slice(1).replace(':', '');
  return `${offset[0]}${digits.slice(0, 2)}:${digits.slice(2, 4) || '00'}`;
}

const INSTANT_EXAMPLE = '2022-04-25T18:30:00+02:00';
const NOT_AN_INSTANT = `is not an ISO 8601 date-time with a UTC offset (e.g. ${INSTANT_EXAMPLE})`;

/** Session times parsed from raw cells; `problem` says what was dropped and why. */
export interface SessionTimes {
  start?: string;
  end?: string;
  problem?: string;
}

/**
 * Parses a session's start and end. Blank cells mean "undated". An unreadable start drops
 * both times (the session stays undated); an unreadable end, or one before the start, drops
 * the end only. The caller decides the severity of `problem`.
 */
export function parseSessionTimes(
  rawStart: string | undefined | null,
  rawEnd: string | undefined | null,
): SessionTimes {
  const startText = rawStart?.trim() ?? '';
  const endText = rawEnd?.trim() ?? '';
  if (startText === '') {
    return endText === '' ? {} : { problem: `end ${quote(endText)} given without a start` };
  }
  const start = parseInstant(startText);
  if (start === undefined) {
    return { problem: `start ${quote(startText)} ${NOT_AN_INSTANT}` };
  }
  if (endText === '') return { start };
  const end = parseInstant(endText);
  if (end === undefined) return { start, problem: `end ${quote(endText)} ${NOT_AN_INSTANT}` };
  if (end < start) return { start, problem: `end ${endText} is before start ${startText}` };
  return { start, end };
}
