/**
 * Start-up snapshots: the loaded catalog and the built paper and author indexes, stored
 * after the first start so that later starts skip parsing and analysing the corpus (at 100k
 * papers that is the difference between half a minute and a few seconds).
 *
 * A snapshot is keyed by a SHA-256 of every data file's path and bytes (sizes and times are
 * not enough: a copy or a checkout can keep both and change the text) and of the code that
 * produces it (the catalog and search modules, MiniSearch, and {@link SNAPSHOT_VERSION}), so an edit to
 * either is never answered from a stale snapshot. A missing, stale, truncated or otherwise
 * unreadable snapshot is rebuilt; failing to write one (a read-only folder, a full disk) only
 * costs the next start its speed-up. Writes go to a temporary file renamed into place, so a
 * crash mid-write never leaves a half snapshot under the real name, and every byte after the
 * header is covered by a checksum (CRC-32, see {@link createChecksum}), so a snapshot damaged on disk (a flipped bit, a
 * bad block, a copy cut short and padded) is rebuilt rather than answered from.
 */
import { createHash, type Hash } from 'node:crypto';
import {
  closeSync,
  type Dirent,
  fstatSync,
  mkdirSync,
  openSync,
  readdirSync,
  readSync,
  renameSync,
  rmSync,
  statSync,
  writeSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deserialize, serialize } from 'node:v8';
import * as zlib from 'node:zlib';
import type { Catalog, DataProblem } from '../catalog/types.ts';
import type { AuthorIndexData, Rows } from './author-index.ts';
import type { PaperIndexData } from './paper-index.ts';
import { isStoredTermTree } from './term-tree.ts';

/** Bump when the snapshot's shape changes in a way the code hash would not show. */
export const SNAPSHOT_VERSION = 4;

/** What a snapshot holds: everything start-up derives from the data folder. */
export interface Snapshot {
  catalog: Catalog;
  problems: DataProblem[];
  index: PaperIndexData;
  authors: AuthorIndexData;
  /**
   * What other modules derive from the catalog and store with it, by name (src/compose.ts
   * puts src/similar/'s neighbours here), as `v8.serialize` can store it; checked by its owner.
   */
  extras: Record<string, unknown>;
}

export interface SnapshotCacheOptions {
  /** Folder of snapshot files; created when missing. */
  dir: string;
  /** Told, in one line, why a snapshot was rebuilt or could not be stored. */
  onNotice?: (message: string) => void;
}

export interface CachedSnapshot {
  snapshot: Snapshot;
  /** True when read from the cache, false when built (and, if possible, stored). */
  fromCache: boolean;
}

const MAGIC = Buffer.from('POSTSNAP');
/** Indexes, catalog, Latin-1 abstracts, UTF-16 abstracts (see the file layout below). */
const PART_COUNT = 4;
/** Checksums of the indexes and catalog parts, then of the two abstract blocks. */
const DIGEST_BYTES = 32;
const DIGESTS_AT = MAGIC.length + 8 * PART_COUNT;
const HEADER_BYTES = DIGESTS_AT + 2 * DIGEST_BYTES;
/** Errors meaning "no snapshot yet" rather than a problem worth a log line. */
const ABSENT = new Set(['ENOENT', 'ENOTDIR']);
const FILE_PREFIX = 'snapshot-';
const FILE_SUFFIX = '.bin';
/** The loader reads folders this deep; hashing one level more costs nothing. */
const MAX_DEPTH = 4;
/** The modules whose output a snapshot stores (relative to this file). */
const CODE_FOLDERS = ['../catalog', '.', '../similar'];

/**
 * The snapshot for `dataDir`: read from `options.dir` when one with the current key is
 * there and sound, else built with `build` and stored for next time.
 */
export function loadSnapshot(
  dataDir: string,
  options: SnapshotCacheOptions,
  build: () => Snapshot,
): CachedSnapshot {
  const notice = options.onNotice ?? (() => {});
  const file = join(options.dir, `${FILE_PREFIX}${snapshotKey(dataDir)}${FILE_SUFFIX}`);
  const cached = readSnapshot(file, notice);
  if (cached) return { snapshot: cached, fromCache: true };
  const snapshot = build();
  writeSnapshot(file, snapshot, notice);
  return { snapshot, fromCache: false };
}

