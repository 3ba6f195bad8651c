/** Domain types of the catalog. Everything downstream (search, blocks, digest) speaks these. */

/** How a paper was accepted; drives the badges on a card. */
export type Decision = 'Poster' | 'Spotlight' | 'Oral';

/** A poster session: a named slot in which papers are presented. */
export interface Session {
  /** Stable id, unique in the catalog (a slug of the conference and the session name). */
  id: string;
  /** As shown to users, e.g. "Poster Session 9". */
  name: string;
  /** ISO 8601 instant, or undefined for an undated session. */
  start?: string;
  end?: string;
  /** A room or a link to the session, when known. */
  location?: string;
  /** e.g. "ICLR 2022". */
  conference?: string;
}

export interface Paper {
  /** Stable and unique across every file: the OpenReview id when known, else a slug. */
  id: string;
  title: string;
  /** Display names in author order, cleaned (no stray punctuation). */
  authors: string[];
  abstract: string;
  /** e.g. "Outstanding Paper". */
  award?: string;
  decision?: Decision;
  keywords: string[];
  /** Ids of the sessions the paper is presented in (several for some conferences). */
  sessionIds: string[];
  /** The poster page on the conference site. */
  posterUrl?: string;
  /** The OpenReview forum. */
  forumUrl?: string;
  /** The paper itself (PDF or anthology page) when the source links neither forum nor poster. */
  paperUrl?: string;
  /** Code repositories found in the abstract. */
  codeUrls: string[];
  conference?: string;
  /** Track or area within the conference, e.g. "Machine Translation and Multilinguality". */
  track?: string;
}

/** A problem found while loading data: always names the file, and the line when known. */
export interface DataProblem {
  file: string;
  line?: number;
  message: string;
  /** Errors drop a record (or a file); warnings keep it. */
  severity: 'error' | 'warning';
}

export interface Catalog {
  papers: Paper[];
  sessions: Session[];
  /** Words attendees use and what they mean in the catalog (`aliases.csv`), if any. */
  aliases?: Alias[];
}

/** One line of `aliases.csv`: a word and what it means here (src/catalog/aliases.ts). */
export interface Alias {
  /** One word, as written in the file (`NeRF`). */
  query: string;
  /** What it stands for (`neural radiance field`). */
  means: string;
}

/** Formats a problem the way every tool prints it: `file:line: message`. */
export function formatProblem(problem: DataProblem): string {
  const where = problem.line === undefined ? problem.file : `${problem.file}:${problem.line}`;
  return `${where}: ${problem.severity}: ${problem.message}`;
}
