/** Constructors for {@link DataProblem}, so every parser words severity the same way. */
import type { DataProblem } from './types.ts';

/** A problem that dropped a record (or a whole file). */
export function dataError(file: string, line: number | undefined, message: string): DataProblem {
  return line === undefined
    ? { file, message, severity: 'error' }
    : { file, line, message, severity: 'error' };
}

/** A problem worth fixing in the data; the record was still loaded. */
export function dataWarning(file: string, line: number | undefined, message: string): DataProblem {
  return line === undefined
    ? { file, message, severity: 'warning' }
    : { file, line, message, severity: 'warning' };
}

/**
 * Appends `items` to `target`. Unlike `target.push(...items)`, safe for any length: a file
 * with a hundred thousand bad lines must not overflow the call stack while being reported.
 */
export function appendAll<T>(target: T[], items: readonly T[]): void {
  for (const item of items) target.push(item);
}

/** Problems logged per file before the rest are summarised in one line. */
export const PROBLEMS_SHOWN_PER_FILE = 5;

/**
 * The first `perFile` problems of each file, and per file how many more there are: what a log
 * shows at every start. A file of 100,000 bad lines gives five lines and one count, not
 * 100,000 lines; `check-data` still lists them all.
 */
export function summarizeProblems(
  problems: readonly DataProblem[],
  perFile: number = PROBLEMS_SHOWN_PER_FILE,
): { shown: DataProblem[]; more: { file: string; count: number }[] } {
  const seen = new Map<string, number>();
  const shown: DataProblem[] = [];
  for (const problem of problems) {
    const count = (seen.get(problem.file) ?? 0) + 1;
    seen.set(problem.file, count);
    if (count <= perFile) shown.push(problem);
  }
  const more = [...seen]
    .filter(([, count]) => count > perFile)
    .map(([file, count]) => ({ file, count: count - perFile }));
  return { shown, more };
}
