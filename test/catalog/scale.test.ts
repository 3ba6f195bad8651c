import { describe, expect, it } from 'vitest';
import { applyEnrichment, parseEnrichment } from '../../src/catalog/enrichment.ts';
import { parseJsonLines } from '../../src/catalog/json-lines.ts';
import { mergeParts } from '../../src/catalog/merge.ts';
import { parseSessionPage } from '../../src/catalog/session-page.ts';

// Guards against quadratic joins: at this size a per-row scan of all papers costs a hundred
// million title comparisons (minutes), while the linear code takes well under a second. Bounds are generous
// so a busy machine does not fail them.
const N = 10_000;
const BOUND_MS = 6_000;

function timed<T>(run: () => T): { result: T; ms: number } {
  const started = performance.now();
  const result = run();
  return { result, ms: performance.now() - started };
}

const titles = Array.from({ length: N }, (_, i) => `Learning Representation Number ${i} of Many`);

describe(`catalog at ${N.toLocaleString('en')} papers`, () => {
  it('parses a session page and joins its enrichment in linear time', () => {
    const page = titles.map(
      (title, i) => `${title}\n\nAuthor ${i} · Coauthor ${i % 97}\n\nAbstract ${i}.`,
    );
    const csv = [
      'title,openreview_id,decision',
      ...titles.map((t, i) => `${t.toUpperCase()},id${i},Poster`),
    ].join('\n');
    const { result, ms } = timed(() => {
      const parsed = parseSessionPage(
        ['Session', '', 'Big Session', '', '', page.join('\n\n\n')].join('\n'),
        'big.txt',
      );
      const rows = parseEnrichment(csv, 'big.csv');
      return applyEnrichment(parsed.papers, rows.rows, 'big.csv');
    });
    expect(result.problems).toEqual([]);
    expect(result.papers).toHaveLength(N);
    expect(result.papers[N - 1]?.id).toBe(`id${N - 1}`);
    expect(ms).toBeLessThan(BOUND_MS);
  });

  it('parses JSON lines and merges two copies of them in linear time', () => {
    const lines = titles.map((title, i) =>
      JSON.stringify({
        conference: 'BIG 2030',
        uid: `p${i}`,
        title,
        authors: [`Author ${i}`],
        sessions: [{ name: `Session ${i % 50}`, start: '2030-01-01T10:00:00+00:00' }],
      }),
    );
    const { result, ms } = timed(() => {
      const parsed = parseJsonLines(lines.join('\n'), 'big.jsonl');
      const part = { papers: parsed.papers, sessions: parsed.sessions };
      return mergeParts([
        { file: 'a.jsonl', ...part },
        { file: 'b.jsonl', ...part },
      ]);
    });
    expect(result.catalog.papers).toHaveLength(N);
    expect(result.catalog.sessions).toHaveLength(50);
    expect(result.problems).toHaveLength(1);
    expect(ms).toBeLessThan(BOUND_MS);
  });
});
