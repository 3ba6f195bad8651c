/**
 * The baseline every search figure is compared with: MiniSearch out of the box over the same
 * fields, searched with prefix and fuzzy matching on (its documented way to tolerate typos).
 */
import MiniSearch from 'minisearch';
import type { Paper } from '../src/catalog/types.ts';

export const BASELINE_SEARCH = { prefix: true, fuzzy: 0.2 } as const;

export function createBaselineIndex(papers: readonly Paper[]): MiniSearch {
  const engine = new MiniSearch({ fields: ['title', 'authors', 'keywords', 'abstract'] });
  engine.addAll(
    papers.map((p) => ({
      id: p.id,
      title: p.title,
      authors: p.authors.join(' '),
      keywords: p.keywords.join(' '),
      abstract: p.abstract,
    })),
  );
  return engine;
}
