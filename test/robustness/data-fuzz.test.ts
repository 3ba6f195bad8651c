/**
 * Data fuzzing of the loader: the real seed and real conference exports, truncated, shuffled,
 * with broken quoting or broken JSON lines, empty, or huge — written to temp folders and read
 * with `loadCatalog`. Whatever the damage, the loader returns (fast) with problems naming the
 * file and, where there is one, a line within it; it throws only `CatalogError`, and only when
 * no paper at all could be read.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CatalogError, type LoadResult, loadCatalog } from '../../src/catalog/loader.ts';
import { type DataProblem, formatProblem } from '../../src/catalog/types.ts';
import { SHARED_DATA } from '../helpers/shared-data.ts';
import { PROPERTY_SEED } from './hostile-input.ts';

const PAGE = 'iclr2022-poster-session-9.txt';
const ENRICHMENT = 'iclr2022-poster-session-9.openreview.csv';
const SEED_PAGE = readFileSync(join('data', PAGE), 'utf8');
const SEED_ENRICHMENT = readFileSync(join('data', ENRICHMENT), 'utf8');
const SEED_PAPERS = loadCatalog('data').catalog.papers.length;

/** Each load parses a real file, so file properties run fewer times than text properties. */
const FILE_PARAMS = { numRuns: 25, seed: PROPERTY_SEED } as const;

/**
 * The first records of the real ICLR 2020 Mini-Conf export and JSON lines export: real
 * shapes (quoted multi-line abstracts, `|`-separated authors), small enough to parse often.
 */
const MINI_CONF_SAMPLE = firstLines(
  readFileSync(join(SHARED_DATA, 'iclr2020/papers.csv'), 'utf8'),
  120,
);
const JSON_LINES_SAMPLE = firstLines(
  readFileSync(join(SHARED_DATA, 'virtual_conferences_2020.jsonl'), 'utf8'),
  40,
)
  .split('\n')
  .filter((line) => line !== '');

function firstLines(text: string, count: number): string {
  return `${text.split('\n').slice(0, count).join('\n')}\n`;
}

/** Outcome of loading a folder: the result, or the CatalogError (anything else fails the test). */
type Outcome = { ok: true; result: LoadResult } | { ok: false; error: CatalogError };

/** Writes `files` into a fresh temp folder, loads it, checks every problem, cleans up. */
function loadFiles(files: Record<string, string>): Outcome {
  const dir = mkdtempSync(join(tmpdir(), 'poster-bot-fuzz-'));
  try {
    for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
    let outcome: Outcome;
    try {
      outcome = { ok: true, result: loadCatalog(dir) };
    } catch (error) {
      if (!(error instanceof CatalogError)) throw error;
      outcome = { ok: false, error };
    }
    const problems = outcome.ok ? outcome.result.problems : outcome.error.problems;
    for (const problem of problems) expectLocated(problem, dir, files);
    if (outcome.ok) expect(outcome.result.catalog.papers.length).toBeGreaterThan(0);
    return outcome;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A problem names a file of the folder and, when it has a line, one that file has. */
function expectLocated(problem: DataProblem, dir: string, files: Record<string, string>): void {
  expect(problem.message.trim()).not.toBe('');
  expect(problem.file.startsWith(dir)).toBe(true);
  if (problem.line === undefined) return;
  const text = files[problem.file.slice(dir.length + 1)];
  expect(text, `${formatProblem(problem)} names a file that was not written`).toBeDefined();
  const lineCount = (text ?? '').split('\n').length;
  expect(Number.isInteger(problem.line)).toBe(true);
  expect(problem.line).toBeGreaterThanOrEqual(1);
  expect(problem.line, formatProblem(problem)).toBeLessThanOrEqual(lineCount);
  expect(formatProblem(problem)).toContain(`:${problem.line}: `);
}

function papersOf(outcome: Outcome): number {
  return outcome.ok ? outcome.result.catalog.papers.length : 0;
}

/** Inserts `"` at each of `positions` (as fractions of the text), from the end backwards. */
function breakQuoting(text: string, positions: readonly number[]): string {
  let broken = text;
  for (const at of [...positions].sort((a, b) => b - a)) {
    const i = Math.floor(at * broken.length);
    broken = `${broken.slice(0, i)}"${broken.slice(i)}`;
  }
  return broken;
}

describe('a damaged session page', () => {
  it('truncated anywhere: loads what is left, or says no paper could be read', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: SEED_PAGE.length }), (cut) => {
        const outcome = loadFiles({
          [PAGE]: SEED_PAGE.slice(0, cut),
          [ENRICHMENT]: SEED_ENRICHMENT,
        });
        expect(papersOf(outcome)).toBeLessThanOrEqual(SEED_PAPERS);
      }),
      FILE_PARAMS,
    );
  });

  it('with its lines shuffled: never crashes, and reports lines that exist', () => {
    const lines = SEED_PAGE.split('\n');
    fc.assert(
      fc.property(fc.shuffledSubarray(lines, { minLength: lines.length }), (shuffled) => {
        const outcome = loadFiles({ [PAGE]: shuffled.join('\n') });
        expect(papersOf(outcome)).toBeLessThanOrEqual(lines.length);
      }),
      FILE_PARAMS,
    );
  });

  it('with its paper blocks shuffled: still loads every paper', () => {
    const [header = '', ...blocks] = SEED_PAGE.split(/\n{3,}(?=\S)/);
    fc.assert(
      fc.property(fc.shuffledSubarray(blocks, { minLength: blocks.length }), (shuffled) => {
        const outcome = loadFiles({ [PAGE]: [header, ...shuffled].join('\n\n\n') });
        expect(papersOf(outcome)).toBe(SEED_PAPERS);
      }),
      FILE_PARAMS,
    );
  });
});

