import { describe, expect, it } from 'vitest';
import {
  foldNameWord,
  MatchTier,
  matchTier,
  nameTypoBudget,
  parseName,
  personKey,
  surnameFirstReading,
} from '../../src/search/names.ts';

/** The best tier between any reading of the query and any reading of the person. */
function tierOf(query: string, person: string): MatchTier | undefined {
  const q = parseName(query);
  const p = parseName(person);
  let best: MatchTier | undefined;
  for (const qf of q?.forms ?? []) {
    for (const pf of p?.forms ?? []) {
      if (qf.surname !== pf.surname) continue;
      const tier = matchTier(qf, pf);
      if (tier !== undefined && (best === undefined || tier < best)) best = tier;
    }
  }
  return best;
}

describe('foldNameWord', () => {
  it.each([
    ['José', 'jose'],
    ['Ballé', 'balle'],
    ['Schärli', 'scharli'],
    ['Miłos', 'milos'],
    ['Łukasz', 'lukasz'],
    ['Søren', 'soren'],
    ['Groß', 'gross'],
    ["O'Boyle", 'oboyle'],
    ['d’Hoffschmidt', 'dhoffschmidt'],
    ["Xue'", 'xue'],
    ['Zhang*', 'zhang'],
    ['Wu†', 'wu'],
  ])('%s → %s', (word, folded) => {
    expect(foldNameWord(word)).toBe(folded);
  });
});

describe('personKey', () => {
  const sameKey: string[][] = [
    [
      'Cho-Jui Hsieh',
      'cho-jui hsieh',
      'Cho Jui Hsieh',
      'ChoJui Hsieh',
      'CHO-JUI HSIEH',
      'Hsieh, Cho-Jui',
    ],
    ['X.Y. Han', 'XY Han', 'X. Y. Han', 'x.y. han'],
    ["Hui Xue'", 'Hui Xue', 'hui xue'],
    ['Tianyi Zhang*', 'Tianyi Zhang', 'Tianyi  Zhang '],
    ['Hal Daumé III', 'Hal Daume'],
    ['Krishnamurthy (Dj) Dvijotham', 'Krishnamurthy Dvijotham*'],
    ['Timothy J. O’Donnell', "Timothy J. O'Donnell", 'Timothy J ODonnell'],
    ['Marcin Michalski\u200e', 'Marcin Michalski'],
    ['fengwei yu', 'Fengwei Yu'],
  ];
  it.each(sameKey)('%s and its spellings are one person', (first, ...others) => {
    for (const other of others) expect(personKey(other)).toBe(personKey(first));
  });

  const differentKeys: [string, string][] = [
    ['Ming Li', 'Xiaoming Li'],
    ['Ming Li', 'Mingjie Li'],
    ['Kilian Weinberger', 'Kilian Q. Weinberger'],
    // Different order is not merged: it might be two people (see author-index.ts).
    ['LIU YONG', 'Yong Liu'],
  ];
  it.each(differentKeys)('%s and %s are kept apart', (a, b) => {
    expect(personKey(a)).not.toBe(personKey(b));
  });

  it.each(['', '   ', '*', '(Dj)', '-'])('%j is no name', (written) => {
    expect(parseName(written)).toBeUndefined();
    expect(personKey(written)).toBe('');
  });
});

describe('matchTier', () => {
  const cases: [string, string, MatchTier | undefined][] = [
    ['Cho-Jui Hsieh', 'Cho-Jui Hsieh', MatchTier.Exact],
    ['cho jui hsieh', 'Cho-Jui Hsieh', MatchTier.Exact],
    ['ChoJui Hsieh', 'Cho-Jui Hsieh', MatchTier.Exact],
    ['C. Hsieh', 'Cho-Jui Hsieh', MatchTier.Initials],
    ['C.-J. Hsieh', 'Cho-Jui Hsieh', MatchTier.Initials],
    ['CJ Hsieh', 'Cho-Jui Hsieh', MatchTier.Initials],
    ['cj hsieh', 'Cho-Jui Hsieh', MatchTier.Initials],
    ['C.-J. Hsieh', 'ChoJui Hsieh', MatchTier.Initials],
    ['J. Hsieh', 'Cho-Jui Hsieh', undefined],
    ['Hsieh', 'Cho-Jui Hsieh', MatchTier.Surname],
    ['hsiej', 'Cho-Jui Hsieh', undefined],
    ['X.Y. Han', 'X.Y. Han', MatchTier.Exact],
    ['XY Han', 'X.Y. Han', MatchTier.Exact],
    ['xy han', 'X.Y. Han', MatchTier.Exact],
    ['X. Han', 'X.Y. Han', MatchTier.Initials],
    ['X.Y. Han', 'Xiao-Yu Han', MatchTier.Initials],
    ['Ming Li', 'Ming Li', MatchTier.Exact],
    ['Ming Li', 'Xiaoming Li', undefined],
    ['Ming Li', 'Mingjie Li', undefined],
    ['Ming Li', 'Ming-Jie Li', undefined],
    ['Ming Li', 'Li Ming', undefined],
    ['Kilian Weinberger', 'Kilian Q. Weinberger', MatchTier.SpelledOut],
    ['Kilian Q. Weinberger', 'Kilian Weinberger', MatchTier.SpelledOut],
    ['Kilian R. Weinberger', 'Kilian Q. Weinberger', undefined],
    ['Zico Kolter', 'J. Zico Kolter', MatchTier.SpelledOut],
    ['Z. Kolter', 'J. Zico Kolter', MatchTier.Initials],
    ['jose oramas', 'José Oramas', MatchTier.Exact],
    ['Lukasz Kaiser', 'Łukasz Kaiser', MatchTier.Exact],
    ['Hui Xue', "Hui Xue'", MatchTier.Exact],
    ['Benjamin Van Durme', 'Benjamin Van Durme', MatchTier.Exact],
    ['Benjamin Durme', 'Benjamin Van Durme', MatchTier.SpelledOut],
    ['Van Durme', 'Benjamin Van Durme', MatchTier.Surname],
    ['Le Borgne', 'Hervé Le Borgne', MatchTier.Surname],
    ['Yong Liu', 'LIU YONG', MatchTier.Exact],
    ['Liu', 'LIU YONG', MatchTier.Surname],
    ['Dj Dvijotham', 'Krishnamurthy (Dj) Dvijotham', MatchTier.Exact],
    ['Daume', 'Hal Daumé III', MatchTier.Surname],
  ];
  it.each(cases)('%s → %s: %s', (query, person, tier) => {
    expect(tierOf(query, person)).toBe(tier);
  });
});

describe('surnameFirstReading', () => {
  it.each([
    ['Hsieh Cho-Jui', 'Cho-Jui Hsieh'],
    ['Li Ming', 'Ming Li'],
    ['Hsieh', undefined],
  ])('%s → %s', (written, reading) => {
    expect(surnameFirstReading(written)).toBe(reading);
  });
});

describe('nameTypoBudget', () => {
  it.each([
    ['Li', 0],
    ['Tay', 0],
    ['Hsiej', 1],
    ['Mysore', 1],
    ['Salakhutdinv', 2],
  ])('%s may carry %i typos', (name, budget) => {
    expect(nameTypoBudget(name)).toBe(budget);
  });
});
