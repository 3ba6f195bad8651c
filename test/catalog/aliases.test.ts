/**
 * `aliases.csv` (src/catalog/aliases.ts): what a good file gives, every bad line reported
 * with its line number and skipped, and the search applying an alias like a mined acronym.
 */
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseAliases } from '../../src/catalog/aliases.ts';
import { loadCatalog } from '../../src/catalog/loader.ts';
import { formatProblem } from '../../src/catalog/types.ts';
import { createPaperIndex } from '../../src/search/paper-index.ts';

const FILE = 'data/aliases.csv';

describe('parseAliases', () => {
  it('reads query,means lines, skipping comments and blank lines', () => {
    const text = [
      'query,means',
      '# attendees say genai',
      'GenAI,generative',
      '',
      '  # indented comment',
      'NeRF,"neural   radiance field"',
    ].join('\n');
    expect(parseAliases(text, FILE)).toEqual({
      aliases: [
        { query: 'GenAI', means: 'generative' },
        { query: 'NeRF', means: 'neural radiance field' },
      ],
      problems: [],
    });
  });

  it('reports each bad line with its number, and keeps the good ones', () => {
    const text = [
      'query,means', // 1
      'llm,large language model', // 2
      'gen ai,generative', // 3: two words
      ',generative', // 4: no query
      'xai,', // 5: no meaning
      'LLM,foundation model', // 6: again
      'sota,sota', // 7: itself
      'a,b,c', // 8: three fields
      `ml,${'word '.repeat(11)}`, // 9: too long
    ].join('\n');
    const { aliases, problems } = parseAliases(text, FILE);
    expect(aliases).toEqual([{ query: 'llm', means: 'large language model' }]);
    expect(problems.map(formatProblem)).toEqual([
      'data/aliases.csv:8: error: expected 2 fields, found 3 (unquoted comma or quote?); row skipped',
      'data/aliases.csv:3: error: query must be one word of letters and digits (at most 40), got “gen ai”; line skipped',
      'data/aliases.csv:4: error: query is empty; line skipped',
      'data/aliases.csv:5: error: means is empty for “xai”; line skipped',
      'data/aliases.csv:6: warning: “LLM” is already an alias on line 2; this line skipped',
      'data/aliases.csv:7: error: “sota” means itself; line skipped',
      'data/aliases.csv:9: error: means is longer than 10 words or 200 characters; line skipped',
    ]);
  });

  it('skips a file without the header, saying which columns it needs', () => {
    const { aliases, problems } = parseAliases('genai,generative\n', FILE);
    expect(aliases).toEqual([]);
    expect(problems.map(formatProblem)).toEqual([
      'data/aliases.csv:1: error: missing columns query, means (found: genai, generative); file skipped',
    ]);
  });
});

describe('aliases in the search', () => {
  const dirs: string[] = [];
  afterAll(() => {
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  /** The seed data with an aliases.csv beside it. */
  function seedWith(aliases: string): string {
    const dir = mkdtempSync(join(tmpdir(), 'aliases-'));
    dirs.push(dir);
    cpSync('data', dir, { recursive: true });
    rmSync(join(dir, 'aliases.csv'), { force: true });
    writeFileSync(join(dir, 'aliases.csv'), aliases);
    return dir;
  }

  it('turns a word the catalog never uses into the posters on what it means', () => {
    const { catalog } = loadCatalog(seedWith('query,means\nxai,interpretability\n'));
    const without = createPaperIndex(catalog.papers);
    const withAliases = createPaperIndex(catalog.papers, { aliases: catalog.aliases ?? [] });
    expect(without.search('xai')).toEqual([]);
    const titles = withAliases.search('XAI').map((hit) => hit.paper.title);
    expect(titles).toEqual(withAliases.search('interpretability').map((hit) => hit.paper.title));
    expect(titles.length).toBeGreaterThan(0);
  });

  it('reads the meaning as the acronyms are read: every word of it required', () => {
    const { catalog } = loadCatalog(seedWith('query,means\ngcnn,graph convolutional networks\n'));
    const index = createPaperIndex(catalog.papers, { aliases: catalog.aliases ?? [] });
    const hits = index.search('gcnn');
    expect(hits.length).toBeGreaterThan(0);
    for (const { paper } of hits) {
      expect(`${paper.title} ${paper.abstract}`.toLowerCase()).toMatch(/graph/);
      expect(`${paper.title} ${paper.abstract}`.toLowerCase()).toMatch(/convolution/);
    }
  });

  it('reports a bad alias line in the loaded problems, with its line', () => {
    const { catalog, problems } = loadCatalog(
      seedWith('query,means\nxai,interpretability\nx y,z\n'),
    );
    expect(catalog.aliases).toEqual([{ query: 'xai', means: 'interpretability' }]);
    expect(problems.map(formatProblem)).toContainEqual(
      expect.stringMatching(/aliases\.csv:3: error: query must be one word/),
    );
  });
});
