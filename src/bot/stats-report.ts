/**
 * The organisers' usage report (issue 14): the store's aggregates (src/store/stats.ts) with
 * what the catalog makes of them — the nearest query that finds something for each search
 * that found nothing, alias lines to add, and the most saved posters and sessions (counted
 * from the plans at report time, nothing recorded twice). Then the same report as a plain
 * table for people and as CSV for spreadsheets.
 */
import type { StatsReport } from '../blocks/organiser-report.ts';
import type { Paper, Session } from '../catalog/types.ts';
import { expansionsOf } from '../search/alias-suggest.ts';
import type { PlanStore } from '../store/plans.ts';
import type { StatsStore } from '../store/stats.ts';

export type { StatsReport } from '../blocks/organiser-report.ts';

/** A query is listed once this many different people asked it (on one day). */
export const MIN_PEOPLE = 3;
/** Rows per list. */
const TOP = 10;
/** "Finds N now" counts up to this many (a search that found nothing may since). */
const FINDS_NOW_LIMIT = 100;
/** Zero-result words examined for alias suggestions (each is a scan of the catalog). */
const ALIAS_CANDIDATES = 10;

export interface StatsReportDeps {
  stats: StatsStore;
  plans: Pick<PlanStore, 'saveCounts'>;
  catalog: { papers: readonly Paper[]; sessions: readonly Session[] };
  /** The search: "did you mean" for the nearest query, and whether a phrase finds posters. */
  index: {
    suggest(query: string, max?: number): string[];
    search(
      query: string,
      options: { limit: number },
    ): readonly unknown[] | Promise<readonly unknown[]>;
  };
}

export interface StatsReportOptions {
  /** The local day the report is made. */
  today: string;
  /** First day counted; every day kept when undefined. */
  since?: string;
  /** Rows per list (default 10). */
  top?: number;
}

export async function buildStatsReport(
  deps: StatsReportDeps,
  options: StatsReportOptions,
): Promise<StatsReport> {
  const { catalog, index } = deps;
  const top = options.top ?? TOP;
  const data = await deps.stats.read({
    today: options.today,
    minPeople: MIN_PEOPLE,
    ...(options.since !== undefined && { since: options.since }),
  });
  const zero = data.queries
    .filter((q) => q.foundNothing > 0)
    .sort((a, b) => b.foundNothing - a.foundNothing || a.query.localeCompare(b.query));
  const saves = await deps.plans.saveCounts(catalog.papers.map((p) => p.id));
  return {
    ...(options.since !== undefined && { since: options.since }),
    today: options.today,
    minPeople: MIN_PEOPLE,
    topQueries: data.queries
      .slice(0, top)
      .map(({ query, asked, people, results }) => ({ query, asked, people, results })),
    zeroResults: await Promise.all(
      zero.slice(0, top).map(async ({ query, foundNothing, people }) => {
        const nearest = index.suggest(query, 1)[0];
        const now = (await index.search(query, { limit: FINDS_NOW_LIMIT })).length;
        return {
          query,
          asked: foundNothing,
          people,
          ...(nearest !== undefined && { nearest }),
          ...(now > 0 && { findsNow: now }),
        };
      }),
    ),
    withheld: data.withheld,
    aliasSuggestions: await suggestAliases(
      zero.slice(0, ALIAS_CANDIDATES).map((q) => q.query),
      deps,
    ),
    clicks: data.clicks,
    ...mostSaved(catalog, saves, top),
    days: data.days,
  };
}

/**
 * Alias lines for zero-result one-word queries that still find nothing and abbreviate a
 * phrase the catalog writes at least twice (more often than any other it abbreviates), and
 * only when that phrase itself finds posters.
 */
async function suggestAliases(
  queries: readonly string[],
  { catalog, index }: StatsReportDeps,
): Promise<{ query: string; means: string }[]> {
  const words = queries.filter((q) => /^[\p{L}\p{N}]+$/u.test(q));
  if (words.length === 0) return [];
  const texts = catalog.papers.map((p) => `${p.title}. ${p.abstract}`);
  const suggestions: { query: string; means: string }[] = [];
  for (const query of words) {
    // Found something since (an alias added, new data): nothing left to suggest.
    if ((await index.search(query, { limit: 1 })).length > 0) continue;
    const [best, runnerUp] = expansionsOf(query, texts, 2);
    // A tie is ambiguous (`ml`: "meta learning" or "machine learning"?): left to a person.
    if (!best || (runnerUp && runnerUp.count === best.count)) continue;
    if ((await index.search(best.phrase, { limit: 1 })).length > 0) {
      suggestions.push({ query, means: best.phrase });
    }
  }
  return suggestions;
}

function mostSaved(
  catalog: StatsReportDeps['catalog'],
  saves: ReadonlyMap<string, number>,
  top: number,
) {
  const savedPosters = catalog.papers
    .filter((p) => (saves.get(p.id) ?? 0) > 0)
    .map((p) => ({ id: p.id, title: p.title, saves: saves.get(p.id)! }))
    .sort((a, b) => b.saves - a.saves || a.title.localeCompare(b.title));
  const perSession = new Map<string, number>();
  for (const paper of catalog.papers) {
    const n = saves.get(paper.id) ?? 0;
    if (n === 0) continue;
    for (const id of paper.sessionIds) perSession.set(id, (perSession.get(id) ?? 0) + n);
  }
  const savedSessions = catalog.sessions
    .filter((s) => perSession.has(s.id))
    .map((s) => ({ id: s.id, name: s.name, saves: perSession.get(s.id)! }))
    .sort((a, b) => b.saves - a.saves || a.name.localeCompare(b.name));
  return { savedPosters: savedPosters.slice(0, top), savedSessions: savedSessions.slice(0, top) };
}