/** The cache key of a data folder: its files' contents and the snapshot-producing code. */
export function snapshotKey(dataDir: string): string {
  const hash = createHash('sha256').update(`snapshot v${SNAPSHOT_VERSION}\n`);
  const here = dirname(fileURLToPath(import.meta.url));
  for (const folder of CODE_FOLDERS) hashFolder(hash, join(here, folder), 0);
  // The index stores MiniSearch's term tree, whose layout is MiniSearch's business.
  hashFile(hash, createRequire(import.meta.url).resolve('minisearch'), Buffer.allocUnsafe(1 << 16));
  hash.update('\ndata\n');
  hashFolder(hash, dataDir, MAX_DEPTH);
  return hash.digest('hex').slice(0, 32);
}

/**
 * Hashes the path (relative to `root`) and bytes of every file under `root`, in name order,
 * following symbolic links as the loader does; dotfiles and node_modules are skipped.
 */
function hashFolder(hash: Hash, root: string, maxDepth: number): void {
  const buffer = Buffer.allocUnsafe(1 << 20);
  const visit = (folder: string, depth: number) => {
    const entries = readdirSync(folder, { withFileTypes: true })
      .filter((e) => !e.name.startsWith('.') && e.name !== 'node_modules')
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      const path = join(folder, entry.name);
      const kind = kindOf(path, entry);
      if (kind === 'file') {
        hash.update(`\n${relative(root, path)}\n`);
        hashFile(hash, path, buffer);
      } else if (kind === 'folder' && depth < maxDepth) visit(path, depth + 1);
    }
  };
  visit(root, 0);
}

function kindOf(path: string, entry: Dirent): 'file' | 'folder' | 'other' {
  if (entry.isFile()) return 'file';
  if (entry.isDirectory()) return 'folder';
  if (!entry.isSymbolicLink()) return 'other';
  try {
    const target = statSync(path);
    return target.isFile() ? 'file' : target.isDirectory() ? 'folder' : 'other';
  } catch {
    return 'other';
  }
}

/** Streams a file into the hash through one reused buffer (no 100 MB allocation). */
function hashFile(hash: Hash, path: string, buffer: Buffer): void {
  const fd = openSync(path, 'r');
  try {
    for (let n = readSync(fd, buffer); n > 0; n = readSync(fd, buffer)) {
      hash.update(buffer.subarray(0, n));
    }
  } finally {
    closeSync(fd);
  }
}

/*
 * File layout: MAGIC, then the byte lengths of the four parts (64-bit little-endian), then
 * two checksums, each in 32 bytes — of parts 1 and 2, checked before they are deserialised, and of parts
 * 3 and 4, checked as the abstracts are read — then the parts:
 * 1. the indexes (paper and author index) and the extras, `v8.serialize`d;
 * 2. the catalog and problems, `v8.serialize`d, with every abstract empty and a layout of
 *    the abstracts beside (see `packTexts`);
 * 3. the abstracts that Latin-1 can hold, run together as Latin-1 bytes;
 * 4. the other abstracts, run together as UTF-16 bytes.
 * Abstracts are two thirds of a catalog's bytes. Read back by `v8.deserialize` they are a
 * hundred thousand small heap strings, which the garbage collector then copies as they age;
 * read as raw text (see `readTexts`) they are a few dozen large strings it never moves, and
 * each abstract is a slice of one (a pointer and a length). At 100k papers that takes about
 * half a second off a warm start and over 100 MB off its resident memory.
 * The indexes part is read into a buffer of its own because its typed arrays come back as
 * views of the buffer they were read from: that buffer must hold nothing else, or the
 * catalog's bytes would stay resident with it.
 */

/** What the catalog part holds: the snapshot's catalog and problems, abstracts apart. */
interface CatalogPart {
  catalog: Catalog;
  problems: DataProblem[];
  /** See {@link packTexts}. */
  abstracts: number[];
}

