/**
 * Asking for neighbours: the lists built when the catalogue loaded (build.ts), read by paper,
 * plus "more by these authors" through the author index, which groups spellings of one person
 * and keeps namesakes apart ("Ming Li" is not "Xiaoming Li").
 */
import type { Paper } from '../catalog/types.ts';
import { foldText } from '../search/analyze.ts';
import type { AuthorIndex, Person } from '../search/author-index.ts';
import { personKey } from '../search/names.ts';
import { NONE, type SimilarData } from './build.ts';

/** A topical neighbour: the poster, how close, and the terms both share (as written). */
export interface SimilarPoster {
  paper: Paper;
  score: number;
  /** Shared terms, most telling first (`question answering`, `BERT`); may be empty. */
  why: string[];
}

/** Another poster by some of the same people. */
export interface AuthorPoster {
  paper: Paper;
  /** The people it shares with the paper asked about, in that paper's author order. */
  people: Person[];
}

export interface SimilarIndex {
  /** Most neighbours stored per paper: the largest `limit` that can be answered in full. */
  readonly stored: number;
  /** The paper with this id, or with exactly this title (case, accents and spacing folded). */
  find(idOrTitle: string): Paper | undefined;
  /**
   * Up to `limit` topical neighbours, best first, from the paper's conference first; never
   * the paper itself. Undefined for an unknown id.
   */
  similarTo(paperId: string, limit?: number): SimilarPoster[] | undefined;
  /**
   * Other posters sharing an author with the paper: most shared people first, then in
   * catalogue order; at most `limit`. Empty for an unknown id.
   */
  moreByAuthors(paperId: string, limit?: number): AuthorPoster[];
}

/** Posters shown when no limit is asked for: one short answer. */
export const DEFAULT_SIMILAR_LIMIT = 5;

const foldTitle = (title: string) => foldText(title).replace(/\s+/g, ' ').trim();

/** Answers over built neighbours; `papers` must be the catalogue `data` was built from. */
export function openSimilarIndex(
  papers: readonly Paper[],
  data: SimilarData,
  authors: AuthorIndex,
): SimilarIndex {
  // Built on the first question rather than at start-up: at 100k papers it is a tenth of
  // a second that a start need not wait for.
  let byId: Map<string, number> | undefined;
  const position = (id: string) => {
    byId ??= new Map(papers.map((p, i) => [p.id, i]));
    return byId.get(id);
  };
  let byTitle: Map<string, Paper> | undefined;
  return {
    stored: data.stored,
    find(idOrTitle) {
      const at = position(idOrTitle);
      if (at !== undefined) return papers[at];
      // Built on the first title lookup: the bot itself only ever asks by id.
      byTitle ??= new Map(papers.map((p) => [foldTitle(p.title), p]));
      return byTitle.get(foldTitle(idOrTitle));
    },
    similarTo(paperId, limit = DEFAULT_SIMILAR_LIMIT) {
      const at = position(paperId);
      if (at === undefined) return undefined;
      const out: SimilarPoster[] = [];
      for (let slot = 0; slot < Math.min(limit, data.stored); slot++) {
        const k = at * data.stored + slot;
        const neighbour = data.neighbours[k]!;
        if (neighbour === NONE) break;
        const why: string[] = [];
        for (let w = 0; w < data.whyTerms; w++) {
          const surface = data.why[k * data.whyTerms + w]!;
          if (surface !== NONE) why.push(data.surfaces[surface]!);
        }
        out.push({ paper: papers[neighbour]!, score: data.scores[k]!, why });
      }
      return out;
    },
    moreByAuthors(paperId, limit = Number.POSITIVE_INFINITY) {
      const at = position(paperId);
      if (at === undefined) return [];
      const shared = new Map<string, AuthorPoster>();
      const seenPeople = new Set<string>();
      for (const written of papers[at]!.authors) {
        const person = authors.person(personKey(written));
        if (!person || seenPeople.has(person.key)) continue;
        seenPeople.add(person.key);
        for (const paper of authors.papersOf(person.key)) {
          if (paper.id === paperId) continue;
          const entry = shared.get(paper.id);
          if (entry) entry.people.push(person);
          else shared.set(paper.id, { paper, people: [person] });
        }
      }
      return [...shared.values()]
        .map((entry, order) => ({ entry, order: position(entry.paper.id) ?? order }))
        .sort((a, b) => b.entry.people.length - a.entry.people.length || a.order - b.order)
        .slice(0, limit)
        .map(({ entry }) => entry);
    },
  };
}

/**
 * A "why" line in words: "Shared terms: question answering, BERT, knowledge graphs". A
 * neighbour found through other neighbours may share no telling term; it says so.
 */
export function describeWhy(why: readonly string[]): string {
  return why.length === 0 ? 'Close to the same posters' : `Shared terms: ${why.join(', ')}`;
}
