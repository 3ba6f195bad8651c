import { deserialize, serialize } from 'node:v8';
import { describe, expect, it } from 'vitest';
import type { Paper } from '../../src/catalog/types.ts';
import {
  type AuthorMatch,
  buildAuthorIndexData,
  createAuthorIndex,
  matchedAuthorSlots,
  openAuthorIndex,
} from '../../src/search/author-index.ts';
import { matchTier, parseName } from '../../src/search/names.ts';
import { makePaper } from '../fixtures/papers.ts';

/**
 * Author lines in the shapes of the seed session (data/iclr2022-poster-session-9.txt):
 * Cho-Jui Hsieh on four papers (once written without the hyphen), "X.Y. Han", "fengwei yu",
 * "LIU YONG", "Hui Xue'", plus namesakes that must stay apart.
 */
const PAPERS: Paper[] = [
  [
    'p1',
    'Node Feature Extraction',
    ['Eli Chien', 'Wei-Cheng Chang', 'Cho-Jui Hsieh', 'Hsiang-Fu Yu'],
  ],
  ['p2', 'Learning to Schedule', ['LIU YONG', 'Xiangning Chen', 'Minhao Cheng', 'Cho-Jui Hsieh']],
  ['p3', 'Generalizing Few-Shot NAS', ['Shoukang Hu', 'Lanqing HONG', 'Cho-Jui Hsieh']],
  [
    'p4',
    'On the Convergence of Certified Training',
    ['Yihan Wang', 'Quanquan Gu', 'Cho Jui Hsieh'],
  ],
  ['p5', 'Neural Collapse Under MSE Loss', ['X.Y. Han', 'Vardan Papyan', 'David Donoho']],
  ['p6', 'QDrop', ['Xiuying Wei', 'Ruihao Gong', 'fengwei yu']],
  ['p7', 'Beyond ImageNet Attack', ['Qilong Zhang', 'Yuan He', "Hui Xue'"]],
  ['p8', 'Namesakes I', ['Ming Li', 'Xiaoming Li']],
  ['p9', 'Namesakes II', ['Mingjie Li', 'Yong Liu']],
  ['p10', 'Deep Generative Models', ['Ruslan Salakhutdinov', 'José Oramas', 'Sung-Hsien Hsieh']],
  ['p11', 'Frank-Wolfe', ['Simon Lacoste-Julien', 'Tianyi Zhang*']],
  ['p12', 'Listed Twice', ['Tianyi Zhang', 'Tianyi Zhang']],
].map(([id, title, authors]) =>
  makePaper({ id: id as string, title: title as string, authors: authors as string[] }),
);

/**
 * A fresh index per test: mutation testing (stryker.config.mjs, coverage per test) credits a
 * test only with the code it runs itself, so an index built once at load, or a lookup table
 * built by an earlier test, would leave that building unchecked.
 */
const catalogIndex = () => createAuthorIndex(PAPERS);

/** What a user sees: the kind of answer and the people, best first, with paper counts. */
function seen(match: AuthorMatch): [string, string[]] {
  if (match.kind === 'none') return ['none', []];
  return [match.kind, match.people.map((p) => `${p.name} (${p.paperIds.length})`)];
}