/** Any UTF-16 code unit beyond Latin-1 (surrogates included). */
const NOT_LATIN1 = /[\u0100-\uffff]/;

/**
 * Texts run together in two blocks, Latin-1 (one byte a character) when every character
 * fits and UTF-16 otherwise, so that neither a mostly-English corpus doubles in size nor one
 * Greek letter makes every text two bytes a character. `layout[i]` is twice the length of
 * text `i`, plus one when it is in the UTF-16 block.
 */
function packTexts(texts: readonly string[]): { latin1: Buffer; wide: Buffer; layout: number[] } {
  const latin1: string[] = [];
  const wide: string[] = [];
  const layout = texts.map((text) => {
    const isWide = NOT_LATIN1.test(text);
    (isWide ? wide : latin1).push(text);
    return 2 * text.length + (isWide ? 1 : 0);
  });
  return {
    latin1: Buffer.from(latin1.join(''), 'latin1'),
    wide: Buffer.from(wide.join(''), 'utf16le'),
    layout,
  };
}

/** Bytes a character takes in each block of {@link packTexts}. */
const CHARACTER_BYTES = [1, 2] as const;
const ENCODINGS = ['latin1', 'utf16le'] as const;
/** Texts are read in runs of about this many bytes, through one reused buffer. */
const RUN_BYTES = 1 << 22;

/**
 * The texts {@link packTexts} stored, its two blocks starting at `starts` in `fd`. Each run of
 * texts is read into one reused buffer and decoded into one string, which the texts slice:
 * the bytes are touched once, not read into a buffer as large as the block and then copied.
 * Throws when the layout does not fit the blocks' sizes.
 */
function readTexts(
  fd: number,
  blocks: readonly { start: number; size: number }[],
  layout: readonly number[],
  hash: Checksum,
): string[] {
  const texts: string[] = new Array(layout.length).fill('');
  let scratch = Buffer.allocUnsafeSlow(0);
  blocks.forEach(({ start, size }, block) => {
    let position = start;
    let run: number[] = [];
    let runBytes = 0;
    const readRun = () => {
      if (position + runBytes > start + size) throw new Error('unexpected contents');
      if (scratch.length < runBytes)
        scratch = Buffer.allocUnsafeSlow(Math.max(runBytes, RUN_BYTES));
      readInto(fd, scratch, position, runBytes);
      hash.update(scratch.subarray(0, runBytes));
      const text = scratch.toString(ENCODINGS[block]!, 0, runBytes);
      let at = 0;
      for (const i of run) {
        const length = (layout[i]! - block) / 2;
        texts[i] = text.slice(at, at + length);
        at += length;
      }
      position += runBytes;
      run = [];
      runBytes = 0;
    };
    layout.forEach((entry, i) => {
      if (!Number.isSafeInteger(entry) || entry < 0) throw new Error('unexpected contents');
      if (entry % 2 !== block) return;
      run.push(i);
      runBytes += ((entry - block) / 2) * CHARACTER_BYTES[block]!;
      if (runBytes >= RUN_BYTES) readRun();
    });
    readRun();
    if (position !== start + size) throw new Error('unexpected contents');
  });
  return texts;
}