describe('CSV with broken quoting', () => {
  const quotes = fc.array(fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true }), {
    minLength: 1,
    maxLength: 4,
  });

  it('an enrichment CSV: every paper of the page still loads, the CSV problems have lines', () => {
    fc.assert(
      fc.property(quotes, (at) => {
        const outcome = loadFiles({
          [PAGE]: SEED_PAGE,
          [ENRICHMENT]: breakQuoting(SEED_ENRICHMENT, at),
        });
        expect(papersOf(outcome)).toBe(SEED_PAPERS);
      }),
      FILE_PARAMS,
    );
  });

  it('a Mini-Conf papers.csv: never crashes, and reports lines that exist', () => {
    const intact = papersOf(loadFiles({ 'papers.csv': MINI_CONF_SAMPLE }));
    expect(intact).toBeGreaterThan(50);
    fc.assert(
      fc.property(quotes, (at) => {
        const outcome = loadFiles({ 'papers.csv': breakQuoting(MINI_CONF_SAMPLE, at) });
        expect(papersOf(outcome)).toBeLessThanOrEqual(intact);
      }),
      FILE_PARAMS,
    );
  });
});

describe('JSON lines with broken lines', () => {
  it('loads every intact line and reports each broken one by its line number', () => {
    const broken = fc.uniqueArray(fc.nat(JSON_LINES_SAMPLE.length - 1), { maxLength: 10 });
    fc.assert(
      fc.property(broken, fc.double({ min: 0.01, max: 0.99, noNaN: true }), (lines, at) => {
        const text = JSON_LINES_SAMPLE.map((line, i) =>
          lines.includes(i) ? line.slice(0, Math.max(1, Math.floor(line.length * at))) : line,
        ).join('\n');
        const outcome = loadFiles({ 'virtual.jsonl': text });
        expect(papersOf(outcome)).toBe(JSON_LINES_SAMPLE.length - lines.length);
        const problems = outcome.ok ? outcome.result.problems : outcome.error.problems;
        const errorLines = problems.filter((p) => p.severity === 'error').map((p) => p.line);
        expect(errorLines.sort((a = 0, b = 0) => a - b)).toEqual(
          lines.map((i) => i + 1).sort((a, b) => a - b),
        );
      }),
      FILE_PARAMS,
    );
  });
});

describe('empty files', () => {
  it.each([PAGE, 'papers.csv', 'virtual.jsonl', 'schedule.csv'])(
    'an empty %s alone: a CatalogError naming the folder',
    (name) => {
      const outcome = loadFiles({ [name]: '' });
      expect(outcome.ok).toBe(false);
      if (!outcome.ok) expect(outcome.error.message).toMatch(/poster-bot-fuzz-/);
    },
  );

  it.each(['other.txt', 'papers.csv', ENRICHMENT, 'virtual.jsonl'])(
    'an empty %s beside the seed: the seed still loads, the empty file is named',
    (name) => {
      const outcome = loadFiles({ [PAGE]: SEED_PAGE, [ENRICHMENT]: SEED_ENRICHMENT, [name]: '' });
      expect(papersOf(outcome)).toBe(SEED_PAPERS);
      if (outcome.ok) {
        expect(outcome.result.problems.map((p) => p.file)).toContainEqual(
          expect.stringMatching(new RegExp(`${name.replace(/\./g, '\\.')}$`)),
        );
      }
    },
  );
});
