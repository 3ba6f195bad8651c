/**
 * Huge data files: a 20 MB single line and 200,000 lines, in each format the loader reads.
 * The loader must answer — with a CatalogError naming the file and line — within seconds,
 * never hang. Kept apart from data-fuzz.test.ts so each file stays fast.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CatalogError, loadCatalog } from '../../src/catalog/loader.ts';

const TWENTY_MB = 20 * 1024 * 1024;
const LINES = 200_000;
/** Generous for a slow CI machine; a hang or a quadratic parser blows far past it. */
const BUDGET_MS = 4_000;

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'poster-bot-huge-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Loads a folder holding only `file`, timing it; returns the CatalogError it must throw. */
function loadAlone(file: string, text: string): { error: CatalogError; ms: number } {
  const folder = mkdtempSync(join(dir, 'case-'));
  writeFileSync(join(folder, file), text);
  const started = performance.now();
  try {
    loadCatalog(folder);
  } catch (error) {
    if (error instanceof CatalogError) return { error, ms: performance.now() - started };
    throw error;
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
  throw new Error(`expected no paper to load from ${file}`);
}

describe('a 20 MB single line', () => {
  const oneLine = 'robot control '.repeat(Math.ceil(TWENTY_MB / 14)).slice(0, TWENTY_MB);

  it.each([
    { file: 'session.txt', reason: /session\.txt:1: error: title line is \d+ characters long/ },
    { file: 'virtual.jsonl', reason: /virtual\.jsonl:1: error: not valid JSON/ },
  ])('in $file: a CatalogError at line 1, in seconds', ({ file, reason }) => {
    const { error, ms } = loadAlone(file, oneLine);
    expect(ms).toBeLessThan(BUDGET_MS);
    expect(error.message).toMatch(reason);
  });
});

describe('200,000 lines', () => {
  it('of prose in a session page: a CatalogError at line 1, in seconds', () => {
    const text = Array.from({ length: LINES }, (_, i) => `line ${i} of nothing`).join('\n');
    const { error, ms } = loadAlone('session.txt', text);
    expect(ms).toBeLessThan(BUDGET_MS);
    expect(error.message).toMatch(/session\.txt:1: error: /);
  });

  it('of broken JSON: each line reported with its number, in seconds', () => {
    const text = Array.from({ length: LINES }, (_, i) => `{"uid": "u${i}", "title": `).join('\n');
    const { error, ms } = loadAlone('virtual.jsonl', text);
    expect(ms).toBeLessThan(BUDGET_MS);
    expect(error.problems).toHaveLength(LINES);
    expect(error.problems.at(-1)).toMatchObject({ line: LINES, severity: 'error' });
  });
});