/** A query, the kind of answer and the people expected, as {@link seen} shows them. */
const FIND_CASES: [string, string, string[]][] = [
  ['Cho-Jui Hsieh', 'people', ['Cho-Jui Hsieh (4)']],
  ['cho jui hsieh', 'people', ['Cho-Jui Hsieh (4)']],
  ['ChoJui Hsieh', 'people', ['Cho-Jui Hsieh (4)']],
  ['C. Hsieh', 'people', ['Cho-Jui Hsieh (4)']],
  ['C.-J. Hsieh', 'people', ['Cho-Jui Hsieh (4)']],
  ['Hsieh, Cho-Jui', 'people', ['Cho-Jui Hsieh (4)']],
  ['Hsieh Cho-Jui', 'people', ['Cho-Jui Hsieh (4)']],
  // A surname alone: everyone with it, most papers first.
  ['hsieh', 'people', ['Cho-Jui Hsieh (4)', 'Sung-Hsien Hsieh (1)']],
  ['Ming Li', 'people', ['Ming Li (1)']],
  ['Li', 'people', ['Ming Li (1)', 'Mingjie Li (1)', 'Xiaoming Li (1)']],
  ['X.Y. Han', 'people', ['X.Y. Han (1)']],
  ['XY Han', 'people', ['X.Y. Han (1)']],
  ['Fengwei Yu', 'people', ['fengwei yu (1)']],
  ['Xue', 'people', ["Hui Xue' (1)"]],
  ['jose', 'suggestion', ['José Oramas (1)']],
  ['jose oramas', 'people', ['José Oramas (1)']],
  // Exact spelling first; the capitals-first spelling of the same letters follows.
  ['Yong Liu', 'people', ['Yong Liu (1)', 'LIU YONG (1)']],
  // As typed first; the same words read surname first (as capitals usually are) follow.
  ['LIU YONG', 'people', ['LIU YONG (1)', 'Yong Liu (1)']],
  ['Liu', 'people', ['Yong Liu (1)', 'LIU YONG (1)']],
  // Stray marks never show when a clean spelling exists; a doubled author counts once.
  ['Tianyi Zhang', 'people', ['Tianyi Zhang (2)']],
  // Part of a hyphenated surname, when nobody has it as a whole surname.
  ['julien', 'people', ['Simon Lacoste-Julien (1)']],
  // ...and only for a name of one word: a full name must match a whole surname.
  ['Simon Julien', 'none', []],
  // Near misses are suggestions, never results.
  ['Salakhutdinv', 'suggestion', ['Ruslan Salakhutdinov (1)']],
  ['Ruslan Salakhutdinv', 'suggestion', ['Ruslan Salakhutdinov (1)']],
  ['Hsiej', 'suggestion', ['Cho-Jui Hsieh (4)', 'Sung-Hsien Hsieh (1)']],
  ['Rusln Salakhutdinov', 'suggestion', ['Ruslan Salakhutdinov (1)']],
  ['Ruslan', 'suggestion', ['Ruslan Salakhutdinov (1)']],
  ['Cho Hsieh', 'suggestion', ['Cho-Jui Hsieh (4)']],
  ['Sung Hsieh', 'suggestion', ['Sung-Hsien Hsieh (1)']],
  // One letter too many or too few in the surname.
  ['Hsiehh', 'suggestion', ['Cho-Jui Hsieh (4)', 'Sung-Hsien Hsieh (1)']],
  ['Hsie', 'suggestion', ['Cho-Jui Hsieh (4)', 'Sung-Hsien Hsieh (1)']],
  // Initials typed with a misspelt surname must still fit the person suggested.
  ['C. Hsiej', 'suggestion', ['Cho-Jui Hsieh (4)']],
  ['S. Hsiej', 'suggestion', ['Sung-Hsien Hsieh (1)']],
  ['Geoffrey Hinton', 'none', []],
  ['Tay', 'none', []],
  ['', 'none', []],
  ['***', 'none', []],
];

describe('AuthorIndex.find', () => {
  it.each(FIND_CASES)('%j → %s %j', (query, kind, people) => {
    expect(seen(catalogIndex().find(query))).toEqual([kind, people]);
  });

  it('caps the number of suggestions', () => {
    const small = createAuthorIndex(PAPERS, { maxSuggestions: 1 });
    expect(seen(small.find('Hsiej'))).toEqual(['suggestion', ['Cho-Jui Hsieh (4)']]);
  });
});

describe('openAuthorIndex over stored data', () => {
  // As a start-up snapshot stores it (search/index-cache.ts): through v8's serializer.
  const storedIndex = () =>
    openAuthorIndex(PAPERS, deserialize(serialize(buildAuthorIndexData(PAPERS))));

  it.each(FIND_CASES.map(([query]) => query))('answers %j as a fresh index does', (query) => {
    const index = catalogIndex();
    const stored = storedIndex();
    const fresh = index.find(query);
    expect(stored.find(query)).toEqual(fresh);
    const people = fresh.kind === 'none' ? [] : fresh.people;
    expect(stored.papersOfPeople(people)).toEqual(index.papersOfPeople(people));
    for (const { key } of people) expect(stored.person(key)).toEqual(index.person(key));
  });

  it('knows the same people', () => {
    const stored = storedIndex();
    expect(stored.size).toBe(catalogIndex().size);
    expect(stored.person('nobody')).toBeUndefined();
    expect(stored.papersOf('nobody')).toEqual([]);
  });
});

