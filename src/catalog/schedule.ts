/**
 * The organisers' schedule: times and rooms for sessions whose data has none (a session page
 * names "Poster Session 9" but not when it is). A CSV, so it can be kept in a spreadsheet and
 * problems point at a line:
 *
 * ```csv
 * session,start,end,location,conference
 * Poster Session 9,2022-04-27T18:30:00+02:00,2022-04-27T20:30:00+02:00,Hall B,ICLR 2022
 * ```
 *
 * - `session` (required): the session name as the data spells it (case and spacing ignored);
 * - `start`, `end`: ISO 8601 with a UTC offset (`Z` or `±hh:mm`); both blank keeps the
 *   session's own times (or leaves it undated); an end needs a start;
 * - `location` (optional): a room or a link;
 * - `conference` (optional): needed only when two conferences have a session of that name.
 *
 * The schedule wins over times found in the data: it is the organisers' last word.
 */
import { readCsv } from './csv.ts';
import { dataError, dataWarning } from './problems.ts';
import { parseSessionTimes } from './sessions.ts';
import { conferenceKey, foldWords, quote } from './text.ts';
import type { DataProblem, Session } from './types.ts';

export interface ScheduleEntry {
  /** 1-based line of the row. */
  line: number;
  session: string;
  conference?: string;
  start?: string;
  end?: string;
  location?: string;
}

const KNOWN_COLUMNS = ['session', 'start', 'end', 'location', 'conference'];

/** Reads a schedule CSV. A row whose start cannot be read is dropped; a bad end alone is dropped. */
export function parseSchedule(
  text: string,
  file: string,
): { entries: ScheduleEntry[]; problems: DataProblem[] } {
  const csv = readCsv(text, file, ['session'], ['session', 'start', 'end']);
  const problems = [...csv.problems];
  const unknown = csv.columns.filter((column) => !KNOWN_COLUMNS.includes(column));
  if (unknown.length > 0) {
    problems.push(
      dataWarning(
        file,
        1,
        `unknown column${unknown.length > 1 ? 's' : ''} ${unknown.join(', ')} ignored (known: ${KNOWN_COLUMNS.join(', ')})`,
      ),
    );
  }
  const entries: ScheduleEntry[] = [];
  for (const { line, cells } of csv.rows) {
    const session = cells.session?.trim() ?? '';
    if (session === '') {
      problems.push(dataError(file, line, 'row has no session name; row skipped'));
      continue;
    }
    const times = parseSessionTimes(cells.start, cells.end);
    if (times.problem) {
      const dropsRow = times.start === undefined;
      const message = `session ${quote(session)}: ${times.problem}${dropsRow ? '; row skipped' : '; end ignored'}`;
      problems.push(dropsRow ? dataError(file, line, message) : dataWarning(file, line, message));
      if (dropsRow) continue;
    }
    const entry: ScheduleEntry = { line, session };
    const conference = cells.conference?.trim();
    const location = cells.location?.trim();
    if (conference) entry.conference = conference;
    if (times.start) entry.start = times.start;
    if (times.end) entry.end = times.end;
    if (location) entry.location = location;
    entries.push(entry);
  }
  return { entries, problems };
}

/**
 * Applies schedule entries to sessions matched by name (and conference when given). An entry
 * matching no session is a warning (a typo leaves a session undated); one matching several is
 * an error, as is a second entry for the same session. Returns new session objects.
 */
export function applySchedule(
  sessions: readonly Session[],
  entries: readonly ScheduleEntry[],
  file: string,
): { sessions: Session[]; problems: DataProblem[] } {
  const problems: DataProblem[] = [];
  const byName = new Map<string, number[]>();
  sessions.forEach((session, index) => {
    const key = nameKey(session.name);
    const indices = byName.get(key);
    if (indices) indices.push(index);
    else byName.set(key, [index]);
  });
  const result = [...sessions];
  const scheduledAt = new Map<number, number>();

  for (const entry of entries) {
    const candidates = (byName.get(nameKey(entry.session)) ?? []).filter(
      (index) =>
        entry.conference === undefined ||
        conferenceKey(sessions[index]?.conference ?? '') === conferenceKey(entry.conference),
    );
    const where = entry.conference === undefined ? '' : ` in ${entry.conference}`;
    const [index, ...others] = candidates;
    const session = index === undefined ? undefined : result[index];
    if (index === undefined || session === undefined) {
      problems.push(
        dataWarning(
          file,
          entry.line,
          `no session named ${quote(entry.session)}${where}; row ignored`,
        ),
      );
      continue;
    }
    if (others.length > 0) {
      const conferences = candidates.map((i) => sessions[i]?.conference ?? '(no conference)');
      problems.push(
        dataError(
          file,
          entry.line,
          `${candidates.length} sessions are named ${quote(entry.session)} (${conferences.join(', ')}); add a conference column; row skipped`,
        ),
      );
      continue;
    }
    const earlier = scheduledAt.get(index);
    if (earlier !== undefined) {
      problems.push(
        dataError(
          file,
          entry.line,
          `session ${quote(entry.session)} is already scheduled at line ${earlier}; row skipped`,
        ),
      );
      continue;
    }
    scheduledAt.set(index, entry.line);
    result[index] = scheduleSession(session, entry);
  }
  return { sessions: result, problems };
}

function scheduleSession(session: Session, entry: ScheduleEntry): Session {
  const scheduled: Session = { ...session };
  if (entry.start !== undefined) {
    scheduled.start = entry.start;
    if (entry.end === undefined) delete scheduled.end;
    else scheduled.end = entry.end;
  }
  if (entry.location !== undefined) scheduled.location = entry.location;
  return scheduled;
}

function nameKey(name: string): string {
  return foldWords(name).join(' ');
}
