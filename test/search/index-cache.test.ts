import {
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadCatalog } from '../../src/catalog/loader.ts';
import { buildBot } from '../../src/compose.ts';
import { buildAuthorIndexData, openAuthorIndex } from '../../src/search/author-index.ts';
import { loadSnapshot, type Snapshot, snapshotKey } from '../../src/search/index-cache.ts';
import { buildPaperIndexData, openPaperIndex } from '../../src/search/paper-index.ts';
import type { FieldPostings } from '../../src/search/postings.ts';

const RECORDS = [
  {
    uid: 'p1',
    title: 'Graph Neural Networks for Molecules',
    authors: ['Ada Lovelace', 'Alan Turing'],
    abstract: 'Graph neural networks (GNNs) learn molecular properties from structure.',
  },
  {
    uid: 'p2',
    title: 'Quantisation of Vision Transformers',
    authors: ['Grace Hopper'],
    abstract: 'We quantise a vision transformer to four bits with little loss of accuracy.',
  },
  {
    uid: 'p3',
    title: 'Pre-training Language Models with GNN Retrieval',
    authors: ['Alan Turing'],
    abstract: 'Natural language processing (NLP) models pre-trained with a retriever.',
  },
  {
    // Abstracts are stored apart, as Latin-1 or UTF-16 text: one of each kind.
    uid: 'p4',
    title: 'Réseaux de neurones',
    authors: ['José Ñúñez'],
    abstract: 'Une étude des réseaux à mémoire, façon Schrödinger.',
  },
  {
    uid: 'p5',
    title: 'λ-calculus for Transformers',
    authors: ['Łukasz Kaiser'],
    abstract: 'Typed λ-terms meet attention 😀 (Ελληνικά).',
  },
  {
    // A second UTF-16 abstract: each is cut from the block at its own length.
    uid: 'p6',
    title: 'Sigma-delta networks',
    authors: ['Σοφία Παπαδοπούλου'],
    abstract: 'Σ-Δ modulation for spiking networks.',
  },
];
const QUERIES = ['gnn', 'graph neural network', 'quantization', 'pretraining', 'turing', 'nlp'];
/** Name lookups: exact, initials, surname, a typo ("did you mean"), nobody. */
const NAMES = ['Alan Turing', 'A. Turing', 'hopper', 'Lovelase', 'Nobody Atall'];

let root: string;
let dataDir: string;
let cacheDir: string;
let notices: string[];

function writeData(records: object[]) {
  const lines = records.map((r) => JSON.stringify({ conference: 'ICLR 2020', ...r }));
  writeFileSync(join(dataDir, 'papers.jsonl'), `${lines.join('\n')}\n`);
}

function build(): Snapshot {
  const { catalog, problems } = loadCatalog(dataDir);
  return {
    catalog,
    problems,
    index: buildPaperIndexData(catalog.papers),
    authors: buildAuthorIndexData(catalog.papers),
    extras: { note: 'kept as stored' },
  };
}

/** Loads through the cache; also reports whether `build` ran. */
function load(dir = cacheDir) {
  let built = false;
  const result = loadSnapshot(dataDir, { dir, onNotice: (m) => notices.push(m) }, () => {
    built = true;
    return build();
  });
  expect(built).toBe(!result.fromCache);
  return result;
}

/**
 * What a user sees of each query: the papers, in order, with their scores and terms; and of
 * each name lookup: the kind of answer, the people and their papers.
 */
function answers(snapshot: Snapshot) {
  const { papers } = snapshot.catalog;
  const index = openPaperIndex(papers, snapshot.index);
  const authors = openAuthorIndex(papers, snapshot.authors);
  const people = (name: string) => {
    const match = authors.find(name);
    return match.kind === 'none'
      ? ['none']
      : [match.kind, match.people, authors.papersOfPeople(match.people).map((p) => p.id)];
  };
  return [
    ...QUERIES.map((q) =>
      index.search(q).map((hit) => [hit.paper.id, hit.score, hit.complete, hit.terms]),
    ),
    ...NAMES.map(people),
  ];
}

const snapshotFiles = () => readdirSync(cacheDir).filter((name) => name.endsWith('.bin'));

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'index-cache-'));
  dataDir = join(root, 'data');
  cacheDir = join(root, 'cache');
  mkdirSync(dataDir);
  writeData(RECORDS);
  notices = [];
});

afterEach(() => {
  rmSync(root, { recursive: true, force: true });
});

