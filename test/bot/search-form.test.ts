/**
 * The search form's logic (src/bot/search-form.ts): which filters a catalog can fill and with
 * which choices, what a client sent kept only where it is one of those choices, the filter
 * over papers, the heading's words, and the modal's metadata read back whatever it holds.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import type { FormInput, FormOptions } from '../../src/blocks/search-form.ts';
import {
  decodeFormInput,
  decodeFormPage,
  describeFilters,
  encodeFormInput,
  formFilter,
  formOptions,
  isFilled,
  readFormInput,
} from '../../src/bot/search-form.ts';
import type { Catalog, Paper, Session } from '../../src/catalog/types.ts';
import { makePaper } from '../fixtures/papers.ts';

const S1: Session = { id: 's1', name: 'Morning posters', start: '2030-05-01T09:00:00Z' };
const S2: Session = { id: 's2', name: 'Evening posters', start: '2030-05-01T23:30:00Z' };
const S3: Session = { id: 's3', name: 'Day two', start: '2030-05-02T09:00:00Z' };
const UNDATED: Session = { id: 'u', name: 'Anytime' };
const UNUSED: Session = { id: 'x', name: 'Nobody here', start: '2030-04-30T09:00:00Z' };

const PAPERS: Paper[] = [
  makePaper({ id: 'a', title: 'A', sessionIds: ['s1'], decision: 'Oral', award: 'Best Paper' }),
  makePaper({ id: 'b', title: 'B', sessionIds: ['s2'], decision: 'Poster', codeUrls: ['c'] }),
  makePaper({ id: 'c', title: 'C', sessionIds: ['s3', 'u'], decision: 'Spotlight' }),
  makePaper({ id: 'd', title: 'D', sessionIds: ['u'] }),
];
const CATALOG: Catalog = { papers: PAPERS, sessions: [UNUSED, S3, UNDATED, S2, S1] };

const catalogOf = (papers: Paper[], sessions: Session[] = CATALOG.sessions): Catalog => ({
  papers,
  sessions,
});
const ids = (catalog: Catalog, input: FormInput, timeZone = 'UTC') =>
  catalog.papers.filter(formFilter(input, catalog, timeZone)).map((p) => p.id);

describe('formOptions', () => {
  let options: FormOptions;
  beforeEach(() => {
    options = formOptions(CATALOG, 'UTC');
  });

  it('offers the sessions that hold posters, undated first, then by start', () => {
    expect(options.sessions).toEqual([
      { label: 'Anytime', value: 'u' }, // no start sorts first
      { label: 'Morning posters', value: 's1' },
      { label: 'Evening posters', value: 's2' },
      { label: 'Day two', value: 's3' },
    ]); // 'x' holds no poster
  });

  it('sorts sessions starting together by name', () => {
    const start = '2030-05-01T09:00:00Z';
    const sessions = [
      { id: 'b', name: 'Beta', start },
      { id: 'a', name: 'Alpha', start },
    ];
    const papers = [makePaper({ id: 'p', title: 'P', sessionIds: ['a', 'b'] })];
    expect(formOptions(catalogOf(papers, sessions), 'UTC').sessions.map((s) => s.label)).toEqual([
      'Alpha',
      'Beta',
    ]);
  });

  it('offers the local days with posters, in order, as people read them', () => {
    expect(options.days).toEqual([
      { label: 'Wed 1 May', value: '2030-05-01' },
      { label: 'Thu 2 May', value: '2030-05-02' },
    ]);
  });

  it('counts days in the bot’s time zone', () => {
    // 23:30 UTC on 1 May is 08:30 on 2 May in Tokyo.
    expect(formOptions(CATALOG, 'Asia/Tokyo').days.map((d) => d.value)).toEqual([
      '2030-05-01',
      '2030-05-02',
    ]);
    const evening = catalogOf([PAPERS[0]!, PAPERS[1]!]);
    expect(formOptions(evening, 'UTC').days).toEqual([]); // one day filters nothing
    expect(formOptions(evening, 'Asia/Tokyo').days.map((d) => d.label)).toEqual([
      'Wed 1 May',
      'Thu 2 May',
    ]);
  });

  it('offers award first, then the decisions in a fixed order', () => {
    expect(options.kinds).toEqual([
      { label: 'Award-winning', value: 'award' },
      { label: 'Orals', value: 'Oral' },
      { label: 'Spotlights', value: 'Spotlight' },
      { label: 'Posters', value: 'Poster' },
    ]);
  });

  it('leaves out a kind every paper has, but keeps a lone award', () => {
    const orals = [makePaper({ id: 'o', title: 'O', decision: 'Oral' })];
    expect(formOptions(catalogOf(orals), 'UTC').kinds).toEqual([]);
    const awarded = [makePaper({ id: 'w', title: 'W', award: 'Best' })];
    expect(formOptions(catalogOf(awarded), 'UTC').kinds).toEqual([
      { label: 'Award-winning', value: 'award' },
    ]);
    expect(formOptions(catalogOf([makePaper({ id: 'n', title: 'N' })]), 'UTC').kinds).toEqual([]);
    const mixed = [...orals, makePaper({ id: 'p', title: 'P', decision: 'Poster' })];
    expect(formOptions(catalogOf(mixed), 'UTC').kinds.map((k) => k.value)).toEqual([
      'Oral',
      'Poster',
    ]);
  });

  it('offers "has code" only when some paper links code', () => {
    expect(options.code).toBe(true);
    expect(formOptions(catalogOf([PAPERS[0]!]), 'UTC').code).toBe(false);
  });

  it('has no session or day menu for a single session', () => {
    const one = formOptions(catalogOf([PAPERS[0]!]), 'UTC');
    expect(one.sessions).toEqual([]);
    expect(one.days).toEqual([]);
  });

  it('keeps within Block Kit: 100 options, values of at most 75 characters', () => {
    const long = (n: number) => `${'s'.repeat(n - 3)}${String(n).padStart(3, '0')}`;
    const sessions: Session[] = [
      { id: long(75), name: 'Seventy-five' },
      { id: long(76), name: 'Seventy-six' },
      ...Array.from({ length: 120 }, (_, i) => ({
        id: `s${i}`,
        name: `Session ${i}`,
        start: new Date(Date.UTC(2030, 0, 1 + i, 9)).toISOString(),
      })),
    ];
    const papers = [makePaper({ id: 'p', title: 'P', sessionIds: sessions.map((s) => s.id) })];
    const made = formOptions(catalogOf(papers, sessions), 'UTC');
    expect(made.sessions).toHaveLength(100);
    expect(made.sessions.map((s) => s.value)).toContain(long(75));
    expect(made.sessions.map((s) => s.value)).not.toContain(long(76));
    expect(made.days).toHaveLength(100);
    expect(made.days[0]).toEqual({ label: 'Tue 1 Jan', value: '2030-01-01' });
  });
});

describe('readFormInput', () => {
  let options: FormOptions;
  beforeEach(() => {
    options = formOptions(CATALOG, 'UTC');
  });

  it('keeps the choices the form offered', () => {
    expect(
      readFormInput(
        { query: ' graph  nets ', session: 's2', day: '2030-05-02', kind: 'Oral', code: true },
        options,
      ),
    ).toStrictEqual({
      query: 'graph nets',
      session: 's2',
      day: '2030-05-02',
      kind: 'Oral',
      code: true,
    });
  });

  it('drops what it did not offer or cannot read', () => {
    expect(
      readFormInput({ query: 42, session: 'x', day: '2030-04-30', kind: 'Rejected' }, options),
    ).toStrictEqual({ query: '' });
    expect(
      readFormInput({ session: ['s1'], kind: { value: 'Oral' }, code: 'true' }, options),
    ).toStrictEqual({ query: '' });
  });

  it('asks for code only where the catalog has some', () => {
    expect(readFormInput({ code: true }, { ...options, code: false })).toStrictEqual({ query: '' });
  });

  it('cleans the words as a command’s are cleaned', () => {
    expect(readFormInput({ query: 'a\u0000b\u200b c\n' }, options).query).toBe('ab c');
    expect(readFormInput({ query: 'word '.repeat(100) }, options).query.length).toBeLessThanOrEqual(
      200,
    );
  });
});

describe('isFilled', () => {
  it.each<[FormInput, boolean]>([
    [{ query: '' }, false],
    [{ query: 'gnn' }, true],
    [{ query: '', session: 's1' }, true],
    [{ query: '', day: '2030-05-01' }, true],
    [{ query: '', kind: 'award' }, true],
    [{ query: '', code: true }, true],
  ])('%o: %s', (input, filled) => {
    expect(isFilled(input)).toBe(filled);
  });
});

describe('formFilter', () => {
  it('passes everything when nothing is chosen', () => {
    expect(ids(CATALOG, { query: 'x' })).toEqual(['a', 'b', 'c', 'd']);
  });

  it('filters by session, including a paper shown in two', () => {
    expect(ids(CATALOG, { query: '', session: 'u' })).toEqual(['c', 'd']);
    expect(ids(CATALOG, { query: '', session: 's1' })).toEqual(['a']);
  });

  it('filters by local day', () => {
    expect(ids(CATALOG, { query: '', day: '2030-05-01' })).toEqual(['a', 'b']);
    expect(ids(CATALOG, { query: '', day: '2030-05-02' })).toEqual(['c']);
    expect(ids(CATALOG, { query: '', day: '2030-05-02' }, 'Asia/Tokyo')).toEqual(['b', 'c']);
  });

  it('filters by award or by decision', () => {
    expect(ids(CATALOG, { query: '', kind: 'award' })).toEqual(['a']);
    expect(ids(CATALOG, { query: '', kind: 'Spotlight' })).toEqual(['c']);
    expect(ids(CATALOG, { query: '', kind: 'Poster' })).toEqual(['b']);
  });

  it('filters by code, and combines every filter', () => {
    expect(ids(CATALOG, { query: '', code: true })).toEqual(['b']);
    expect(ids(CATALOG, { query: '', day: '2030-05-01', code: true })).toEqual(['b']);
    expect(ids(CATALOG, { query: '', session: 's1', kind: 'Poster' })).toEqual([]);
  });
});

describe('describeFilters', () => {
  let options: FormOptions;
  beforeEach(() => {
    options = formOptions(CATALOG, 'UTC');
  });

  it('says the filters in the form’s order, kinds in lower case', () => {
    expect(
      describeFilters(
        { query: 'q', code: true, kind: 'Oral', day: '2030-05-01', session: 's1' },
        options,
      ),
    ).toBe('Morning posters, Wed 1 May, orals, with code');
    expect(describeFilters({ query: '', kind: 'award' }, options)).toBe('award-winning');
  });

  it('says nothing for no filter or one it does not know', () => {
    expect(describeFilters({ query: 'gnn' }, options)).toBe('');
    expect(describeFilters({ query: '', session: 'nope' }, options)).toBe('');
  });
});

describe('the modal’s metadata', () => {
  let options: FormOptions;
  beforeEach(() => {
    options = formOptions(CATALOG, 'UTC');
  });
  const input: FormInput = { query: 'graph "nets"', session: 's1', kind: 'award', code: true };

  it('reads back what was written, with the page shown', () => {
    expect(decodeFormInput(encodeFormInput(input), options)).toEqual(input);
    expect(decodeFormInput(encodeFormInput(input, 3), options)).toEqual(input);
    expect(decodeFormPage(encodeFormInput(input, 3))).toBe(3);
    expect(decodeFormPage(encodeFormInput(input))).toBe(0);
    expect(encodeFormInput(input)).not.toContain('page');
    expect(encodeFormInput(input, 0)).toBe(encodeFormInput(input));
  });

  it('stays far below private_metadata’s 3,000 characters', () => {
    const worst = readFormInput({ query: `"${'\\'.repeat(400)}` }, options);
    const text = encodeFormInput({ ...worst, session: 's1', day: '2030-05-01', kind: 'award' }, 9);
    expect(text.length).toBeLessThan(3000);
  });

  it('shows the first page for a page it cannot trust', () => {
    for (const text of [
      '',
      'null',
      '{',
      '{"page":"2"}',
      '{"page":1.5}',
      '{"page":0}',
      '{"page":-2}',
      '{"page":10001}',
    ]) {
      expect(decodeFormPage(text), text).toBe(0);
    }
    expect(decodeFormPage('{"page":1}')).toBe(1);
    expect(decodeFormPage('{"page":10000}')).toBe(10_000);
  });

  it('starts over from metadata that is not the form’s, and re-checks what it holds', () => {
    for (const text of ['', 'null', '7', '"q"', '{']) {
      expect(decodeFormInput(text, options), text).toEqual({ query: '' });
    }
    expect(
      decodeFormInput('{"query":"gnn","session":"forged","code":true}', options),
    ).toStrictEqual({
      query: 'gnn',
      code: true,
    });
  });
});
