/**
 * OpenReview enrichment of a session page (data/<page>.openreview.csv): ids, decisions,
 * forum and poster links, and the authors' keywords, joined to the page's papers by title.
 * The session page stays the primary source; the CSV only adds to it.
 *
 * Columns: `title`, `openreview_id` (required), `decision` (Poster | Spotlight | Oral),
 * `openreview_url`, `virtual_site_url`, `keywords` (`; `-separated).
 */
import { readCsv } from './csv.ts';
import { cleanMarkup } from './latex.ts';
import { dataError, dataWarning } from './problems.ts';
import { isHttpUrl, quote, splitList, titleKey, uniqueBy } from './text.ts';
import type { DataProblem, Decision, Paper } from './types.ts';

export interface EnrichmentRow {
  /** 1-based line of the row in the CSV. */
  line: number;
  title: string;
  openReviewId?: string;
  decision?: Decision;
  forumUrl?: string;
  posterUrl?: string;
  keywords: string[];
}

const DECISIONS: readonly Decision[] = ['Poster', 'Spotlight', 'Oral'];
const REQUIRED_COLUMNS = ['title', 'openreview_id'] as const;

/** Reads the enrichment CSV. Rows with problems are reported; a bad URL or decision is dropped alone. */
export function parseEnrichment(
  text: string,
  file: string,
): { rows: EnrichmentRow[]; problems: DataProblem[] } {
  const table = readCsv(text, file, REQUIRED_COLUMNS, ['title', 'openreview_id']);
  const problems = [...table.problems];
  const rows: EnrichmentRow[] = [];
  for (const { line, cells } of table.rows) {
    const title = cells.title?.trim() ?? '';
    if (title === '') {
      problems.push(dataError(file, line, 'row has no title; it cannot be matched to a paper'));
      continue;
    }
    const row: EnrichmentRow = {
      line,
      title,
      keywords: splitList(cells.keywords, ';'),
    };
    const id = cells.openreview_id?.trim() ?? '';
    if (id === '') {
      problems.push(dataWarning(file, line, `no openreview_id for ${quote(title)}`));
    } else {
      row.openReviewId = id;
    }
    const decision = readDecision(cells.decision);
    if (decision.problem) problems.push(dataWarning(file, line, decision.problem));
    if (decision.value) row.decision = decision.value;
    for (const [column, field] of [
      ['openreview_url', 'forumUrl'],
      ['virtual_site_url', 'posterUrl'],
    ] as const) {
      const raw = cells[column]?.trim() ?? '';
      if (raw === '') continue;
      if (isHttpUrl(raw)) {
        row[field] = raw;
      } else {
        problems.push(dataWarning(file, line, `${column} ${quote(raw)} is not an http(s) URL`));
      }
    }
    rows.push(row);
  }
  return { rows, problems };
}

/**
 * Joins enrichment rows to papers on a normalised title (case, diacritics, punctuation,
 * whitespace and LaTeX folded). A matched paper takes the OpenReview id as its id, the links,
 * the decision, and the keywords. Rows that match no paper and papers that no row matches
 * are reported as warnings: both usually mean a title was edited on one side.
 * Linear in papers + rows.
 */
export function applyEnrichment(
  papers: readonly Paper[],
  rows: readonly EnrichmentRow[],
  file: string,
): { papers: Paper[]; problems: DataProblem[] } {
  const problems: DataProblem[] = [];
  const indexByTitle = new Map<string, number>();
  papers.forEach((paper, index) => {
    const key = titleKey(paper.title);
    if (!indexByTitle.has(key)) indexByTitle.set(key, index);
  });
  const matchedBy = new Map<number, EnrichmentRow>();
  const usedIds = new Map<string, number>(papers.map((paper, index) => [paper.id, index]));
  const enriched = [...papers];

  for (const row of rows) {
    const index = indexByTitle.get(titleKey(row.title));
    const paper = index === undefined ? undefined : papers[index];
    if (index === undefined || paper === undefined) {
      problems.push(
        dataWarning(file, row.line, `no paper titled ${quote(row.title)}; row ignored`),
      );
      continue;
    }
    const earlier = matchedBy.get(index);
    if (earlier) {
      problems.push(
        dataWarning(
          file,
          row.line,
          `another row (line ${earlier.line}) already enriches ${quote(paper.title)}; row ignored`,
        ),
      );
      continue;
    }
    matchedBy.set(index, row);
    let id = paper.id;
    if (row.openReviewId !== undefined) {
      const holder = usedIds.get(row.openReviewId);
      if (holder !== undefined && holder !== index) {
        problems.push(
          dataWarning(
            file,
            row.line,
            `openreview_id ${row.openReviewId} is already used by another paper; keeping id ${paper.id}`,
          ),
        );
      } else {
        id = row.openReviewId;
        usedIds.set(id, index);
      }
    }
    enriched[index] = enrichPaper(paper, row, id);
  }

  papers.forEach((paper, index) => {
    if (!matchedBy.has(index)) {
      problems.push(
        dataWarning(
          file,
          undefined,
          `no row for paper ${quote(paper.title)}; it keeps id ${paper.id}`,
        ),
      );
    }
  });
  return { papers: enriched, problems };
}

function enrichPaper(paper: Paper, row: EnrichmentRow, id: string): Paper {
  const result: Paper = {
    ...paper,
    id,
    keywords: uniqueBy(
      [...paper.keywords, ...row.keywords.map((keyword) => cleanMarkup(keyword))],
      (keyword) => keyword.toLowerCase(),
    ),
  };
  if (row.decision) result.decision = row.decision;
  if (row.forumUrl) result.forumUrl = row.forumUrl;
  if (row.posterUrl) result.posterUrl = row.posterUrl;
  return result;
}

function readDecision(raw: string | undefined): { value?: Decision; problem?: string } {
  const text = raw?.trim() ?? '';
  if (text === '') return {};
  const value = DECISIONS.find((decision) => decision.toLowerCase() === text.toLowerCase());
  return value
    ? { value }
    : { problem: `unknown decision ${quote(text)} (expected ${DECISIONS.join(', ')}); ignored` };
}