describe('loadSnapshot', () => {
  it('answers every query from a snapshot exactly as from a fresh build', () => {
    const first = load();
    const second = load();
    expect([first.fromCache, second.fromCache]).toEqual([false, true]);
    expect(answers(second.snapshot)).toEqual(answers(build()));
    expect(answers(second.snapshot).every((hits) => hits.length > 0)).toBe(true);
    expect(second.snapshot.catalog).toEqual(first.snapshot.catalog);
    expect(notices).toEqual([]);
  });

  it('rebuilds when a data file changes, even keeping its size', () => {
    load();
    const [before] = snapshotFiles();
    writeData(
      RECORDS.map((r) => (r.uid === 'p2' ? { ...r, title: r.title.replace('Q', 'X') } : r)),
    );
    const after = load();
    expect(after.fromCache).toBe(false);
    expect(
      openPaperIndex(after.snapshot.catalog.papers, after.snapshot.index).search('xuantisation'),
    ).toHaveLength(1);
    // The stale snapshot is replaced, not kept beside the new one.
    expect(snapshotFiles()).toHaveLength(1);
    expect(snapshotFiles()[0]).not.toBe(before);
  });

  it('keys on contents: a new file changes the key, an identical rewrite does not', () => {
    const key = snapshotKey(dataDir);
    writeData(RECORDS);
    expect(snapshotKey(dataDir)).toBe(key);
    writeFileSync(join(dataDir, 'more.jsonl'), '');
    expect(snapshotKey(dataDir)).not.toBe(key);
  });

  it.each([
    ['truncated', (bytes: Buffer) => bytes.subarray(0, bytes.length - 10), 'truncated'],
    // A copy padded to a block size: every part still reads, but the size is wrong.
    ['padded', (bytes: Buffer) => Buffer.concat([bytes, Buffer.alloc(10)]), 'truncated'],
    ['garbage', (bytes: Buffer) => Buffer.from(bytes.toString('base64')), 'not a snapshot'],
    // Not even a header.
    ['empty', () => Buffer.alloc(0), 'truncated'],
    // Another program's file: everything after the first byte intact.
    [
      'foreign',
      (bytes: Buffer) => Buffer.concat([Buffer.from('X'), bytes.subarray(1)]),
      'not a snapshot',
    ],
  ])('ignores a %s snapshot, says why, and rebuilds a good one', (_, damage, reason) => {
    load();
    const file = join(cacheDir, snapshotFiles()[0]!);
    writeFileSync(file, damage(readFileSync(file)));
    const rebuilt = load();
    expect(rebuilt.fromCache).toBe(false);
    expect(notices).toEqual([expect.stringContaining(`ignoring`)]);
    expect(notices[0]).toContain(`(${reason})`);
    expect(answers(rebuilt.snapshot)).toEqual(answers(build()));
    expect(load().fromCache).toBe(true);
  });

  /** The snapshot with one bit flipped at `at` (from the end when negative): same size. */
  const flipped = (at: number) => (bytes: Buffer) => {
    const copy = Buffer.from(bytes);
    const i = at < 0 ? copy.length + at : at;
    copy[i] = copy[i]! ^ 0x10;
    return copy;
  };

  it.each([
    // Just past the header (8 magic + 4 × 8 sizes + 2 × 32 digests): the indexes part.
    ['the indexes', flipped(104 + 40)],
    // The last byte: an abstract's text, which no shape check could catch.
    ['an abstract', flipped(-1)],
    // A digest itself.
    ['the checksum', flipped(8 + 32 + 5)],
  ])('ignores a snapshot with a bit flipped in %s (checksum), and rebuilds', (_, damage) => {
    load();
    const file = join(cacheDir, snapshotFiles()[0]!);
    const good = readFileSync(file);
    writeFileSync(file, damage(good));
    expect(readFileSync(file).length).toBe(good.length);
    const rebuilt = load();
    expect(rebuilt.fromCache).toBe(false);
    expect(notices).toEqual([expect.stringContaining('checksum mismatch')]);
    expect(answers(rebuilt.snapshot)).toEqual(answers(build()));
    expect(load().fromCache).toBe(true);
  });

  it('reads back a catalog whose abstracts run past one read buffer (4 MB)', () => {
    // Five abstracts of a megabyte each: the text blocks are read in several runs.
    const long = RECORDS.map((r, i) => ({ ...r, abstract: `${'graph '.repeat(200_000)}${i}` }));
    writeData(long);
    const first = load();
    const second = load();
    expect(second.fromCache).toBe(true);
    expect(second.snapshot.catalog).toEqual(first.snapshot.catalog);
  });

  it('says why when a snapshot cannot be opened, and rebuilds', () => {
    // A link to itself cannot be opened (ELOOP), unlike a file that is simply absent.
    const file = join(cacheDir, `snapshot-${snapshotKey(dataDir)}.bin`);
    mkdirSync(cacheDir);
    symlinkSync(file, file);
    const result = load();
    expect(result.fromCache).toBe(false);
    expect(notices).toEqual([expect.stringContaining('cannot read')]);
    expect(load().fromCache).toBe(true);
  });

  it('leaves no temporary file behind when a snapshot cannot be stored', () => {
    // A folder where the snapshot should go: it cannot be read, nor replaced by the new one.
    const file = join(cacheDir, `snapshot-${snapshotKey(dataDir)}.bin`);
    mkdirSync(join(file, 'inside'), { recursive: true });
    const result = load();
    expect(result.fromCache).toBe(false);
    expect(notices).toEqual([
      expect.stringContaining('ignoring'),
      expect.stringContaining('not stored'),
    ]);
    expect(readdirSync(cacheDir)).toEqual([`snapshot-${snapshotKey(dataDir)}.bin`]);
  });

  it('still starts when the cache folder cannot be created, and says why', () => {
    const blocked = join(root, 'a-file');
    writeFileSync(blocked, '');
    const result = load(join(blocked, 'cache'));
    expect(result.fromCache).toBe(false);
    expect(answers(result.snapshot)).toEqual(answers(build()));
    expect(notices).toEqual([expect.stringContaining('not stored')]);
  });
});