/** The snapshot in `file`, or undefined (with a notice unless the file is simply absent). */
function readSnapshot(file: string, notice: (message: string) => void): Snapshot | undefined {
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch (error) {
    if (!ABSENT.has((error as NodeJS.ErrnoException).code ?? '')) {
      notice(`startup cache: cannot read ${file} (${describe(error)}); rebuilding`);
    }
    return undefined;
  }
  try {
    const header = readExactly(fd, 0, HEADER_BYTES);
    if (!header.subarray(0, MAGIC.length).equals(MAGIC)) throw new Error('not a snapshot');
    const sizes = Array.from({ length: PART_COUNT }, (_, i) =>
      Number(header.readBigUInt64LE(MAGIC.length + 8 * i)),
    );
    if (fstatSync(fd).size !== sizes.reduce((sum, size) => sum + size, HEADER_BYTES)) {
      throw new Error('truncated');
    }
    const [indexBytes, catalogBytes, ...blockBytes] = sizes as [number, number, number, number];
    const indexes = readExactly(fd, HEADER_BYTES, indexBytes);
    const catalogPart = readExactly(fd, HEADER_BYTES + indexBytes, catalogBytes);
    const digestOf = (at: number) =>
      header.subarray(DIGESTS_AT + at * DIGEST_BYTES).subarray(0, DIGEST_BYTES);
    const parts = createChecksum().update(indexes).update(catalogPart).digest();
    if (!parts.equals(digestOf(0))) throw new Error('checksum mismatch');
    const { abstracts, ...snapshot } = deserialize(catalogPart) as Partial<CatalogPart>;
    const papers = snapshot.catalog?.papers;
    if (!Array.isArray(abstracts) || abstracts.length !== papers?.length) {
      throw new Error('unexpected contents');
    }
    const latin1Start = HEADER_BYTES + indexBytes + catalogBytes;
    const blocks = [
      { start: latin1Start, size: blockBytes[0] },
      { start: latin1Start + blockBytes[0], size: blockBytes[1] },
    ];
    const textHash = createChecksum();
    const texts = readTexts(fd, blocks, abstracts, textHash);
    if (!textHash.digest().equals(digestOf(1))) throw new Error('checksum mismatch');
    texts.forEach((abstract, i) => {
      papers[i]!.abstract = abstract;
    });
    const whole: unknown = { ...snapshot, ...deserialize(indexes) };
    if (!isSnapshot(whole)) throw new Error('unexpected contents');
    return whole;
  } catch (error) {
    notice(`startup cache: ignoring ${file} (${describe(error)}); rebuilding`);
    return undefined;
  } finally {
    closeSync(fd);
  }
}

/** A running checksum of bytes, as {@link DIGEST_BYTES} bytes. */
interface Checksum {
  update(bytes: Uint8Array): Checksum;
  digest(): Buffer;
}

/**
 * CRC-32 (zlib's, in Node 20.15 and later; SHA-1 before): the checksum guards against damage
 * on disk, not against an attacker — whoever can write the cache folder can write a valid
 * snapshot — and CRC-32 reads a 100k-paper snapshot in a tenth of SHA-256's time, which keeps
 * a warm start within a few percent of what it was without one.
 */
function createChecksum(): Checksum {
  const digest = (value: Buffer) => {
    const out = Buffer.alloc(DIGEST_BYTES);
    value.copy(out);
    return out;
  };
  // A namespace import: a named import of crc32 would fail to link on Node before 20.15.
  const crc32 = zlib.crc32 as typeof zlib.crc32 | undefined;
  if (crc32) {
    let value = 0;
    const checksum: Checksum = {
      update(bytes) {
        value = crc32(bytes, value);
        return checksum;
      },
      digest() {
        const out = Buffer.alloc(4);
        out.writeUInt32LE(value >>> 0);
        return digest(out);
      },
    };
    return checksum;
  }
  const hash = createHash('sha1');
  const checksum: Checksum = {
    update(bytes) {
      hash.update(bytes);
      return checksum;
    },
    digest: () => digest(hash.digest()),
  };
  return checksum;
}

/** `length` bytes of `fd` from `position`, in a buffer of their own; throws when short. */
function readExactly(fd: number, position: number, length: number): Buffer {
  return readInto(fd, Buffer.allocUnsafeSlow(length), position, length);
}

/** Reads `length` bytes of `fd` from `position` into the start of `buffer`; throws when short. */
function readInto(fd: number, buffer: Buffer, position: number, length: number): Buffer {
  let done = 0;
  while (done < length) {
    const n = readSync(fd, buffer, done, length - done, position + done);
    if (n === 0) throw new Error('truncated');
    done += n;
  }
  return buffer;
}

