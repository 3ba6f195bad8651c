/**
 * The neighbours' part of a start-up snapshot (src/search/index-cache.ts stores what these
 * return beside the search indexes, and gives it back to {@link unpackSimilar}). Typed arrays
 * go as they are; the shared terms as one string, which reads back far faster than a
 * hundred thousand small ones.
 */
import type { SimilarData } from './build.ts';

/** What a snapshot stores: {@link SimilarData} with its terms run together. */
export interface PackedSimilar {
  stored: number;
  whyTerms: number;
  neighbours: Uint32Array;
  scores: Float32Array;
  why: Uint32Array;
  /** {@link SimilarData.surfaces} joined by newlines (a term as written never holds one). */
  surfaces: string;
}

const SEPARATOR = '\n';

export function packSimilar(data: SimilarData): PackedSimilar {
  const { stored, whyTerms, neighbours, scores, why, surfaces } = data;
  return { stored, whyTerms, neighbours, scores, why, surfaces: surfaces.join(SEPARATOR) };
}

/**
 * The neighbours of a catalogue of `paperCount` papers, read back from what
 * {@link packSimilar} stored. Throws when the value is not that, or not for that catalogue
 * (the snapshot is then rebuilt).
 */
export function unpackSimilar(value: unknown, paperCount: number): SimilarData {
  const p = value as Partial<PackedSimilar> | null | undefined;
  if (
    typeof p !== 'object' ||
    p === null ||
    !Number.isSafeInteger(p.stored) ||
    !Number.isSafeInteger(p.whyTerms) ||
    !(p.neighbours instanceof Uint32Array) ||
    !(p.scores instanceof Float32Array) ||
    !(p.why instanceof Uint32Array) ||
    typeof p.surfaces !== 'string'
  ) {
    throw new Error('similar: unexpected contents');
  }
  const { stored, whyTerms, neighbours, scores, why } = p as PackedSimilar;
  const surfaces = p.surfaces === '' ? [] : p.surfaces.split(SEPARATOR);
  const slots = paperCount * stored;
  if (
    stored < 0 ||
    whyTerms < 0 ||
    neighbours.length !== slots ||
    scores.length !== slots ||
    why.length !== slots * whyTerms ||
    neighbours.some((n) => n !== NONE_SLOT && n >= paperCount) ||
    why.some((s) => s !== NONE_SLOT && s >= surfaces.length)
  ) {
    throw new Error('similar: does not fit the catalogue');
  }
  return { stored, whyTerms, neighbours, scores, why, surfaces };
}

/** Same value as build.ts `NONE`, repeated so this module needs nothing else from the build. */
const NONE_SLOT = 0xffffffff;
