/**
 * Which parser reads which file: the naming conventions of a data folder, decided from file
 * names alone (pure; the loader lists folders and reads files).
 *
 * | file                               | read as                                        |
 * |------------------------------------|------------------------------------------------|
 * | `<name>.txt`                       | session page                                   |
 * | `<name>.openreview.csv`            | enrichment of `<name>.txt` beside it           |
 * | `papers.csv` (+ `poster_sessions.csv`) | Mini-Conf folder; conference from the folder name |
 * | `<name>.jsonl`, `<name>.ndjson`    | JSON lines, one paper a line                   |
 * | `schedule.csv`                     | session times and rooms, applied last          |
 * | `aliases.csv`                      | words people search for and what they mean     |
 * | `README*`, `LICENSE*`, `*.md`, dotfiles | ignored silently                          |
 * | anything else                      | reported as a warning and skipped              |
 */
import { basename, join } from 'node:path';
import { dataWarning } from './problems.ts';
import { conferenceFromName } from './text.ts';
import type { DataProblem } from './types.ts';

export type DataSource =
  | { kind: 'session-page'; file: string; enrichment?: string; conference?: string }
  | { kind: 'mini-conf'; papers: string; posterSessions?: string; conference: string }
  | { kind: 'json-lines'; file: string; conference?: string }
  | { kind: 'schedule'; file: string }
  | { kind: 'aliases'; file: string };

const ENRICHMENT_SUFFIX = '.openreview.csv';
const MINI_CONF_PAPERS = 'papers.csv';
const MINI_CONF_SESSIONS = 'poster_sessions.csv';
const SCHEDULE = 'schedule.csv';
const ALIASES = 'aliases.csv';
const IGNORED = [/^\./, /^readme/i, /^license/i, /\.md$/i];

/** True for files a data folder may hold that are not data (docs, dotfiles). */
export function isIgnoredFile(name: string): boolean {
  return IGNORED.some((pattern) => pattern.test(name));
}

/**
 * Plans how to read the files of one folder. `names` are the file names in `folder` (not
 * subfolders). Sources come in name order; problems name files nothing can read.
 */
export function planFolder(
  folder: string,
  names: readonly string[],
): { sources: DataSource[]; problems: DataProblem[] } {
  const present = new Set(names);
  const sources: DataSource[] = [];
  const problems: DataProblem[] = [];
  const path = (name: string) => join(folder, name);

  for (const name of [...names].sort()) {
    const lower = name.toLowerCase();
    if (isIgnoredFile(name)) continue;
    if (name === MINI_CONF_PAPERS) {
      const folderName = basename(folder);
      sources.push({
        kind: 'mini-conf',
        papers: path(name),
        ...(present.has(MINI_CONF_SESSIONS) ? { posterSessions: path(MINI_CONF_SESSIONS) } : {}),
        conference: conferenceFromName(folderName) ?? folderName,
      });
    } else if (name === MINI_CONF_SESSIONS) {
      if (!present.has(MINI_CONF_PAPERS)) {
        problems.push(
          dataWarning(
            path(name),
            undefined,
            `${MINI_CONF_SESSIONS} needs ${MINI_CONF_PAPERS} beside it; ignored`,
          ),
        );
      }
    } else if (name === SCHEDULE) {
      sources.push({ kind: 'schedule', file: path(name) });
    } else if (name === ALIASES) {
      sources.push({ kind: 'aliases', file: path(name) });
    } else if (lower.endsWith(ENRICHMENT_SUFFIX)) {
      const page = `${name.slice(0, -ENRICHMENT_SUFFIX.length)}.txt`;
      if (!present.has(page)) {
        problems.push(
          dataWarning(
            path(name),
            undefined,
            `no session page ${page} beside it to enrich; ignored`,
          ),
        );
      }
    } else if (lower.endsWith('.txt')) {
      const stem = name.slice(0, -'.txt'.length);
      const enrichment = `${stem}${ENRICHMENT_SUFFIX}`;
      sources.push({
        kind: 'session-page',
        file: path(name),
        ...(present.has(enrichment) ? { enrichment: path(enrichment) } : {}),
        ...optionalConference(stem),
      });
    } else if (lower.endsWith('.jsonl') || lower.endsWith('.ndjson')) {
      sources.push({ kind: 'json-lines', file: path(name), ...optionalConference(name) });
    } else {
      problems.push(
        dataWarning(
          path(name),
          undefined,
          'unknown data file; expected a session page (.txt), <page>.openreview.csv, a Mini-Conf papers.csv, .jsonl, schedule.csv or aliases.csv; ignored',
        ),
      );
    }
  }
  return { sources, problems };
}

function optionalConference(name: string): { conference?: string } {
  const conference = conferenceFromName(name);
  return conference === undefined ? {} : { conference };
}