/** Stores `snapshot` atomically and removes older snapshots; never throws. */
function writeSnapshot(file: string, snapshot: Snapshot, notice: (message: string) => void) {
  const temporary = `${file}.${process.pid}.tmp`;
  try {
    const { index, authors, extras, catalog, problems } = snapshot;
    const { latin1, wide, layout } = packTexts(catalog.papers.map((p) => p.abstract));
    const papers = catalog.papers.map((p) => ({ ...p, abstract: '' }));
    const rest: CatalogPart = { catalog: { ...catalog, papers }, problems, abstracts: layout };
    const parts = [serialize({ index, authors, extras }), serialize(rest), latin1, wide];
    const header = Buffer.alloc(HEADER_BYTES);
    MAGIC.copy(header);
    parts.forEach((part, i) => {
      header.writeBigUInt64LE(BigInt(part.length), MAGIC.length + 8 * i);
    });
    const digests = [parts.slice(0, 2), parts.slice(2)].map((group) => {
      const checksum = createChecksum();
      for (const part of group) checksum.update(part);
      return checksum.digest();
    });
    digests.forEach((digest, i) => {
      digest.copy(header, DIGESTS_AT + i * DIGEST_BYTES);
    });
    mkdirSync(dirname(file), { recursive: true });
    const fd = openSync(temporary, 'w');
    try {
      for (const bytes of [header, ...parts]) writeFully(fd, bytes);
    } finally {
      closeSync(fd);
    }
    renameSync(temporary, file);
  } catch (error) {
    try {
      rmSync(temporary, { force: true });
    } catch {
      // Nothing was written, or the folder is gone: nothing to clean up.
    }
    notice(`startup cache: not stored in ${dirname(file)} (${describe(error)})`);
    return;
  }
  try {
    removeOlderSnapshots(file);
  } catch (error) {
    notice(`startup cache: cannot remove older snapshots (${describe(error)})`);
  }
}

function writeFully(fd: number, bytes: Uint8Array): void {
  for (let done = 0; done < bytes.length; ) done += writeSync(fd, bytes, done);
}

/** Snapshots of earlier data or code are never read again; they only take disk space. */
function removeOlderSnapshots(current: string): void {
  const folder = dirname(current);
  for (const name of readdirSync(folder)) {
    const path = join(folder, name);
    if (path !== current && name.startsWith(FILE_PREFIX) && name.endsWith(FILE_SUFFIX)) {
      rmSync(path, { force: true });
    }
  }
}

/** Shape check of a deserialised snapshot: catches a file from another program or version. */
function isSnapshot(value: unknown): value is Snapshot {
  const s = value as Partial<Snapshot> | null;
  const index = s?.index;
  return (
    typeof s === 'object' &&
    Array.isArray(s?.catalog?.papers) &&
    Array.isArray(s.catalog.sessions) &&
    Array.isArray(s.problems) &&
    typeof s.extras === 'object' &&
    s.extras !== null &&
    isAuthorData(s.authors) &&
    Array.isArray(index?.vocabulary) &&
    index.counts instanceof Uint32Array &&
    index.counts.length === index.vocabulary.length &&
    isStoredTermTree(index.tree) &&
    Array.isArray(index.acronyms) &&
    Array.isArray(index.fields) &&
    index.fields.every(
      (f) =>
        f.starts instanceof Uint32Array &&
        f.starts.length === index.vocabulary.length + 1 &&
        f.docs instanceof Uint32Array &&
        f.freqs instanceof Uint16Array &&
        f.docs.length === f.freqs.length &&
        f.starts[index.vocabulary.length] === f.docs.length &&
        f.lengths instanceof Uint32Array &&
        f.lengths.length === s.catalog!.papers.length,
    )
  );
}

/** Shape check of the author index data: one row of each kind per person. */
function isAuthorData(value: unknown): value is AuthorIndexData {
  const a = value as Partial<AuthorIndexData> | null | undefined;
  if (typeof a !== 'object' || a === null || !Array.isArray(a.strings)) return false;
  if (!(a.people instanceof Uint32Array) || a.people.length % 2 !== 0) return false;
  const people = a.people.length / 2;
  return [a.papers, a.forms, a.surnameParts].every((rows) => isRows(rows, people));
}

function isRows(value: unknown, rowCount: number): value is Rows {
  const r = value as Partial<Rows> | null | undefined;
  return (
    r?.starts instanceof Uint32Array &&
    r.values instanceof Uint32Array &&
    r.starts.length === rowCount + 1 &&
    r.starts[rowCount] === r.values.length
  );
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