// ---------------------------------------------------------------------------------------------
// CSV

/**
 * One CSV cell (RFC 4180): quoted when it holds a comma, a quote or a line break, quotes
 * doubled. A cell a spreadsheet would read as a formula (starting with `=`, `+`, `-`, `@`, or
 * a tab or carriage return, OWASP's list) gets a leading apostrophe: a query typed by anyone
 * must not run in an organiser's spreadsheet.
 */
export function csvCell(value: string | number): string {
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function csvRow(cells: readonly (string | number)[]): string {
  return cells.map(csvCell).join(',');
}

/**
 * The report as one CSV table: a `section` column says which list a row belongs to, so a
 * spreadsheet filter shows one list at a time. Lines end in CRLF (RFC 4180).
 */
export function reportCsv(report: StatsReport): string {
  const rows: (string | number)[][] = [['section', 'item', 'count', 'people', 'detail']];
  for (const q of report.topQueries) {
    rows.push(['top query', q.query, q.asked, q.people, `${q.results} results`]);
  }
  for (const q of report.zeroResults) {
    const detail = q.findsNow ? `finds ${q.findsNow} now` : (q.nearest ?? '');
    rows.push(['found nothing', q.query, q.asked, q.people, detail]);
  }
  for (const a of report.aliasSuggestions)
    rows.push(['alias suggestion', a.query, '', '', a.means]);
  for (const p of report.savedPosters) rows.push(['saved poster', p.title, p.saves, '', p.id]);
  for (const s of report.savedSessions) rows.push(['saved session', s.name, s.saves, '', s.id]);
  for (const c of report.clicks) rows.push(['clicks', c.kind, c.n, '', '']);
  for (const d of report.days) {
    rows.push([
      'day',
      d.day,
      d.queries,
      '',
      `${d.foundNothing} found nothing; ${d.clicks} clicks; ${d.reminders} reminders; ${d.digests} digests`,
    ]);
  }
  return `${rows.map(csvRow).join('\r\n')}\r\n`;
}

// ---------------------------------------------------------------------------------------------
// Plain text

/** The report as plain tables for a terminal. Query text is the caller's to sanitise. */
export function reportText(report: StatsReport): string {
  const period = report.since ? `since ${report.since}` : 'every day kept';
  const out: string[] = [
    `Usage report, ${period}, to ${report.today}`,
    `A query is listed once ${report.minPeople} different people asked it; ${report.withheld} not listed.`,
    '',
  ];
  const section = (title: string, header: string[], rows: (string | number)[][]) => {
    out.push(title);
    if (rows.length === 0) out.push('  none yet', '');
    else out.push(...table(header, rows), '');
  };
  section(
    'Top searches',
    ['query', 'asked', 'people', 'results'],
    report.topQueries.map((q) => [q.query, q.asked, q.people, q.results]),
  );
  section(
    'Searches that found nothing',
    ['query', 'asked', 'people', 'nearest that finds something'],
    report.zeroResults.map((q) => [
      q.query,
      q.asked,
      q.people,
      q.findsNow ? `(finds ${q.findsNow} now)` : (q.nearest ?? '-'),
    ]),
  );
  if (report.aliasSuggestions.length > 0) {
    out.push('Suggested lines for aliases.csv (check them first):');
    for (const a of report.aliasSuggestions) out.push(`  ${a.query},${a.means}`);
    out.push('');
  }
  section(
    'Most saved posters',
    ['saves', 'poster'],
    report.savedPosters.map((p) => [p.saves, p.title]),
  );
  section(
    'Most saved sessions',
    ['saves', 'session'],
    report.savedSessions.map((s) => [s.saves, s.name]),
  );
  section(
    'Clicks per button',
    ['button', 'clicks'],
    report.clicks.map((c) => [c.kind, c.n]),
  );
  section(
    'Traffic per day',
    ['day', 'searches', 'found nothing', 'clicks', 'reminders', 'digests'],
    report.days.map((d) => [d.day, d.queries, d.foundNothing, d.clicks, d.reminders, d.digests]),
  );
  return out.join('\n').trimEnd();
}

/** Columns padded to their widest cell; numbers right-aligned. */
function table(header: readonly string[], rows: readonly (string | number)[][]): string[] {
  const widths = header.map((h, i) =>
    Math.max(h.length, ...rows.map((row) => String(row[i] ?? '').length)),
  );
  const line = (cells: readonly (string | number)[]) =>
    `  ${cells
      .map((cell, i) =>
        typeof cell === 'number'
          ? String(cell).padStart(widths[i]!)
          : String(cell).padEnd(widths[i]!),
      )
      .join('  ')
      .trimEnd()}`;
  return [line(header), ...rows.map(line)];
}
