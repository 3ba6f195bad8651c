import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCatalog } from '../../src/catalog/loader.ts';

// 150,000 problems is past the length at which `problems.push(...more)` overflows V8's stack.
const BAD_LINES = 150_000;

describe('catalog with very many problems', () => {
  it('reports 150,000 bad lines, each with its line, and loads the good one', () => {
    const dir = mkdtempSync(join(tmpdir(), 'catalog-'));
    try {
      const good = JSON.stringify({ conference: 'BIG 2030', uid: 'ok', title: 'The Good One' });
      writeFileSync(join(dir, 'noisy.jsonl'), `${'not json\n'.repeat(BAD_LINES)}${good}\n`);
      const started = performance.now();
      const result = loadCatalog(dir);
      expect(result.catalog.papers.map((p) => p.title)).toEqual(['The Good One']);
      expect(result.problems).toHaveLength(BAD_LINES);
      expect(result.problems.at(-1)).toMatchObject({ line: BAD_LINES, severity: 'error' });
      expect(performance.now() - started).toBeLessThan(8_000);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
