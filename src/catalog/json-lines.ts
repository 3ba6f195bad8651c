/**
 * Parser for JSON lines exports of virtual conferences (virtual_conferences_2020.jsonl), one
 * paper per line:
 *
 * ```json
 * {"conference": "ACL 2020", "uid": "main.8", "title": "…", "authors": ["…"], "abstract": "…",
 *  "keywords": ["…"], "track": "…", "url": "https://…",
 *  "sessions": [{"name": "Session 1A", "start": "2020-07-06T05:00:00+00:00", "end": null}]}
 * ```
 *
 * Only `conference` (or the `conference` option), `uid` and `title` are required. Ids are
 * `<conference-key>:<uid>` (see {@link namespacedId}); sessions are de-duplicated per
 * conference by (name, start).
 */
import type { ParsedCatalog } from './merge.ts';
import { namespacedId, toPaper } from './paper.ts';
import { dataError, dataWarning } from './problems.ts';
import {
  createSessionTable,
  parseSessionTimes,
  type SessionTable,
  type SessionTimes,
} from './sessions.ts';
import { isHttpUrl, quote } from './text.ts';
import type { DataProblem, Paper } from './types.ts';

export interface JsonLinesOptions {
  /** Conference for records that do not name one. */
  conference?: string;
}

/** Hosts whose links are discussion forums rather than the paper itself. */
const FORUM_HOSTS = new Set(['openreview.net']);

/** Parses JSON lines text; a bad line is reported with its number and the others still load. */
export function parseJsonLines(
  text: string,
  file: string,
  opts: JsonLinesOptions = {},
): ParsedCatalog {
  const problems: DataProblem[] = [];
  const papers: Paper[] = [];
  const tables = new Map<string, SessionTable>();
  const firstLineById = new Map<string, number>();
  // Thousands of papers share a few hundred session times: parse each distinct pair once.
  const times = memoize((key: string) => {
    const [start, end] = key.split('\u0000');
    return parseSessionTimes(start, end);
  });
  const lines = text.split(/\r\n|\r|\n/);

  for (const [index, raw] of lines.entries()) {
    const line = index + 1;
    if (raw.trim() === '') continue;
    const report = (message: string) => problems.push(dataWarning(file, line, message));
    const record = parseRecord(raw);
    if (typeof record === 'string') {
      problems.push(dataError(file, line, `${record}; line skipped`));
      continue;
    }
    const conference = readString(record.conference) ?? opts.conference;
    const uid = readString(record.uid);
    const title = readString(record.title);
    if (conference === undefined || uid === undefined || title === undefined) {
      const missing = [
        conference === undefined ? 'conference' : undefined,
        uid === undefined ? 'uid' : undefined,
        title === undefined ? 'title' : undefined,
      ].filter(Boolean);
      problems.push(dataError(file, line, `record has no ${missing.join(', ')}; paper skipped`));
      continue;
    }
    const id = namespacedId(conference, uid);
    const earlier = firstLineById.get(id);
    if (earlier !== undefined) {
      problems.push(dataError(file, line, `paper ${id} already read at line ${earlier}; skipped`));
      continue;
    }
    firstLineById.set(id, line);

    let table = tables.get(conference);
    if (!table) {
      table = createSessionTable(conference);
      tables.set(conference, table);
    }
    papers.push(
      toPaper({
        id,
        title,
        conference,
        authors: readStrings(record.authors, 'authors', report),
        abstract: readOptionalString(record.abstract, 'abstract', report),
        keywords: readStrings(record.keywords, 'keywords', report),
        track: readOptionalString(record.track, 'track', report),
        sessionIds: readSessions(record.sessions, table, times, report),
        ...readUrl(record.url, report),
      }),
    );
  }
  if (lines.every((raw) => raw.trim() === '')) {
    problems.push(dataWarning(file, undefined, 'file is empty; expected one JSON object per line'));
  }
  const sessions = [...tables.values()].flatMap((table) => table.sessions);
  return { papers, sessions, problems };
}

function parseRecord(raw: string): Record<string, unknown> | string {
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch (error) {
    return `not valid JSON (${(error as Error).message.slice(0, 120)})`;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return 'expected a JSON object per line';
  }
  return value as Record<string, unknown>;
}

/** A non-empty string (numbers accepted, as some exports write numeric uids). */
function readString(value: unknown): string | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value !== 'string') return undefined;
  const trimmed = value.trim();
  return trimmed === '' ? undefined : trimmed;
}

function readOptionalString(
  value: unknown,
  field: string,
  report: (message: string) => void,
): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string') return value;
  report(`${field} is not a string; ignored`);
  return undefined;
}

function readStrings(value: unknown, field: string, report: (message: string) => void): string[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) {
    report(`${field} is not a list; ignored`);
    return [];
  }
  return value.filter((item): item is string => typeof item === 'string');
}

function readSessions(
  value: unknown,
  table: SessionTable,
  timesOf: (key: string) => SessionTimes,
  report: (message: string) => void,
): string[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) {
    report('sessions is not a list; ignored');
    return [];
  }
  const ids: string[] = [];
  for (const entry of value) {
    const fields =
      typeof entry === 'object' && entry !== null ? (entry as Record<string, unknown>) : {};
    const name = readString(fields.name);
    if (name === undefined) {
      report('a session has no name; ignored');
      continue;
    }
    const times = timesOf(`${readString(fields.start) ?? ''}\u0000${readString(fields.end) ?? ''}`);
    if (times.problem) report(`session ${quote(name)}: ${times.problem}`);
    ids.push(table.intern({ name, start: times.start, end: times.end }).id);
  }
  return ids;
}

function readUrl(
  value: unknown,
  report: (message: string) => void,
): { forumUrl?: string; paperUrl?: string } {
  const url = readString(value);
  if (url === undefined) return {};
  if (!isHttpUrl(url)) {
    report(`url ${quote(url)} is not an http(s) URL; ignored`);
    return {};
  }
  const host = new URL(url).hostname.replace(/^www\./, '');
  return FORUM_HOSTS.has(host) ? { forumUrl: url } : { paperUrl: url };
}

function memoize<T>(compute: (key: string) => T): (key: string) => T {
  const cache = new Map<string, T>();
  return (key) => {
    let value = cache.get(key);
    if (value === undefined) {
      value = compute(key);
      cache.set(key, value);
    }
    return value;
  };
}
