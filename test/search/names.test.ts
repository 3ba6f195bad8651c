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
    // A tab or line break between the words is a blank, not an invisible mark.
    [
      'Ada Lovelace',
      'Ada\tLovelace',
      'Ada\nLovelace',
      'Ada\r\nLovelace\u200e',
      'Ada\u0007 Lovelace',
    ],
    ['fengwei yu', 'Fengwei Yu'],
    // A comma with nothing after it, or a suffix after it, leaves the surname alone.
    ['Hsieh', 'Hsieh,', 'Hsieh, Jr.'],
    ['Martin Luther King', 'Martin Luther King, Jr.', 'Martin Luther King Jr'],
    // Hyphens at either end of a word are stray marks; doubled ones inside are one.
    ['Jean-Luc Picard', 'Jean--Luc Picard', '-Jean-Luc- Picard-'],
    ['Sebastian Nowozin', 'Sebastian Nowozin.'],
    ['José-Miguel Hernández-Lobato', 'Jose-Miguel Hernandez-Lobato', 'JoséMiguel Hernández-Lobato'],
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
    // A suffix is dropped only after a given name and a surname: here it is the surname.
    ['Hal III', 'Hal'],
    // More than one comma is no "Last, First": the words stay in their order.
    ['Hsieh, Cho-Jui, Jr', 'Cho-Jui Hsieh'],
  ];
  it.each(differentKeys)('%s and %s are kept apart', (a, b) => {
    expect(personKey(a)).not.toBe(personKey(b));
  });

  it('is the folded given names and surname, or the surname alone', () => {
    // The key is what a "did you mean" button carries: it must not change between builds.
    expect(personKey('Cho-Jui Hsieh')).toBe('chojui hsieh');
    expect(personKey('Hsieh')).toBe('hsieh');
    expect(personKey('(Dj) Dvijotham')).toBe('dvijotham');
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
    // Two or three letters without a vowel, in one case, are initials run together...
    ['XY Han', 'Xiao-Yu Han', MatchTier.Initials],
    ['JRR Tolkien', 'John Ronald Reuel Tolkien', MatchTier.Initials],
    ['qj han', 'Qi Jun Han', MatchTier.Initials],
    // ...but not four letters, a word with a vowel, mixed case, or capitals in a capitals name.
    ['JRRT Tolkien', 'John Ronald Reuel Tolkien', undefined],
    ['Yu Han', 'Yan Ulrich Han', undefined],
    ['Xy Han', 'Xiao-Yu Han', undefined],
    ['QJ HAN', 'Qi Jun Han', undefined],
    // A particle as the first word is a given name (Le Song), not part of the surname only.
    ['L. Song', 'Le Song', MatchTier.Initials],
    ['Lesong', 'Le Song', MatchTier.Surname],
    // Middle initials must appear in the person's, in the same order.
    ['Kilian R. Weinberger', 'Kilian Q. R. Weinberger', MatchTier.SpelledOut],
    ['Kilian Q. R. Weinberger', 'Kilian R. Weinberger', MatchTier.SpelledOut],
    ['Kilian R. Q. Weinberger', 'Kilian Q. R. Weinberger', undefined],
    // A particle gives no initial and is no spelled-out name.
    ['B. Durme', 'Benjamin Van Durme', MatchTier.Initials],
    ['B. V. Durme', 'Benjamin Van Durme', undefined],
    ['Benjamin Van Durme', 'Benjamin Durme', MatchTier.SpelledOut],
    ['De la Fuente', 'Maria de la Fuente', MatchTier.Surname],
    ['Maria Fuente', 'Maria de la Fuente', MatchTier.SpelledOut],
    // A nickname is also a given name: its initial fits, an unrelated one does not.
    ['D. Dvijotham', 'Krishnamurthy (Dj) Dvijotham', MatchTier.Initials],
    ['J. Dvijotham', 'Krishnamurthy (Dj) Dvijotham', undefined],
    // Only a name of two words all in capitals is also read surname first.
    ['Cho', 'CHO JUI HSIEH', undefined],
    ['Yong', 'Yong Liu', undefined],
    ['Jose Oramas', 'JOSÉ ORAMAS', MatchTier.Exact],
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

describe('parseName', () => {
  it.each([
    ['Simon Lacoste-Julien', ['lacoste', 'julien']],
    ['José-Miguel Hernández-Lobato', ['hernandez', 'lobato']],
    // A one-letter part is no surname to find someone by.
    ['Hyun Kim-A', ['kim']],
    ['Cho-Jui Hsieh', []],
  ])('%s has the surname parts %j', (written, parts) => {
    expect(parseName(written)?.surnameParts).toEqual(parts);
  });

  it('counts the words of the name, without stray marks and suffixes', () => {
    expect(parseName('Hsieh')?.words).toBe(1);
    expect(parseName('C.-J. Hsieh')?.words).toBe(3);
    expect(parseName('Hal Daumé III †')?.words).toBe(2);
  });

  it('reads only the first spelled-out given name as the first name', () => {
    expect(parseName('J. Zico Kolter')?.forms[0]?.firstGiven).toBe('zico');
    expect(parseName('Cho-Jui Hsieh')?.forms[0]?.firstGiven).toBe('cho');
    expect(parseName('C.-J. Hsieh')?.forms[0]?.firstGiven).toBe('');
  });
});

describe('nameTypoBudget', () => {
  it.each([
    ['Li', 0],
    ['Tay', 0], // three letters: the last with none
    ['Chen', 1], // four: the first with one
    ['Hsiej', 1],
    ['Mysore', 1],
    ['Donahue', 1], // seven: the last with one
    ['Leskovec', 2], // eight: the first with two
    ['Salakhutdinv', 2],
  ])('%s may carry %i typos', (name, budget) => {
    expect(nameTypoBudget(name)).toBe(budget);
  });
});
