/**
 * Loads every data file of a folder into one catalog. The only catalog module doing I/O: it
 * lists folders, reads files and hands their text to the pure parsers, then merges the parts
 * and applies schedules. A bad file or record becomes a problem and the rest still loads;
 * only a folder yielding no paper at all throws, because a bot with no posters is useless.
 */
import { type Dirent, readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parseAliases } from './aliases.ts';
import { type DataSource, isIgnoredFile, planFolder } from './data-files.ts';
import { decodeDataFile } from './encoding.ts';
import { applyEnrichment, parseEnrichment } from './enrichment.ts';
import { parseJsonLines } from './json-lines.ts';
import { type CatalogPart, mergeParts, type ParsedCatalog } from './merge.ts';
import { parseMiniConf } from './mini-conf.ts';
import { appendAll, dataError, dataWarning } from './problems.ts';
import { applySchedule, parseSchedule, type ScheduleEntry } from './schedule.ts';
import { parseSessionPage } from './session-page.ts';
import { type Alias, type Catalog, type DataProblem, formatProblem } from './types.ts';

export { summarizeCatalog } from './summary.ts';

/** Reported after each data source is read, for a progress line on big folders. */
export interface LoadProgress {
  /** The source just read (a Mini-Conf source is named by its papers.csv). */
  file: string;
  done: number;
  total: number;
  /** Papers read so far, before merging duplicates. */
  papers: number;
}

export interface LoadOptions {
  onProgress?: (progress: LoadProgress) => void;
}

export interface LoadResult {
  catalog: Catalog;
  problems: DataProblem[];
  /** Data files read, in reading order. */
  files: string[];
}

/** Thrown only when no paper at all could be loaded; carries every problem found. */
export class CatalogError extends Error {
  override readonly name = 'CatalogError';
  constructor(
    message: string,
    readonly problems: readonly DataProblem[] = [],
  ) {
    super(message);
  }
}

/** Subfolders deeper than this are not visited (a data folder is flat or one level deep). */
const MAX_DEPTH = 3;
const PROBLEMS_IN_ERROR = 3;

/**
 * Reads every data file under `dir` (naming conventions in data-files.ts), merges papers with
 * the same id across files (first file wins, see mergeParts) and applies `schedule.csv` files
 * last. Sources are read in name order, so results are reproducible. Synchronous: it runs
 * once, at startup, before the bot answers anything.
 */
export function loadCatalog(dir: string, opts: LoadOptions = {}): LoadResult {
  const problems: DataProblem[] = [];
  const sources = listSources(dir, problems);
  const parts: CatalogPart[] = [];
  const schedules: { file: string; entries: ScheduleEntry[] }[] = [];
  const aliases: Alias[] = [];
  const files: string[] = [];
  let papers = 0;

  for (const [index, source] of sources.entries()) {
    const read = readSource(source, problems);
    appendAll(files, read.files);
    if (read.part) {
      parts.push(read.part);
      papers += read.part.papers.length;
    }
    if (read.schedule) schedules.push(read.schedule);
    if (read.aliases) appendAll(aliases, read.aliases);
    opts.onProgress?.({
      file: mainFile(source),
      done: index + 1,
      total: sources.length,
      papers,
    });
  }

  const merged = mergeParts(parts);
  appendAll(problems, merged.problems);
  let { sessions } = merged.catalog;
  for (const schedule of schedules) {
    const applied = applySchedule(sessions, schedule.entries, schedule.file);
    sessions = applied.sessions;
    appendAll(problems, applied.problems);
  }
  const catalog: Catalog = {
    papers: merged.catalog.papers,
    sessions,
    ...(aliases.length > 0 && { aliases: firstOfEach(aliases) }),
  };
  if (catalog.papers.length === 0) throw noPapers(dir, problems);
  return { catalog, problems, files };
}

