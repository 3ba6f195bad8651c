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
