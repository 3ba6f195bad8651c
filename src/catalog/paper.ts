/**
 * The one place a parsed record becomes a {@link Paper}: every source (session page, Mini-Conf,
 * JSON lines) gets the same cleaning, so search and cards never see raw markup.
 */
import { extractCodeUrls } from './code-links.ts';
import { cleanMarkup } from './latex.ts';
import { cleanAuthors, conferenceKey, uniqueBy } from './text.ts';
import type { Decision, Paper } from './types.ts';

/** A paper as a parser read it: raw strings, markup and all. */
export interface RawPaper {
  id: string;
  title: string;
  authors: Iterable<string>;
  abstract?: string;
  award?: string;
  decision?: Decision;
  keywords?: Iterable<string>;
  sessionIds?: readonly string[];
  posterUrl?: string;
  forumUrl?: string;
  paperUrl?: string;
  conference?: string;
  track?: string;
}

/**
 * Cleans a raw record into a Paper: markup in title, abstract, authors and keywords turned
 * into text, authors and keywords de-duplicated, code links taken from the abstract.
 * Optional fields that are empty are left out rather than set to "".
 */
export function toPaper(raw: RawPaper): Paper {
  const abstract = cleanMarkup(raw.abstract ?? '');
  const paper: Paper = {
    id: raw.id,
    title: cleanMarkup(raw.title),
    authors: cleanAuthors(raw.authors),
    abstract,
    keywords: uniqueBy(
      [...(raw.keywords ?? [])].map((keyword) => cleanMarkup(keyword)),
      (keyword) => keyword.toLowerCase(),
    ),
    sessionIds: [...new Set(raw.sessionIds ?? [])],
    codeUrls: extractCodeUrls(abstract),
  };
  // Optional fields are set only when present, in a fixed order (one object shape for all).
  const award = raw.award === undefined ? '' : cleanMarkup(raw.award);
  const track = raw.track === undefined ? '' : cleanMarkup(raw.track);
  if (award) paper.award = award;
  if (raw.decision) paper.decision = raw.decision;
  if (raw.posterUrl?.trim()) paper.posterUrl = raw.posterUrl.trim();
  if (raw.forumUrl?.trim()) paper.forumUrl = raw.forumUrl.trim();
  if (raw.paperUrl?.trim()) paper.paperUrl = raw.paperUrl.trim();
  if (raw.conference?.trim()) paper.conference = raw.conference.trim();
  if (track) paper.track = track;
  return paper;
}

/**
 * Id of a paper from a conference-scale source: `<conference-key>:<uid>` (`acl2020:main.8`).
 * Source uids are unique only within a conference (150 appear in both ACL 2020 and EMNLP
 * 2020), so the conference namespaces them; the same paper read from two files of the same
 * conference gets the same id and is merged.
 */
export function namespacedId(conference: string, uid: string): string {
  return `${conferenceKey(conference)}:${uid}`;
}
