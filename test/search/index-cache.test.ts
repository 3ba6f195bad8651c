import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadCatalog } from '../../src/catalog/loader.ts';
import { buildBot } from '../../src/compose.ts';
import { buildAuthorIndexData, openAuthorIndex } from '../../src/search/author-index.ts';
import { loadSnapshot, type Snapshot, snapshotKey } from '../../src/search/index-cache.ts';
import { buildPaperIndexData, openPaperIndex } from '../../src/search/paper-index.ts';

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
    ['truncated', (bytes: Buffer) => bytes.subarray(0, bytes.length - 10)],
    ['garbage', (bytes: Buffer) => Buffer.from(bytes.toString('base64'))],
    ['empty', () => Buffer.alloc(0)],
  ])('ignores a %s snapshot, says so, and rebuilds a good one', async (_, damage) => {
    load();
    const file = join(cacheDir, snapshotFiles()[0]!);
    const { readFileSync } = await import('node:fs');
    writeFileSync(file, damage(readFileSync(file)));
    const rebuilt = load();
    expect(rebuilt.fromCache).toBe(false);
    expect(notices).toEqual([expect.stringContaining('ignoring')]);
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
  ])('ignores a snapshot with a bit flipped in %s (checksum), and rebuilds', async (_, damage) => {
    load();
    const file = join(cacheDir, snapshotFiles()[0]!);
    const { readFileSync } = await import('node:fs');
    const good = readFileSync(file);
    writeFileSync(file, damage(good));
    expect(readFileSync(file).length).toBe(good.length);
    const rebuilt = load();
    expect(rebuilt.fromCache).toBe(false);
    expect(notices).toEqual([expect.stringContaining('checksum mismatch')]);
    expect(answers(rebuilt.snapshot)).toEqual(answers(build()));
    expect(load().fromCache).toBe(true);
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
