/**
 * Merging what each data file contributed into one catalog. Ids are the join key: the same
 * paper read from two files (the ICLR 2020 Mini-Conf folder and the JSON lines export) has
 * the same id and becomes one paper; the same session id becomes one session.
 */
import { dataWarning } from './problems.ts';
import { titleKey } from './text.ts';
import type { Catalog, DataProblem, Paper, Session } from './types.ts';

/** What one data file (or one Mini-Conf folder) contributed. */
export interface CatalogPart {
  /** Path used in problems about this part. */
  file: string;
  papers: Paper[];
  sessions: Session[];
}

/** A parser's result: a catalog part's content plus what it found wrong. */
export interface ParsedCatalog {
  papers: Paper[];
  sessions: Session[];
  problems: DataProblem[];
}

/**
 * Merges parts in order. On a duplicate paper id the first file wins for single-valued fields
 * and fills its gaps from the later one; keywords, sessions and code links are united. One
 * warning per pair of files says how many papers were merged. Linear in the number of papers.
 */
export function mergeParts(parts: readonly CatalogPart[]): {
  catalog: Catalog;
  problems: DataProblem[];
} {
  const problems: DataProblem[] = [];
  const papers = new Map<string, { paper: Paper; file: string }>();
  // The same paper from two formats often has two ids (an OpenReview id in one, a
  // `<conference>:<uid>` in the other): the title, normalised, joins them across files.
  const byTitle = new Map<string, { paper: Paper; file: string }>();
  const sessions = new Map<string, { session: Session; file: string }>();

  for (const part of parts) {
    const mergedFrom = new Map<string, string[]>();
    const mergedByTitle = new Map<string, string[]>();
    for (const paper of part.papers) {
      const known = papers.get(paper.id);
      if (!known) {
        const key = titleKey(paper.title);
        const twin = key === '' ? undefined : byTitle.get(key);
        if (twin !== undefined && twin.file !== part.file) {
          twin.paper = mergePaper(twin.paper, paper);
          const pairs = mergedByTitle.get(twin.file) ?? [];
          pairs.push(`${paper.id} = ${twin.paper.id}`);
          mergedByTitle.set(twin.file, pairs);
          continue;
        }
        const entry = { paper, file: part.file };
        papers.set(paper.id, entry);
        if (key !== '' && twin === undefined) byTitle.set(key, entry);
        continue;
      }
      known.paper = mergePaper(known.paper, paper);
      const ids = mergedFrom.get(known.file) ?? [];
      ids.push(paper.id);
      mergedFrom.set(known.file, ids);
    }
    for (const [firstFile, ids] of mergedFrom) {
      const count = ids.length === 1 ? '1 paper' : `${ids.length} papers`;
      problems.push(
        dataWarning(
          part.file,
          undefined,
          `${count} also in ${firstFile} (first: ${ids[0]}); merged, ${firstFile} wins`,
        ),
      );
    }
    for (const [firstFile, pairs] of mergedByTitle) {
      const count = pairs.length === 1 ? '1 paper' : `${pairs.length} papers`;
      problems.push(
        dataWarning(
          part.file,
          undefined,
          `${count} also in ${firstFile} under another id, same title (first: ${pairs[0]}); merged, ${firstFile} wins`,
        ),
      );
    }
    for (const session of part.sessions) {
      const known = sessions.get(session.id);
      if (!known) {
        sessions.set(session.id, { session, file: part.file });
        continue;
      }
      if (
        known.session.start !== undefined &&
        session.start !== undefined &&
        known.session.start !== session.start
      ) {
        problems.push(
          dataWarning(
            part.file,
            undefined,
            `session ${session.id} starts at ${session.start} here but at ${known.session.start} in ${known.file}; keeping ${known.file}`,
          ),
        );
      }
      known.session = { ...session, ...known.session };
    }
  }
  return {
    catalog: {
      papers: [...papers.values()].map((entry) => entry.paper),
      sessions: [...sessions.values()].map((entry) => entry.session),
    },
    problems,
  };
}

/** `first` wins; `later` fills what `first` lacks; list fields are united. */
function mergePaper(first: Paper, later: Paper): Paper {
  return {
    ...later,
    ...first,
    abstract: first.abstract || later.abstract,
    authors: first.authors.length > 0 ? first.authors : later.authors,
    keywords: unite(first.keywords, later.keywords),
    sessionIds: unite(first.sessionIds, later.sessionIds),
    codeUrls: unite(first.codeUrls, later.codeUrls),
  };
}

function unite(a: readonly string[], b: readonly string[]): string[] {
  return [...new Set([...a, ...b])];
}
