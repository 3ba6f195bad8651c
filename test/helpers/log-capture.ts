/** A real root logger (src/log.ts) writing JSON lines into memory, for assertions on logs. */
import type { LogLevelName } from '../../src/config.ts';
import { createLogger, type Logger } from '../../src/log.ts';

export interface LogEntry {
  level: number;
  msg: string;
  [field: string]: unknown;
}

export const PINO_LEVEL = { debug: 20, info: 30, warn: 40, error: 50 } as const;

export interface LogCapture {
  logger: Logger;
  /** Every line written so far, as raw text (what an operator's log would hold). */
  text(): string;
  entries(): LogEntry[];
}

export function createLogCapture(level: LogLevelName = 'debug'): LogCapture {
  const lines: string[] = [];
  const logger = createLogger({
    level,
    pretty: false,
    destination: { write: (line: string) => void lines.push(line) },
  });
  return {
    logger,
    text: () => lines.join(''),
    entries: () => lines.map((line) => JSON.parse(line) as LogEntry),
  };
}
