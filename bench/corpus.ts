/**
 * Bench corpora: the real records of virtual_conferences_2020.jsonl, replicated with new ids
 * and lightly perturbed text (a word swapped, a letter slipped, an author's surname traded)
 * up to the size asked for. Replicas keep the real vocabulary and its frequencies, and add
 * the trickle of new word forms a larger real corpus has. Written as JSON lines under var/
 * so a child process can load the folder with the project's own loader.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRng, type Rng } from './prng.ts';

export const SOURCE_FILE = fileURLToPath(
  new URL('../../shared/data/virtual_conferences_2020.jsonl', import.meta.url),
);
/** Bumped whenever the replication changes, so stale corpora are never reused. */
const CORPUS_VERSION = 1;

type RawRecord = Record<string, unknown> & {
  uid: string;
  title: string;
  abstract?: string;
  authors?: string[];
};

export function readSourceRecords(file = SOURCE_FILE): RawRecord[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as RawRecord);
}

/** One letter slipped: two inner letters swapped, one dropped, or one doubled. */
function misspell(word: string, rng: Rng): string {
  const at = 1 + rng.int(word.length - 2);
  switch (rng.int(3)) {
    case 0:
      return word.slice(0, at) + word[at + 1] + word[at] + word.slice(at + 2);
    case 1:
      return word.slice(0, at) + word.slice(at + 1);
    default:
      return word.slice(0, at) + word[at] + word.slice(at);
  }
}

/** Swaps adjacent words with probability `swap`, misspells long words with `typo`. */
function perturb(text: string, rng: Rng, swap: number, typo: number): string {
  const words = text.split(' ');
  for (let i = 0; i < words.length; i++) {
    if (i + 1 < words.length && rng.chance(swap)) {
      [words[i], words[i + 1]] = [words[i + 1]!, words[i]!];
      i++;
    } else if (/^[a-z]{7,}$/.test(words[i]!) && rng.chance(typo)) {
      words[i] = misspell(words[i]!, rng);
    }
  }
  return words.join(' ');
}

function replica(record: RawRecord, copy: number, rng: Rng, surnames: string[]): RawRecord {
  if (copy === 0) return record;
  const authors = (record.authors ?? []).map((name) => {
    if (!rng.chance(0.3)) return name;
    const parts = name.split(' ');
    return [...parts.slice(0, -1), rng.pick(surnames)].join(' ');
  });
  return {
    ...record,
    uid: `${record.uid}~${copy}`,
    title: perturb(record.title, rng, 0.03, 0.01),
    abstract: perturb(record.abstract ?? '', rng, 0.02, 0.01),
    authors,
  };
}

/** `size` records: the source ones, then perturbed copies of them, in a fixed order. */
export function replicate(records: readonly RawRecord[], size: number, seed = 2020): RawRecord[] {
  const rng = createRng(seed);
  const surnames = records.flatMap((r) => (r.authors ?? []).map((a) => a.split(' ').pop()!));
  const out: RawRecord[] = [];
  for (let i = 0; i < size; i++) {
    const copy = Math.floor(i / records.length);
    out.push(replica(records[i % records.length]!, copy, rng, surnames));
  }
  return out;
}

/**
 * A data folder holding a corpus of `size` papers (created once, reused while the
 * replication is unchanged). Returns the folder.
 */
export function corpusFolder(size: number, root = 'var/bench'): string {
  const dir = join(root, `corpus-v${CORPUS_VERSION}-${size}`);
  const file = join(dir, 'papers.jsonl');
  if (existsSync(file)) return dir;
  mkdirSync(dir, { recursive: true });
  const lines = replicate(readSourceRecords(), size).map((r) => JSON.stringify(r));
  writeFileSync(`${file}.tmp`, `${lines.join('\n')}\n`);
  renameSync(`${file}.tmp`, file);
  return dir;
}
