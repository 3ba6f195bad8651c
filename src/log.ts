/**
 * The one root logger (pino) and the adapter Bolt logs through.
 *
 * JSON lines in production (what log collectors parse), pretty lines only in development.
 * Tokens and secrets are redacted by path before anything is written; modules take child
 * loggers (`log.child({ module: 'digest' })`) and put structured fields first.
 */
import { createRequire } from 'node:module';
import type { Logger as BoltLogger } from '@slack/bolt';
import { LogLevel as BoltLogLevel } from '@slack/bolt';
import pino, { type DestinationStream, type Logger } from 'pino';
import type PinoPretty from 'pino-pretty';
import type { LogLevelName } from './config.ts';

export type { Logger } from 'pino';

/**
 * Where secrets can sit in what we log: a config object, a Bolt/WebClient option bag, an HTTP
 * request. pino's `*` matches one level, so each key is listed at the top level and one down.
 */
const SECRET_KEYS = [
  'token',
  'botToken',
  'appToken',
  'userToken',
  'signingSecret',
  'clientSecret',
  'password',
];

export const REDACT_PATHS: readonly string[] = [
  ...SECRET_KEYS,
  ...SECRET_KEYS.map((key) => `*.${key}`),
  // `describeConfig` nests the Slack credentials one level deeper (config.slack.botToken).
  ...SECRET_KEYS.map((key) => `*.*.${key}`),
  'headers.authorization',
  '*.headers.authorization',
  'headers["x-slack-signature"]',
  '*.headers["x-slack-signature"]',
];

export interface LoggerOptions {
  level: LogLevelName;
  /** Human-readable lines via pino-pretty; development only (it is a devDependency). */
  pretty: boolean;
  /** Where lines go; stdout when omitted. Tests pass an in-memory stream. */
  destination?: DestinationStream;
}

/** Loaded lazily so production, installed without devDependencies, never needs pino-pretty. */
function loadPinoPretty(): typeof PinoPretty {
  try {
    return createRequire(import.meta.url)('pino-pretty') as typeof PinoPretty;
  } catch (error) {
    throw new Error(
      'log: pretty logs (NODE_ENV=development) need pino-pretty, a devDependency that is not ' +
        'installed; install dev dependencies or unset NODE_ENV',
      { cause: error },
    );
  }
}

/** Creates the root logger. Call once, in src/main.ts; everything else gets a child. */
export function createLogger({ level, pretty, destination }: LoggerOptions): Logger {
  const options: pino.LoggerOptions = {
    level,
    redact: { paths: [...REDACT_PATHS], censor: '[redacted]' },
  };
  if (pretty) {
    const prettyStream = loadPinoPretty()({
      destination: destination ?? 1,
      // Colours only on a terminal; a test's in-memory stream gets plain text.
      colorize: destination === undefined ? undefined : false,
      translateTime: 'SYS:HH:MM:ss.l',
      // Development only: losing the last lines before a crash costs more than the speed.
      sync: true,
      ignore: 'pid,hostname',
    });
    return pino(options, prettyStream);
  }
  return pino(options, destination ?? stdoutDestination());
}

/**
 * Standard output, written synchronously. pino's default is asynchronous and flushes at exit
 * with sonic-boom's `flushSync`, which retries a failed write every 100 ms for ever: when
 * whatever read stdout has gone away (EPIPE), the process could never exit. Written
 * synchronously there is nothing to flush, and pino's own guard turns the stream into a no-op
 * after the first broken-pipe error. Log lines are few; the cost of a synchronous write is
 * not measurable next to a Slack round trip.
 */
function stdoutDestination(): DestinationStream {
  return pino.destination({ dest: 1, sync: true });
}

const BOLT_LEVELS: Readonly<Record<string, BoltLogLevel>> = {
  trace: BoltLogLevel.DEBUG,
  debug: BoltLogLevel.DEBUG,
  info: BoltLogLevel.INFO,
  warn: BoltLogLevel.WARN,
  error: BoltLogLevel.ERROR,
  fatal: BoltLogLevel.ERROR,
  silent: BoltLogLevel.ERROR,
};

/**
 * Turns console-style arguments into pino's `(fields, message)`: the first Error goes under
 * `err` (pino serialises it with its stack), other objects under `details` (never at the top
 * level, where a payload's keys could overwrite ours), everything else joins into the message.
 */
function toPinoCall(msgs: readonly unknown[]): [Record<string, unknown>, string] {
  const words: string[] = [];
  const details: unknown[] = [];
  let err: Error | undefined;
  for (const msg of msgs) {
    if (msg instanceof Error && err === undefined) err = msg;
    else if (msg instanceof Error) details.push(pino.stdSerializers.err(msg));
    else if (msg !== null && typeof msg === 'object') details.push(msg);
    else words.push(String(msg));
  }
  const fields: Record<string, unknown> = {};
  if (err !== undefined) fields.err = err;
  if (details.length > 0) fields.details = details;
  return [fields, words.length > 0 ? words.join(' ') : (err?.message ?? '')];
}

/**
 * Bolt's `Logger` over pino. Bolt calls `logger.error('msg', err)` and `logger.warn(a, b)`
 * like console methods; plain pino would read the second argument as a format parameter and
 * drop the error, so every argument is forwarded (see `toPinoCall`).
 */
export function createBoltLogger(logger: Logger): BoltLogger {
  let current = logger.child({ module: 'bolt' });
  const forward =
    (level: 'debug' | 'info' | 'warn' | 'error') =>
    (...msgs: unknown[]): void => {
      if (!current.isLevelEnabled(level)) return;
      const [fields, message] = toPinoCall(msgs);
      current[level](fields, message);
    };
  return {
    debug: forward('debug'),
    info: forward('info'),
    warn: forward('warn'),
    error: forward('error'),
    setLevel(level: BoltLogLevel) {
      current.level = level;
    },
    getLevel() {
      return BOLT_LEVELS[current.level] ?? BoltLogLevel.INFO;
    },
    setName(name: string) {
      const { level } = current;
      current = logger.child({ module: 'bolt', name });
      current.level = level;
    },
  };
}
