/**
 * `aliases.csv`: words attendees use that the catalog does not, and what they mean there
 * (`genai,generative`; `NeRF,neural radiance field`). The search applies each like an acronym
 * it mined from the papers (src/search/acronyms.ts): the word finds the papers that say what
 * it means. Organisers add lines when the usage report shows a search that found nothing.
 *
 * Format: a header `query,means`, then one alias a line; blank lines and lines starting with
 * `#` are skipped. `query` is one word (letters and digits, as the search splits words);
 * `means` is one to ten words. A bad line is reported with its line number and skipped.
 */
import { readCsv } from './csv.ts';
import { dataError, dataWarning } from './problems.ts';
import type { Alias, DataProblem } from './types.ts';

/** Longest `means` kept: a definition, not a paragraph. */
const MAX_MEANS_WORDS = 10;
const MAX_MEANS_LENGTH = 200;
const MAX_QUERY_LENGTH = 40;
const ONE_WORD_RE = /^[\p{L}\p{N}]+$/u;
const WORD_RE = /[\p{L}\p{N}]+/gu;

export function parseAliases(
  text: string,
  file: string,
): { aliases: Alias[]; problems: DataProblem[] } {
  // Comment lines become blank lines, which the CSV reader skips: line numbers stay true.
  const uncommented = text
    .split('\n')
    .map((line) => (line.trimStart().startsWith('#') ? '' : line))
    .join('\n');
  const table = readCsv(uncommented, file, ['query', 'means'], ['query', 'means']);
  const problems = [...table.problems];
  const aliases: Alias[] = [];
  const seen = new Map<string, number>();
  for (const { line, cells } of table.rows) {
    const query = (cells.query ?? '').trim();
    const means = (cells.means ?? '').trim().replace(/\s+/g, ' ');
    const problem = checkAlias(query, means);
    if (problem) {
      problems.push(dataError(file, line, `${problem}; line skipped`));
      continue;
    }
    const key = query.toLowerCase();
    const first = seen.get(key);
    if (first !== undefined) {
      problems.push(
        dataWarning(
          file,
          line,
          `“${query}” is already an alias on line ${first}; this line skipped`,
        ),
      );
      continue;
    }
    seen.set(key, line);
    aliases.push({ query, means });
  }
  return { aliases, problems };
}

/** Why an alias line cannot be used, or undefined. */
function checkAlias(query: string, means: string): string | undefined {
  if (query === '') return 'query is empty';
  if (!ONE_WORD_RE.test(query) || query.length > MAX_QUERY_LENGTH) {
    return `query must be one word of letters and digits (at most ${MAX_QUERY_LENGTH}), got “${clip(query)}”`;
  }
  const words = means.match(WORD_RE) ?? [];
  if (words.length === 0) return `means is empty for “${query}”`;
  if (words.length > MAX_MEANS_WORDS || means.length > MAX_MEANS_LENGTH) {
    return `means is longer than ${MAX_MEANS_WORDS} words or ${MAX_MEANS_LENGTH} characters`;
  }
  if (words.length === 1 && words[0]!.toLowerCase() === query.toLowerCase()) {
    return `“${query}” means itself`;
  }
  return undefined;
}

function clip(text: string): string {
  return text.length > 40 ? `${text.slice(0, 39)}…` : text;
}
