/**
 * CSV reading for every catalog CSV (OpenReview enrichment, Mini-Conf, schedule): records
 * keyed by lower-cased header names, each with the 1-based line it starts on, and broken
 * records (bad quoting, wrong field count) reported as problems instead of thrown.
 */
import { CsvError, parse } from 'csv-parse/sync';
import { dataError } from './problems.ts';
import type { DataProblem } from './types.ts';

export interface CsvRow {
  /** 1-based line on which the record starts (records may span lines inside quotes). */
  line: number;
  /** Cells by lower-cased, trimmed column name. */
  cells: Readonly<Record<string, string>>;
}

export interface CsvTable {
  /** Lower-cased, trimmed header names, in file order. */
  columns: string[];
  rows: CsvRow[];
  problems: DataProblem[];
}

type CsvEvent =
  | { kind: 'record'; record: string[]; line: number; endLine: number }
  | { kind: 'broken'; line: number; error: CsvError };

/**
 * Reads `text` as a CSV with a header line. `required` names columns without which the file
 * is useless: if one is missing the file is reported and no row is returned.
 */
export function readCsv(
  text: string,
  file: string,
  required: readonly string[],
  /**
   * Columns that never hold a line break (titles, ids, times). A record whose such cell spans
   * lines is a quote left open that ran over the next rows: reported where the quote opened,
   * instead of loading one row with the next row glued into its title.
   */
  singleLine: readonly string[] = [],
): CsvTable {
  const empty: CsvTable = { columns: [], rows: [], problems: [] };
  if (text.trim() === '') {
    const expected = required.length > 0 ? ` with columns ${required.join(', ')}` : '';
    return {
      ...empty,
      problems: [dataError(file, undefined, `file is empty; expected a CSV header${expected}`)],
    };
  }
  const problems: DataProblem[] = [];
  const rows: CsvRow[] = [];
  let columns: string[] | undefined;
  for (const event of parseEvents(text)) {
    const { line } = event;
    if (event.kind === 'broken') {
      problems.push(dataError(file, line, describe(event.error)));
      continue;
    }
    if (event.record.length === 1 && event.record[0]?.trim() === '') continue;
    if (columns === undefined) {
      columns = event.record.map((name) => name.trim().toLowerCase());
      const missing = required.filter((name) => !columns?.includes(name));
      if (missing.length > 0) {
        // A header can be anything (a 20 MB line of prose): name a few columns, briefly.
        const found = columns.slice(0, 12).join(', ').slice(0, 200);
        const message = `missing column${missing.length > 1 ? 's' : ''} ${missing.join(', ')} (found: ${found})`;
        return {
          ...empty,
          columns,
          problems: [...problems, dataError(file, line, `${message}; file skipped`)],
        };
      }
      continue;
    }
    if (event.record.length !== columns.length) {
      problems.push(
        dataError(
          file,
          line,
          `expected ${columns.length} fields, found ${event.record.length} (unquoted comma or quote?); row skipped`,
        ),
      );
      continue;
    }
    if (event.endLine > line) {
      const header = columns;
      const runaway = singleLine.find((name) => cellOf(header, event.record, name).includes('\n'));
      if (runaway !== undefined) {
        problems.push(
          dataError(
            file,
            line,
            `the quoted ${runaway} opened on this line runs to line ${event.endLine} (a missing closing quote?); lines ${line}–${event.endLine} skipped`,
          ),
        );
        continue;
      }
    }
    rows.push({ line, cells: toCells(columns, event.record) });
  }
  return { columns: columns ?? [], rows, problems };
}

function cellOf(columns: readonly string[], record: readonly string[], name: string): string {
  const index = columns.indexOf(name);
  return index === -1 ? '' : (record[index] ?? '');
}

/**
 * Parses records in order, each with its start line. On a broken record csv-parse gives up,
 * so parsing resumes on the line after it: one bad line costs one row, not the rest of the
 * file. (Its own `skip_records_with_error` recovery can swallow the good rows that follow.)
 */
function parseEvents(text: string): CsvEvent[] {
  // csv-parse counts a lone \r as a line of its own in mixed files; one convention keeps
  // reported lines right (and quoted multi-line cells read the same).
  const normalised = text.replace(/\r\n?/g, '\n');
  const lineStarts = [0];
  for (let i = normalised.indexOf('\n'); i !== -1; i = normalised.indexOf('\n', i + 1)) {
    lineStarts.push(i + 1);
  }
  const events: CsvEvent[] = [];
  let firstLine = 1;
  while (firstLine <= lineStarts.length) {
    const linesBefore = firstLine - 1;
    let lastEnd = linesBefore;
    try {
      parse(normalised.slice(lineStarts[linesBefore]), {
        bom: true,
        relax_column_count: true,
        on_record: (record: string[], context) => {
          const endLine = linesBefore + context.lines;
          events.push({ kind: 'record', record, line: lastEnd + 1, endLine });
          lastEnd = endLine;
          return null;
        },
      });
      break;
    } catch (error) {
      if (!(error instanceof CsvError)) throw error;
      const start = lastEnd + 1;
      const detected = linesBefore + (typeof error.lines === 'number' ? error.lines : 1);
      events.push({ kind: 'broken', line: start, error });
      // A quote error is reported where the quote opened; reading resumes on the next line,
      // so the rows a runaway quote ran over are read (or reported) rather than lost silently.
      const quoting = error.code === 'CSV_QUOTE_NOT_CLOSED' || /QUOTE/.test(String(error.code));
      const resumeAfter = quoting ? start : Math.max(start, detected);
      firstLine = resumeAfter + 1;
    }
  }
  return events;
}

function describe(error: CsvError): string {
  switch (error.code) {
    case 'CSV_QUOTE_NOT_CLOSED':
      return 'a quote opened on this line is never closed; line skipped';
    case 'CSV_INVALID_CLOSING_QUOTE':
    case 'INVALID_OPENING_QUOTE':
      return 'broken quoting (a quote inside a field must be doubled, the field itself quoted); row skipped';
    default:
      return `unreadable CSV record (${error.message}); row skipped`;
  }
}

function toCells(columns: readonly string[], record: readonly string[]): Record<string, string> {
  const cells: Record<string, string> = {};
  columns.forEach((name, index) => {
    cells[name] = record[index] ?? '';
  });
  return cells;
}
