/**
 * Parser for a session page copied as text from a conference virtual site (the format of
 * data/iclr2022-poster-session-9.txt): a page header naming the session, then one block per
 * paper, blocks separated by two blank lines:
 *
 * ```
 * Outstanding Paper                       <- optional award line
 * Title line
 *
 * Author One · Author Two                 <- U+00B7, spaced; a single author has no dot
 *
 * Abstract paragraph
 * ```
 *
 * A malformed block is reported with its line and skipped; the other blocks still load.
 */
import { toPaper } from './paper.ts';
import { dataError, dataWarning } from './problems.ts';
import { createSessionTable } from './sessions.ts';
import { quote, slugify } from './text.ts';
import type { DataProblem, Paper, Session } from './types.ts';

export interface SessionPageOptions {
  /** Conference the session belongs to, e.g. "ICLR 2022" (namespaces the session id). */
  conference?: string;
  /** Session name when the page has no header naming it. */
  sessionName?: string;
}

export interface SessionPageResult {
  session: Session;
  /** Ids are title slugs; enrichment replaces them with OpenReview ids. */
  papers: Paper[];
  problems: DataProblem[];
}

/** A run of non-blank lines. */
interface Paragraph {
  /** 1-based line number of the first line. */
  line: number;
  lines: string[];
}

/** Paragraphs between two runs of two or more blank lines. */
interface Block {
  line: number;
  paragraphs: Paragraph[];
}

/** Lines of the virtual site's page chrome; any block holding one is the header. */
const HEADER_MARKERS = [
  /^skip to (yearly menu bar|main content)/i,
  /^session$/i,
  /^abstract:?$/i,
  /^chat is not available\.?$/i,
];
const AUTHOR_SEPARATOR = '·';
/** Longer than any real title: such a line is an abstract out of place. */
const MAX_TITLE_LENGTH = 400;

/**
 * Parses a session page into its session, papers and problems. Titles and abstracts are
 * cleaned of markup; authors split on the middle dot; code links taken from the abstract.
 * Line numbers in problems are 1-based lines of `text`.
 */
export function parseSessionPage(
  text: string,
  file: string,
  opts: SessionPageOptions = {},
): SessionPageResult {
  const problems: DataProblem[] = [];
  const blocks = splitBlocks(text);
  const headerName = findSessionName(blocks.filter(isHeader));
  const sessionName = opts.sessionName ?? headerName ?? fallbackName(file);
  const session = createSessionTable(opts.conference).intern({ name: sessionName });

  if (blocks.length === 0) {
    problems.push(dataError(file, undefined, 'file is empty; expected a session page'));
    return { session, papers: [], problems };
  }
  if (opts.sessionName === undefined && headerName === undefined) {
    problems.push(
      dataWarning(file, 1, `no "Session" header naming the session; using ${quote(sessionName)}`),
    );
  }

  const papers: Paper[] = [];
  const firstLineById = new Map<string, number>();
  for (const block of blocks) {
    if (isHeader(block)) continue;
    const parsed = parseBlock(block);
    if (typeof parsed === 'string') {
      problems.push(dataError(file, block.line, `${parsed}; paper skipped`));
      continue;
    }
    const id = slugify(parsed.title) || `paper-line-${block.line}`;
    const duplicateOf = firstLineById.get(id);
    if (duplicateOf !== undefined) {
      problems.push(
        dataError(file, block.line, `duplicate of the paper at line ${duplicateOf}; skipped`),
      );
      continue;
    }
    firstLineById.set(id, block.line);
    papers.push(toPaper({ ...parsed, id, sessionIds: [session.id], conference: opts.conference }));
  }
  if (papers.length === 0 && problems.every((p) => p.severity === 'warning')) {
    problems.push(dataError(file, undefined, 'no paper blocks found after the page header'));
  }
  return { session, papers, problems };
}

interface BlockFields {
  title: string;
  award?: string;
  authors: string[];
  abstract: string;
}

/** Reads one paper block, or says why it cannot. */
function parseBlock(block: Block): BlockFields | string {
  const [heading, authorLine, ...rest] = block.paragraphs;
  if (!heading) return 'empty block';
  if (heading.lines.length > 2) {
    return `expected a title line (optionally below an award line), found ${heading.lines.length} lines`;
  }
  const title = heading.lines[heading.lines.length - 1] ?? '';
  const award = heading.lines.length === 2 ? heading.lines[0] : undefined;
  if (title.length > MAX_TITLE_LENGTH) {
    return `title line is ${title.length} characters long; is the block out of order?`;
  }
  const named = `paper ${quote(title)}`;
  if (!authorLine) return `${named} has no author line and no abstract (truncated page?)`;
  const authorText = authorLine.lines.join(' ');
  if (!looksLikeAuthors(authorText)) {
    return `${named} has no author line: the line after the title reads like an abstract`;
  }
  if (rest.length === 0) return `${named} has no abstract (truncated page?)`;
  const authors = authorText.split(AUTHOR_SEPARATOR);
  const abstract = rest.flatMap((paragraph) => paragraph.lines).join('\n');
  return award === undefined ? { title, authors, abstract } : { title, award, authors, abstract };
}

/** A dotted list, or a short line without sentence punctuation (a single author). */
function looksLikeAuthors(line: string): boolean {
  if (line.includes(` ${AUTHOR_SEPARATOR} `)) return true;
  const words = line.split(/\s+/).length;
  return line.length <= 80 && words <= 6 && !/[.!?:;]$/.test(line);
}

function splitBlocks(text: string): Block[] {
  const blocks: Block[] = [];
  let paragraph: Paragraph | undefined;
  let blankRun = 2;
  const lines = text.split(/\r\n|\r|\n/);
  for (let index = 0; index < lines.length; index += 1) {
    const line = (lines[index] ?? '').trim();
    if (line === '') {
      blankRun += 1;
      paragraph = undefined;
      continue;
    }
    if (!paragraph) {
      paragraph = { line: index + 1, lines: [] };
      const current = blocks[blocks.length - 1];
      if (blankRun >= 2 || !current) {
        blocks.push({ line: index + 1, paragraphs: [paragraph] });
      } else {
        current.paragraphs.push(paragraph);
      }
    }
    paragraph.lines.push(line);
    blankRun = 0;
  }
  return blocks;
}

function isHeader(block: Block): boolean {
  return block.paragraphs.some((paragraph) =>
    paragraph.lines.some((line) => HEADER_MARKERS.some((marker) => marker.test(line))),
  );
}

/** The line after "Session" in the header: "Poster Session 9". */
function findSessionName(header: readonly Block[]): string | undefined {
  const lines = header.flatMap((block) => block.paragraphs.flatMap((p) => p.lines));
  const index = lines.findIndex((line) => /^session$/i.test(line));
  if (index === -1) return undefined;
  const name = lines[index + 1];
  return name === undefined || HEADER_MARKERS.some((marker) => marker.test(name))
    ? undefined
    : name;
}

function fallbackName(file: string): string {
  const base = file.split(/[\\/]/).pop() ?? file;
  return base.replace(/\.[^.]*$/, '') || 'Session';
}