describe('AuthorIndex papers', () => {
  /** The index and the people `Cho-Jui Hsieh` finds in it. */
  function hsieh() {
    const index = catalogIndex();
    const match = index.find('Cho-Jui Hsieh');
    return { index, people: match.kind === 'people' ? match.people : [] };
  }

  it('lists a person’s papers in catalogue order, whatever the spelling', () => {
    const { index, people } = hsieh();
    expect(index.papersOf(people[0]?.key ?? '').map((p) => p.id)).toEqual(['p1', 'p2', 'p3', 'p4']);
  });

  it('finds a person again by key (what a "did you mean" button carries)', () => {
    const { index, people } = hsieh();
    const key = people[0]?.key ?? '';
    expect(index.person(key)?.name).toBe('Cho-Jui Hsieh');
    expect(index.person('nobody')).toBeUndefined();
    expect(index.papersOf('nobody')).toEqual([]);
  });

  it('merges the papers of several people once each', () => {
    const index = catalogIndex();
    const li = index.find('Li');
    const ids = li.kind === 'people' ? index.papersOfPeople(li.people).map((p) => p.id) : [];
    expect(ids).toEqual(['p8', 'p9']);
  });

  it('counts distinct people', () => {
    // 31 distinct spellings; Cho-Jui Hsieh and Tianyi Zhang are each written two ways.
    expect(catalogIndex().size).toBe(29);
  });
});

/** An index over one paper per row of author names, for a case of its own. */
function indexOf(...rows: string[][]) {
  return createAuthorIndex(
    rows.map((authors, i) => makePaper({ id: `q${i}`, title: `Q${i}`, authors })),
  );
}

describe('the name shown for a person', () => {
  it.each([
    // The only spelling, without the blanks around it.
    [[[' Ada Lovelace ']], 'Lovelace', 'Ada Lovelace'],
    // Clean capitals beat a spelling written more often in lower case or all capitals.
    [[['fengwei yu'], ['fengwei yu'], ['Fengwei Yu']], 'Yu', 'Fengwei Yu'],
    [[['LIU YONG'], ['LIU YONG'], ['Liu Yong']], 'Yong', 'Liu Yong'],
    // Among clean spellings the most frequent; a tie goes to the one met first.
    [[['Cho Jui Hsieh'], ['Cho-Jui Hsieh'], ['Cho-Jui Hsieh']], 'Hsieh', 'Cho-Jui Hsieh'],
    [[['Cho Jui Hsieh'], ['Cho-Jui Hsieh']], 'Hsieh', 'Cho Jui Hsieh'],
    [[['Cho-Jui Hsieh'], ['Cho Jui Hsieh']], 'Hsieh', 'Cho-Jui Hsieh'],
    // Stray marks are not clean, at either end.
    [[['Tianyi Zhang*'], ['Tianyi Zhang*'], ['Tianyi Zhang']], 'Zhang', 'Tianyi Zhang'],
    [[['*Tianyi Zhang'], ['*Tianyi Zhang'], ['Tianyi Zhang']], 'Zhang', 'Tianyi Zhang'],
    // Initials' dots, an inner apostrophe and a hyphen are clean.
    [[['Sean O’Boyle†'], ['Sean O’Boyle†'], ['Sean O’Boyle']], 'OBoyle', 'Sean O’Boyle'],
    [
      [['Kilian Q.* Weinberger'], ['Kilian Q.* Weinberger'], ['Kilian Q. Weinberger']],
      'Weinberger',
      'Kilian Q. Weinberger',
    ],
    [[['C.-J. Hsieh*'], ['C.-J. Hsieh*'], ['C.-J. Hsieh']], 'Hsieh', 'C.-J. Hsieh'],
  ])('%j: a search for %s shows %s', (rows, query, name) => {
    const match = indexOf(...rows).find(query);
    expect(match.kind === 'none' ? [] : match.people.map((p) => p.name)).toEqual([name]);
  });
});

describe('the order of near misses', () => {
  const near = () =>
    indexOf(
      ['Anna Hsieh'],
      ['Anne Hsieh'],
      ['Anne Hsieh'],
      ['Ruslan Salakhutdinov'],
      ['Anna Ruslana'],
      ['Ruslan Ruslana'],
    );

  it('puts the fewest typos first, before the person with more papers', () => {
    expect(seen(near().find('Anna Hsiej'))).toEqual([
      'suggestion',
      ['Anna Hsieh (1)', 'Anne Hsieh (2)'],
    ]);
  });

  it('puts people with that first name before a surname one typo away', () => {
    // Anna Ruslana would come first by name; the first name is the closer match.
    expect(seen(near().find('Ruslan'))).toEqual([
      'suggestion',
      // Ruslan Ruslana's surname is one typo away too: the closer match counts.
      ['Ruslan Ruslana (1)', 'Ruslan Salakhutdinov (1)', 'Anna Ruslana (1)'],
    ]);
  });

  it('takes a full name for a surname, never for a first name', () => {
    expect(seen(near().find('Anna Ruslan'))).toEqual(['suggestion', ['Anna Ruslana (1)']]);
  });

  it('suggests at most five people unless told otherwise', () => {
    const smiths = indexOf(
      ...['Aian', 'Bian', 'Cian', 'Dian', 'Eian', 'Fian'].map((g) => [`${g} Smith`]),
    );
    expect(seen(smiths.find('Smyth'))).toEqual([
      'suggestion',
      ['Aian Smith (1)', 'Bian Smith (1)', 'Cian Smith (1)', 'Dian Smith (1)', 'Eian Smith (1)'],
    ]);
  });
});