describe('snapshotKey', () => {
  const changes = (edit: () => void) => {
    const key = snapshotKey(dataDir);
    edit();
    return snapshotKey(dataDir) !== key;
  };

  it('covers files in subfolders, as deep as the loader reads', () => {
    mkdirSync(join(dataDir, 'a', 'b', 'c', 'd', 'e'), { recursive: true });
    expect(changes(() => writeFileSync(join(dataDir, 'a', 'sessions.csv'), 'x'))).toBe(true);
    expect(changes(() => writeFileSync(join(dataDir, 'a/b/c/d/deep.csv'), 'x'))).toBe(true);
    // Five folders down the loader never looks.
    expect(changes(() => writeFileSync(join(dataDir, 'a/b/c/d/e/deeper.csv'), 'x'))).toBe(false);
  });

  it('skips dotfiles and node_modules, which the loader does not read', () => {
    expect(changes(() => writeFileSync(join(dataDir, '.DS_Store'), 'x'))).toBe(false);
    expect(changes(() => mkdirSync(join(dataDir, 'node_modules')))).toBe(false);
    expect(changes(() => writeFileSync(join(dataDir, 'node_modules', 'x.json'), '{}'))).toBe(false);
  });

  it('follows a symbolic link to a data file, and ignores a dangling one', () => {
    const outside = join(root, 'outside.jsonl');
    writeFileSync(outside, '');
    symlinkSync(outside, join(dataDir, 'linked.jsonl'));
    symlinkSync(join(root, 'missing'), join(dataDir, 'dangling.jsonl'));
    expect(changes(() => writeFileSync(outside, 'changed'))).toBe(true);
  });

  it('does not depend on the order the files were written in', () => {
    // Folders list files in creation order on some filesystems (tmpfs), in name-hash order
    // on others: the key sorts them.
    const other = join(root, 'other');
    mkdirSync(other);
    for (const name of ['b.csv', 'a.csv', 'c.csv']) writeFileSync(join(dataDir, name), name);
    for (const name of ['c.csv', 'a.csv', 'b.csv']) writeFileSync(join(other, name), name);
    writeFileSync(join(other, 'papers.jsonl'), readFileSync(join(dataDir, 'papers.jsonl')));
    expect(snapshotKey(other)).toBe(snapshotKey(dataDir));
  });
});

/** Changes the last field's postings only: every field is checked, not just one. */
const lastField =
  (change: (f: FieldPostings) => object) =>
  (s: Snapshot): object => ({
    ...s,
    index: {
      ...s.index,
      fields: s.index.fields.map((f, i) => (i === s.index.fields.length - 1 ? change(f) : f)),
    },
  });
