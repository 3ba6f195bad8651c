/**
 * Parser for the Mini-Conf site data used by many virtual conferences (ICLR 2020 …):
 *
 * - `papers.csv`: `UID`, `title`, `authors` (`|`-separated), `abstract`, `keywords`
 *   (`|`-separated), `sessions` (`|`-separated session names, usually empty);
 * - `poster_sessions.csv` (optional): one row per (session, paper): `session`,
 *   `calendar_title`, `start_utc`, `end_utc`, `UID`, `uid_in_papers_csv`.
 *
 * When `poster_sessions.csv` is present it is authoritative; a paper's `sessions` column is
 * only used for papers it does not list, matched to its sessions by name (a name it does not
 * know becomes an undated session).
 */
import { readCsv } from './csv.ts';
import type { ParsedCatalog } from './merge.ts';
import { namespacedId, toPaper } from './paper.ts';
import { appendAll, dataError, dataWarning } from './problems.ts';
import { createSessionTable, parseSessionTimes, type SessionTable } from './sessions.ts';
import { quote, splitList } from './text.ts';
import type { DataProblem } from './types.ts';

/** A file's path (for problems) and its text. */
export interface SourceText {
  file: string;
  text: string;
}

export interface MiniConfInput {
  papers: SourceText;
  posterSessions?: SourceText;
}

export interface MiniConfOptions {
  /** e.g. "ICLR 2020"; namespaces ids and is shown on cards. */
  conference: string;
}

const LIST_SEPARATOR = '|';

/** Parses a Mini-Conf folder's CSVs (text in, catalog part out). */
export function parseMiniConf(input: MiniConfInput, opts: MiniConfOptions): ParsedCatalog {
  const { conference } = opts;
  const problems: DataProblem[] = [];
  const table = createSessionTable(conference);

  const paperRows = readPaperRows(input.papers, problems);
  const knownUids = new Set(paperRows.map((row) => row.uid));
  const scheduled = input.posterSessions
    ? readPosterSessions(input.posterSessions, table, knownUids, problems)
    : new Map<string, string[]>();

  const papers = paperRows.map((row) => {
    const sessionIds =
      scheduled.get(row.uid) ??
      splitList(row.cells.sessions, LIST_SEPARATOR).map(
        (name) => (table.named(name) ?? table.intern({ name })).id,
      );
    return toPaper({
      id: namespacedId(conference, row.uid),
      title: row.title,
      authors: splitList(row.cells.authors, LIST_SEPARATOR),
      abstract: row.cells.abstract,
      keywords: splitList(row.cells.keywords, LIST_SEPARATOR),
      sessionIds,
      conference,
    });
  });
  return { papers, sessions: [...table.sessions], problems };
}

interface PaperRow {
  uid: string;
  title: string;
  cells: Readonly<Record<string, string>>;
}

function readPaperRows(source: SourceText, problems: DataProblem[]): PaperRow[] {
  const { file } = source;
  const csv = readCsv(source.text, file, ['uid', 'title'], ['uid', 'title']);
  appendAll(problems, csv.problems);
  const firstLine = new Map<string, number>();
  const rows: PaperRow[] = [];
  for (const { line, cells } of csv.rows) {
    const uid = cells.uid?.trim() ?? '';
    const title = cells.title?.trim() ?? '';
    if (uid === '' || title === '') {
      problems.push(
        dataError(file, line, `row has no ${uid === '' ? 'UID' : 'title'}; paper skipped`),
      );
      continue;
    }
    const earlier = firstLine.get(uid);
    if (earlier !== undefined) {
      problems.push(
        dataError(file, line, `UID ${uid} already used at line ${earlier}; paper skipped`),
      );
      continue;
    }
    firstLine.set(uid, line);
    rows.push({ uid, title, cells });
  }
  return rows;
}

/** Reads `poster_sessions.csv` into the session table; returns session ids by paper UID. */
function readPosterSessions(
  source: SourceText,
  table: SessionTable,
  knownUids: ReadonlySet<string>,
  problems: DataProblem[],
): Map<string, string[]> {
  const { file } = source;
  const csv = readCsv(source.text, file, ['session', 'uid'], ['session', 'uid']);
  appendAll(problems, csv.problems);
  const byUid = new Map<string, string[]>();
  // A session's times repeat on each of its rows: report a bad time once, not per paper.
  const reportedTimes = new Set<string>();
  for (const { line, cells } of csv.rows) {
    const name = cells.session?.trim() ?? '';
    const uid = cells.uid?.trim() ?? '';
    if (name === '' || uid === '') {
      problems.push(
        dataError(file, line, `row has no ${name === '' ? 'session' : 'UID'}; row skipped`),
      );
      continue;
    }
    const times = parseSessionTimes(cells.start_utc, cells.end_utc);
    const timeKey = `${name}\u0000${cells.start_utc}\u0000${cells.end_utc}`;
    if (times.problem && !reportedTimes.has(timeKey)) {
      reportedTimes.add(timeKey);
      problems.push(dataWarning(file, line, `session ${quote(name)}: ${times.problem}`));
    }
    const session = table.intern({ name, start: times.start, end: times.end });
    if (!knownUids.has(uid)) {
      problems.push(dataWarning(file, line, `paper ${uid} is not in papers.csv; row ignored`));
      continue;
    }
    const ids = byUid.get(uid) ?? [];
    if (!ids.includes(session.id)) ids.push(session.id);
    byUid.set(uid, ids);
  }
  return byUid;
}