describe('AuthorIndex.find, cases of their own', () => {
  it('ranks a match as typed before the same words read surname first', () => {
    // Yong Liu has more papers, which would put him first if the readings tied.
    const liu = indexOf(['LIU YONG'], ['Yong Liu'], ['Yong Liu']);
    expect(seen(liu.find('LIU YONG'))).toEqual(['people', ['LIU YONG (1)', 'Yong Liu (2)']]);
  });

  it('knows a nickname first seen on a later spelling of the person', () => {
    const dj = indexOf(['Krishnamurthy Dvijotham'], ['Krishnamurthy (Dj) Dvijotham']);
    expect(seen(dj.find('Dj Dvijotham'))).toEqual(['people', ['Krishnamurthy Dvijotham (2)']]);
  });

  it('skips an author slot with no name in it', () => {
    const marks = indexOf(['*', 'Ada Lovelace'], ['†']);
    expect(marks.size).toBe(1);
    expect(seen(marks.find('Lovelace'))).toEqual(['people', ['Ada Lovelace (1)']]);
  });

  it('finds a surname part only when nobody has it as a whole surname', () => {
    const julien = indexOf(['Marie Julien'], ['Simon Lacoste-Julien']);
    expect(seen(julien.find('julien'))).toEqual(['people', ['Marie Julien (1)']]);
  });
});

describe('matchedAuthorSlots', () => {
  const index = catalogIndex();
  const hsieh = index.find('hsieh');
  const people = hsieh.kind === 'people' ? hsieh.people : [];
  const paper = (id: string) => PAPERS.find((p) => p.id === id)!;

  it.each([
    ['p1', [2]],
    ['p4', [2]],
    ['p10', [2]],
    ['p5', []],
  ])('marks the matched authors of %s', (id, slots) => {
    expect(matchedAuthorSlots(paper(id), people)).toEqual(slots);
  });

  it('marks only the person asked for, not a namesake on the same paper', () => {
    const ming = index.find('Ming Li');
    expect(matchedAuthorSlots(paper('p8'), ming.kind === 'people' ? ming.people : [])).toEqual([0]);
  });
});

describe('a surname shared by many people', () => {
  // Enough Wangs for the index to look them up by given name instead of scanning them.
  const given = [
    'Cho-Jui',
    'Cho',
    'Kilian Q.',
    'Kilian',
    'Kilian R.',
    'Ming',
    'Xiaoming',
    'X.Y.',
    'J. Zico',
    'Zico',
  ];
  const names = [
    ...given.map((g) => `${g} Wang`),
    ...Array.from(
      { length: 60 },
      (_, i) => `${String.fromCharCode(97 + (i % 26))}${'ab'.repeat(1 + (i % 5))}${i} Wang`,
    ),
  ];
  const papers = names.map((name, i) => makePaper({ id: `w${i}`, title: name, authors: [name] }));
  const wangs = () => createAuthorIndex(papers);

  /** Every person some reading of the query matches, by checking each one: the slow truth. */
  function everyMatch(query: string): string[] {
    const q = parseName(query);
    return names.filter((name) =>
      parseName(name)?.forms.some((pf) =>
        q?.forms.some((qf) => qf.surname === pf.surname && matchTier(qf, pf) !== undefined),
      ),
    );
  }

  it.each([
    'Wang', // a surname alone: all of them
    'Q. Wang',
    'Cho-Jui Wang',
    'C. Wang',
    'C.-J. Wang',
    'cho jui wang',
    'Kilian Wang',
    'Kilian Q. Wang',
    'K. Wang',
    'Ming Wang',
    'XY Wang',
    'X. Wang',
    'Z. Wang',
    'Zico Wang',
    'J. Zico Wang', // also Zico Wang, who has no initial J
    'Xy Wang', // the same letters as X.Y. Wang's, read as a name
  ])('finds for %j exactly whom a full scan finds', (query) => {
    const match = wangs().find(query);
    const found = match.kind === 'people' ? match.people.map((p) => p.name) : [];
    expect(found.sort()).toEqual(everyMatch(query).sort());
    expect(found.length).toBeGreaterThan(0);
  });
});