const withIndex = (change: object) => (s: Snapshot) => ({ ...s, index: { ...s.index, ...change } });
const withAuthors = (change: (a: Snapshot['authors']) => unknown) => (s: Snapshot) => ({
  ...s,
  authors: change(s.authors),
});
const shortRows = (r: { starts: Uint32Array; values: Uint32Array }) => ({
  ...r,
  values: r.values.slice(1),
});

describe('a snapshot of another shape', () => {
  // Sound on disk (its checksums match) but not what this version stores, as an older
  // version or another program might have left it: each is rebuilt, never answered from.
  it.each([
    ['no sessions', (s: Snapshot) => ({ ...s, catalog: { ...s.catalog, sessions: undefined } })],
    ['no problems', (s: Snapshot) => ({ ...s, problems: undefined })],
    ['extras null', (s: Snapshot) => ({ ...s, extras: null })],
    ['extras a string', (s: Snapshot) => ({ ...s, extras: 'x' })],
    ['no vocabulary', withIndex({ vocabulary: undefined })],
    ['counts a plain array', (s: Snapshot) => withIndex({ counts: [...s.index.counts] })(s)],
    ['a count missing', (s: Snapshot) => withIndex({ counts: s.index.counts.slice(1) })(s)],
    ['no term tree', withIndex({ tree: undefined })],
    ['no acronyms', withIndex({ acronyms: undefined })],
    ['no fields', withIndex({ fields: undefined })],
    ['starts a plain array', lastField((f) => ({ ...f, starts: [...f.starts] }))],
    ['a start missing', lastField((f) => ({ ...f, starts: f.starts.slice(1) }))],
    ['docs a plain array', lastField((f) => ({ ...f, docs: [...f.docs] }))],
    ['freqs 32-bit', lastField((f) => ({ ...f, freqs: Uint32Array.from(f.freqs) }))],
    ['a freq missing', lastField((f) => ({ ...f, freqs: f.freqs.slice(1) }))],
    [
      'a posting missing',
      lastField((f) => ({ ...f, docs: f.docs.slice(1), freqs: f.freqs.slice(1) })),
    ],
    ['lengths a plain array', lastField((f) => ({ ...f, lengths: [...f.lengths] }))],
    ['a length missing', lastField((f) => ({ ...f, lengths: f.lengths.slice(1) }))],
    ['no authors', withAuthors(() => null)],
    ['authors a string', withAuthors(() => 'authors')],
    ['no author strings', withAuthors((a) => ({ ...a, strings: undefined }))],
    ['people a plain array', withAuthors((a) => ({ ...a, people: [...a.people] }))],
    ['half a person', withAuthors((a) => ({ ...a, people: a.people.slice(1) }))],
    ['paper rows short', withAuthors((a) => ({ ...a, papers: shortRows(a.papers) }))],
    ['form rows short', withAuthors((a) => ({ ...a, forms: shortRows(a.forms) }))],
    [
      'surname row starts a plain array',
      withAuthors((a) => ({
        ...a,
        surnameParts: { ...a.surnameParts, starts: [...a.surnameParts.starts] },
      })),
    ],
    [
      'surname row values a plain array',
      withAuthors((a) => ({
        ...a,
        surnameParts: { ...a.surnameParts, values: [...a.surnameParts.values] },
      })),
    ],
    [
      'a surname row start missing',
      withAuthors((a) => ({
        ...a,
        surnameParts: { ...a.surnameParts, starts: a.surnameParts.starts.slice(1) },
      })),
    ],
  ])('%s: rebuilt', (_, reshape) => {
    loadSnapshot(dataDir, { dir: cacheDir }, () => reshape(build()) as Snapshot);
    const rebuilt = load();
    expect(rebuilt.fromCache).toBe(false);
    expect(notices).toEqual([expect.stringContaining('(unexpected contents)')]);
    expect(answers(rebuilt.snapshot)).toEqual(answers(build()));
  });
});

describe('buildBot with cacheDir', () => {
  it('gives the same replies on a start from the snapshot', () => {
    const reply = () =>
      JSON.stringify(buildBot(dataDir, { cacheDir }).replies.command('gnn', { userId: 'U1' }));
    const fresh = reply();
    expect(snapshotFiles()).toHaveLength(1);
    expect(reply()).toBe(fresh);
    expect(fresh).toContain('Graph Neural Networks for Molecules');
  });
});
