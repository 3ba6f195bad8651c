import { deserialize, serialize } from 'node:v8';
import { describe, expect, it } from 'vitest';
import { buildSimilarData } from '../../src/similar/build.ts';
import { packSimilar, unpackSimilar } from '../../src/similar/snapshot.ts';
import { TOPICAL } from './corpus.ts';

describe('packSimilar / unpackSimilar', () => {
  const data = buildSimilarData(TOPICAL);

  it('gives back the same neighbours through v8 serialisation, as the snapshot stores them', () => {
    expect(data.surfaces.length).toBeGreaterThan(5);
    const back = unpackSimilar(deserialize(serialize(packSimilar(data))), TOPICAL.length);
    expect(back).toEqual(data);
  });

  it('refuses a value of another shape or for another catalogue', () => {
    const packed = packSimilar(data);
    expect(() => unpackSimilar(undefined, TOPICAL.length)).toThrow(/similar/);
    expect(() => unpackSimilar({ ...packed, scores: [] }, TOPICAL.length)).toThrow(/similar/);
    expect(() => unpackSimilar(packed, TOPICAL.length + 1)).toThrow(/catalogue/);
    const outOfRange = { ...packed, neighbours: packed.neighbours.map(() => TOPICAL.length) };
    expect(() => unpackSimilar(outOfRange, TOPICAL.length)).toThrow(/catalogue/);
    const badTerm = { ...packed, why: packed.why.map(() => 1_000_000) };
    expect(() => unpackSimilar(badTerm, TOPICAL.length)).toThrow(/catalogue/);
  });
});