/** One alias per word: of two `aliases.csv` files naming it, the first read wins. */
function firstOfEach(aliases: readonly Alias[]): Alias[] {
  const seen = new Set<string>();
  return aliases.filter(({ query }) => {
    const key = query.toLowerCase();
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function listSources(dir: string, problems: DataProblem[]): DataSource[] {
  const sources: DataSource[] = [];
  // Real paths of the folders read: a symbolic link back up the tree (a loop), or two links to
  // one folder, would otherwise read the same files again at every level.
  const visited = new Map<string, string>();
  function visit(folder: string, depth: number): void {
    const real = realPath(folder);
    const seenAs = visited.get(real);
    if (seenAs !== undefined) {
      problems.push(
        dataWarning(
          folder,
          undefined,
          `same folder as ${seenAs} (a symbolic link loop or a second link); read once`,
        ),
      );
      return;
    }
    visited.set(real, folder);
    let entries: Dirent[];
    try {
      entries = readdirSync(folder, { withFileTypes: true });
    } catch (error) {
      if (depth === 0)
        throw new CatalogError(
          `catalog: no papers loaded from ${dir}: cannot read the folder (${describeError(error)})`,
        );
      problems.push(dataError(folder, undefined, `cannot read folder: ${describeError(error)}`));
      return;
    }
    const kinds = entries.map((entry) => ({ name: entry.name, kind: kindOf(folder, entry) }));
    const names = kinds.filter((entry) => entry.kind === 'file').map((entry) => entry.name);
    const planned = planFolder(folder, names);
    appendAll(sources, planned.sources);
    appendAll(problems, planned.problems);
    if (depth >= MAX_DEPTH) return;
    const folders = kinds
      .filter(
        (entry) =>
          entry.kind === 'folder' && !isIgnoredFile(entry.name) && entry.name !== 'node_modules',
      )
      .map((entry) => entry.name)
      .sort();
    for (const name of folders) visit(join(folder, name), depth + 1);
  }
  visit(dir, 0);
  return sources;
}

function realPath(folder: string): string {
  try {
    return realpathSync(folder);
  } catch {
    return folder; // unreadable: readdirSync below reports it
  }
}

/** Symbolic links are followed: a data folder may link to shared data rather than copy it. */
function kindOf(folder: string, entry: Dirent): 'file' | 'folder' | 'other' {
  if (entry.isFile()) return 'file';
  if (entry.isDirectory()) return 'folder';
  if (!entry.isSymbolicLink()) return 'other';
  try {
    const target = statSync(join(folder, entry.name));
    return target.isFile() ? 'file' : target.isDirectory() ? 'folder' : 'other';
  } catch {
    return 'other';
  }
}

interface ReadSource {
  files: string[];
  part?: CatalogPart;
  schedule?: { file: string; entries: ScheduleEntry[] };
  aliases?: Alias[];
}

/** Reads and parses one source; any failure becomes a problem naming the file. */
function readSource(source: DataSource, problems: DataProblem[]): ReadSource {
  try {
    switch (source.kind) {
      case 'session-page':
        return readSessionPage(source, problems);
      case 'mini-conf': {
        const papers = { file: source.papers, text: readText(source.papers, problems) };
        const posterSessions = source.posterSessions
          ? { file: source.posterSessions, text: readText(source.posterSessions, problems) }
          : undefined;
        const parsed = parseMiniConf({ papers, posterSessions }, { conference: source.conference });
        return toRead(
          [papers.file, ...(posterSessions ? [posterSessions.file] : [])],
          parsed,
          problems,
        );
      }
      case 'json-lines': {
        const parsed = parseJsonLines(readText(source.file, problems), source.file, {
          conference: source.conference,
        });
        return toRead([source.file], parsed, problems);
      }
      case 'aliases': {
        const parsed = parseAliases(readText(source.file, problems), source.file);
        appendAll(problems, parsed.problems);
        return { files: [source.file], aliases: parsed.aliases };
      }
      case 'schedule': {
        const parsed = parseSchedule(readText(source.file, problems), source.file);
        appendAll(problems, parsed.problems);
        return { files: [source.file], schedule: { file: source.file, entries: parsed.entries } };
      }
    }
  } catch (error) {
    problems.push(
      dataError(
        mainFile(source),
        undefined,
        `cannot be read: ${describeError(error)}; file skipped`,
      ),
    );
    return { files: [] };
  }
}

/** The file a source is known by in progress and problems. */
function mainFile(source: DataSource): string {
  return source.kind === 'mini-conf' ? source.papers : source.file;
}

function readSessionPage(
  source: Extract<DataSource, { kind: 'session-page' }>,
  problems: DataProblem[],
): ReadSource {
  const page = parseSessionPage(readText(source.file, problems), source.file, {
    conference: source.conference,
  });
  appendAll(problems, page.problems);
  let { papers } = page;
  const files = [source.file];
  if (source.enrichment !== undefined && papers.length > 0) {
    const rows = parseEnrichment(readText(source.enrichment, problems), source.enrichment);
    const enriched = applyEnrichment(papers, rows.rows, source.enrichment);
    appendAll(problems, rows.problems);
    appendAll(problems, enriched.problems);
    papers = enriched.papers;
    files.push(source.enrichment);
  }
  const sessions = papers.length > 0 ? [page.session] : [];
  return { files, part: { file: source.file, papers, sessions } };
}

function toRead(files: string[], parsed: ParsedCatalog, problems: DataProblem[]): ReadSource {
  appendAll(problems, parsed.problems);
  const file = files[0] ?? '';
  return { files, part: { file, papers: parsed.papers, sessions: parsed.sessions } };
}

/**
 * Reads a data file as text: UTF-8 with or without a byte-order mark (spreadsheet exports
 * add one); UTF-16 and Latin-1 converted, with a warning naming the encoding (encoding.ts).
 */
function readText(file: string, problems: DataProblem[]): string {
  const decoded = decodeDataFile(readFileSync(file));
  if (decoded.note !== undefined) problems.push(dataWarning(file, undefined, decoded.note));
  return decoded.text;
}

function noPapers(dir: string, problems: readonly DataProblem[]): CatalogError {
  const shown = problems.slice(0, PROBLEMS_IN_ERROR).map(formatProblem);
  const more = problems.length - shown.length;
  const reason =
    shown.length === 0
      ? 'no data files found (expected .txt session pages, Mini-Conf papers.csv or .jsonl)'
      : `${shown.join('; ')}${more > 0 ? ` (+${more} more)` : ''}`;
  return new CatalogError(`catalog: no papers loaded from ${dir}: ${reason}`, problems);
}

function describeError(error: unknown): string {
  if (error instanceof Error) {
    const code = (error as NodeJS.ErrnoException).code;
    return code ? `${code}: ${error.message}` : error.message;
  }
  return String(error);
}
