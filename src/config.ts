/**
 * The bot's configuration, read from the environment by `loadConfig(env)`.
 *
 * Pure: the caller (src/main.ts) passes `process.env`; nothing here reads it. Every problem is
 * collected and reported at once in one `ConfigError`, each naming the variable and what was
 * expected, so a deploy fails with the whole list instead of one fix per restart. Secrets are
 * never echoed back in an error message. `.env.example` documents every variable.
 */
import type { TimeOfDay } from './time.ts';

/** pino's level names; `silent` turns logging off. */
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevelName = (typeof LOG_LEVELS)[number];

/** Defaults for every optional variable, in one place (mirrored in .env.example). */
export const CONFIG_DEFAULTS = {
  port: 3000,
  dataDir: 'data',
  databasePath: 'var/poster-bot.db',
  cacheDir: 'var/cache',
  logLevel: 'info',
  digestTime: { hour: 8, minute: 0 },
  digestTimeZone: 'UTC',
  resultsPerPage: 5,
  /** REMINDER_LEAD: minutes before a session that its reminders are sent. */
  reminderLeadMinutes: 15,
} as const;

/** Bounds on `REMINDER_LEAD`, in minutes: at least one pass (a minute) fits, at most a day. */
export const REMINDER_LEAD_RANGE = { min: 1, max: 1440 } as const;

/** Bounds on `RESULTS_PER_PAGE`: a result card is several blocks and a message holds 50. */
export const RESULTS_PER_PAGE_RANGE = { min: 1, max: 10 } as const;

/** Socket Mode: outbound WebSocket, no public URL (the default for a conference bot). */
export interface SocketModeConfig {
  mode: 'socket';
  botToken: string;
  appToken: string;
  /** Web API base URL ending in `/`; unset means Slack's own. Socket Mode's socket ignores it. */
  apiUrl?: string;
}

/** HTTP mode: Slack POSTs signed requests to `/slack/events` on `port`. */
export interface HttpModeConfig {
  mode: 'http';
  botToken: string;
  signingSecret: string;
  port: number;
  /** Web API base URL ending in `/`; unset means Slack's own. */
  apiUrl?: string;
}

/** No Slack credentials at all: the local console answers in the terminal. */
export interface ConsoleModeConfig {
  mode: 'console';
}

/** The two ways of talking to Slack; what `createSlackApp` accepts. */
export type SlackConnectionConfig = SocketModeConfig | HttpModeConfig;
export type ModeConfig = SlackConnectionConfig | ConsoleModeConfig;

/** A wall-clock time of day, 24 h (the digest's own type). */
export type ClockTime = TimeOfDay;

/** The daily digest; present only when `DIGEST_CHANNEL` is set. */
export interface DigestConfig {
  /** A conversation id (C…, G… or D…), never a `#name`: names change, ids do not. */
  channel: string;
  time: ClockTime;
  /** A canonical IANA time zone name, e.g. `Europe/Vienna`. */
  timeZone: string;
}

export interface Config {
  slack: ModeConfig;
  dataDir: string;
  databasePath: string;
  /** Where start-up snapshots of the catalog and index go; undefined: no snapshots. */
  cacheDir: string | undefined;
  log: { level: LogLevelName; pretty: boolean };
  /** DIGEST_TIMEZONE: when the digest posts, and what "today" means for `/poster today`. */
  timeZone: string;
  digest?: DigestConfig;
  resultsPerPage: number;
  /** ORGANISERS: Slack user ids (U…/W…) who see the usage report; empty: nobody. */
  organisers: string[];
  /** Reminders before sessions holding saved posters (src/reminders/). */
  reminders: { leadMs: number };
}

/** One invalid or missing variable. */
export interface ConfigProblem {
  variable: string;
  message: string;
}

/** Thrown by `loadConfig` with every problem found, never just the first. */
export class ConfigError extends Error {
  readonly problems: readonly ConfigProblem[];

  constructor(problems: readonly ConfigProblem[]) {
    const noun = problems.length === 1 ? 'problem' : 'problems';
    const list = problems.map((p) => `  - ${p.variable}: ${p.message}`).join('\n');
    super(`config: ${problems.length} ${noun} in the environment:\n${list}`);
    this.name = 'ConfigError';
    this.problems = problems;
  }
}

export type Env = Readonly<Record<string, string | undefined>>;

type Parsed<T> = { value: T } | { problem: string };
type Parser<T> = (raw: string) => Parsed<T>;

/** Quotes a (non-secret) value for an error message, cut so a pasted file cannot flood the log. */
function quote(raw: string): string {
  return JSON.stringify(raw.length > 60 ? `${raw.slice(0, 59)}…` : raw);
}

function integerIn(min: number, max: number): Parser<number> {
  return (raw) => {
    const n = Number(raw);
    return /^\d+$/.test(raw) && n >= min && n <= max
      ? { value: n }
      : { problem: `expected an integer from ${min} to ${max}, got ${quote(raw)}` };
  };
}

const logLevel: Parser<LogLevelName> = (raw) => {
  const level = raw.toLowerCase();
  return (LOG_LEVELS as readonly string[]).includes(level)
    ? { value: level as LogLevelName }
    : { problem: `expected one of ${LOG_LEVELS.join(', ')}, got ${quote(raw)}` };
};

const clockTime: Parser<ClockTime> = (raw) => {
  const match = /^(\d{1,2}):(\d{2})$/.exec(raw);
  const hour = Number(match?.[1]);
  const minute = Number(match?.[2]);
  return match && hour <= 23 && minute <= 59
    ? { value: { hour, minute } }
    : { problem: `expected a 24-hour time HH:MM such as 08:00 or 17:30, got ${quote(raw)}` };
};

const timeZone: Parser<string> = (raw) => {
  try {
    // Intl knows the IANA database; resolvedOptions gives the canonical spelling (utc → UTC).
    return {
      value: new Intl.DateTimeFormat('en-US', { timeZone: raw }).resolvedOptions().timeZone,
    };
  } catch {
    return {
      problem: `expected an IANA time zone such as UTC or Europe/Vienna, got ${quote(raw)}`,
    };
  }
};

const channelId: Parser<string> = (raw) =>
  /^[CGD][A-Z0-9]{2,}$/.test(raw)
    ? { value: raw }
    : {
        problem:
          `expected a channel id such as C0123ABCD (G… or D… for private channels and DMs; ` +
          `a #name does not work: copy the id from the channel's details), got ${quote(raw)}`,
      };

const httpUrl: Parser<string> = (raw) => {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    // Not quoted when it may hold credentials (user:password@host).
    const got = raw.includes('@') ? '' : `, got ${quote(raw)}`;
    return { problem: `expected an http(s) URL such as https://slack.com/api/${got}` };
  }
  if (url.username !== '' || url.password !== '') {
    // The Web API authenticates with the bot token; credentials in the URL would be sent to
    // every proxy on the way and end up in logs. Never echoed.
    return {
      problem:
        'must not contain a user name or password (user:password@…); the bot token is the only credential the Web API takes',
    };
  }
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || url.search || url.hash) {
    return { problem: `expected an http(s) URL without query or fragment, got ${quote(raw)}` };
  }
  // The Web API client appends the method name: `…/api` + `chat.postMessage` would be wrong.
  return { value: url.href.endsWith('/') ? url.href : `${url.href}/` };
};

const anyText: Parser<string> = (raw) => ({ value: raw });

/** `ORGANISERS`: Slack user ids separated by commas (`U012AB3CD,W0123ABCD`), each once. */
const userIds: Parser<string[]> = (raw) => {
  const ids = raw
    .split(',')
    .map((id) => id.trim())
    .filter(Boolean);
  const bad = ids.filter((id) => !/^[UW][A-Z0-9]{2,20}$/.test(id));
  return bad.length > 0
    ? {
        problem: `expected Slack user ids (U… or W…, from a profile's ⋮ › Copy member ID) separated by commas; not one: ${bad.slice(0, 3).map(quote).join(', ')}`,
      }
    : { value: [...new Set(ids)] };
};

/** Token prefixes Slack uses, to say which kind of token was pasted in the wrong place. */
const TOKEN_KINDS: Readonly<Record<string, string>> = {
  'xoxb-': 'a bot token',
  'xapp-': 'an app-level token',
  'xoxp-': 'a user token',
  'xoxe-': 'a refresh token',
  'xoxa-': 'a workspace token',
};

/** Names the kind of a token-looking value without revealing any of its secret part. */
function describeTokenShape(raw: string): string {
  const prefix = Object.keys(TOKEN_KINDS).find((p) => raw.startsWith(p));
  return prefix ? `got ${TOKEN_KINDS[prefix]} (${prefix}…)` : 'the value has another shape';
}

function slackToken(prefix: 'xoxb-' | 'xapp-', where: string): Parser<string> {
  return (raw) => {
    if (new RegExp(`^${prefix}[A-Za-z0-9-]+$`).test(raw)) return { value: raw };
    const found = raw.includes(prefix)
      ? 'the value has other characters too (quotes or spaces pasted with it?)'
      : describeTokenShape(raw);
    return {
      problem: `expected ${TOKEN_KINDS[prefix]} starting with ${prefix} (${where}); ${found}`,
    };
  };
}

const signingSecret: Parser<string> = (raw) =>
  /^[A-Za-z0-9]+$/.test(raw)
    ? { value: raw }
    : {
        problem:
          'expected the Signing Secret from Basic Information › App Credentials (letters and digits); ' +
          describeTokenShape(raw),
      };

/** Accumulates problems while reading variables; empty strings count as unset (`FOO=` in .env). */
function createReader(env: Env) {
  const problems: ConfigProblem[] = [];

  const raw = (name: string): string | undefined => {
    const value = env[name]?.trim();
    return value ? value : undefined;
  };

  function optional<T>(name: string, parse: Parser<T>): T | undefined {
    const value = raw(name);
    if (value === undefined) return undefined;
    const parsed = parse(value);
    if ('problem' in parsed) {
      problems.push({ variable: name, message: parsed.problem });
      return undefined;
    }
    return parsed.value;
  }

  function withDefault<T>(name: string, parse: Parser<T>, fallback: T): T {
    return optional(name, parse) ?? fallback;
  }

  const problem = (variable: string, message: string) => problems.push({ variable, message });

  return { raw, optional, withDefault, problem, problems };
}

type Reader = ReturnType<typeof createReader>;

/** `SLACK_MODE`: which mode to use when both the app token and the signing secret are set. */
const slackMode: Parser<'socket' | 'http'> = (raw) => {
  const mode = raw.toLowerCase();
  return mode === 'socket' || mode === 'http'
    ? { value: mode }
    : { problem: `expected socket or http, got ${quote(raw)}` };
};

/**
 * Chooses the mode from which credentials are present:
 * bot + app token → Socket Mode; bot token + signing secret → HTTP; none → console;
 * all three → `SLACK_MODE` decides (socket or http), an error without it: a deploy meant for
 * HTTP must not silently open a socket instead. Any other mix is an error naming what is missing.
 */
function readMode(read: Reader): ModeConfig | undefined {
  const hasBot = read.raw('SLACK_BOT_TOKEN') !== undefined;
  const hasApp = read.raw('SLACK_APP_TOKEN') !== undefined;
  const hasSecret = read.raw('SLACK_SIGNING_SECRET') !== undefined;

  const botToken = read.optional('SLACK_BOT_TOKEN', slackToken('xoxb-', 'OAuth & Permissions'));
  const appToken = read.optional(
    'SLACK_APP_TOKEN',
    slackToken('xapp-', 'Basic Information › App-Level Tokens, scope connections:write'),
  );
  const secret = read.optional('SLACK_SIGNING_SECRET', signingSecret);
  const port = read.withDefault('PORT', integerIn(0, 65535), CONFIG_DEFAULTS.port);
  const apiUrl = read.optional('SLACK_API_URL', httpUrl);
  const chosen = read.optional('SLACK_MODE', slackMode);

  if (!hasBot && !hasApp && !hasSecret) return { mode: 'console' };
  if (!hasBot) {
    const present = [hasApp && 'SLACK_APP_TOKEN', hasSecret && 'SLACK_SIGNING_SECRET']
      .filter(Boolean)
      .join(' and ');
    read.problem(
      'SLACK_BOT_TOKEN',
      `missing: ${present} ${hasApp && hasSecret ? 'are' : 'is'} set, and both Socket Mode ` +
        '(with SLACK_APP_TOKEN) and HTTP mode (with SLACK_SIGNING_SECRET) need the bot token (xoxb-…); ' +
        'unset all three to use the local console',
    );
    return undefined;
  }
  if (!hasApp && !hasSecret) {
    read.problem(
      'SLACK_BOT_TOKEN',
      'is set alone: add SLACK_APP_TOKEN (xapp-…, Socket Mode) or SLACK_SIGNING_SECRET (HTTP mode), ' +
        'or unset it to use the local console',
    );
    return undefined;
  }
  if (hasApp && hasSecret && chosen === undefined) {
    read.problem(
      'SLACK_MODE',
      'SLACK_APP_TOKEN (Socket Mode) and SLACK_SIGNING_SECRET (HTTP mode) are both set: ' +
        'set SLACK_MODE=socket or SLACK_MODE=http, or unset the one you do not use',
    );
    return undefined;
  }
  if (chosen !== undefined && !(chosen === 'socket' ? hasApp : hasSecret)) {
    read.problem(
      'SLACK_MODE',
      `is ${chosen}, which needs ${chosen === 'socket' ? 'SLACK_APP_TOKEN' : 'SLACK_SIGNING_SECRET'}`,
    );
    return undefined;
  }
  if (botToken === undefined) return undefined;
  if (hasApp && chosen !== 'http')
    return appToken === undefined ? undefined : { mode: 'socket', botToken, appToken, apiUrl };
  return secret === undefined
    ? undefined
    : { mode: 'http', botToken, signingSecret: secret, port, apiUrl };
}

function readDigest(read: Reader, zone: string): DigestConfig | undefined {
  const channel = read.optional('DIGEST_CHANNEL', channelId);
  // The time is checked even without a channel: a typo should not wait to be noticed.
  const time = read.withDefault('DIGEST_TIME', clockTime, { ...CONFIG_DEFAULTS.digestTime });
  return channel === undefined ? undefined : { channel, time, timeZone: zone };
}

/**
 * Reads and validates the configuration from `env` (pass `process.env`).
 * @throws {ConfigError} listing every invalid or missing variable.
 */
export function loadConfig(env: Env): Config {
  const read = createReader(env);
  const slack = readMode(read);
  const zone = read.withDefault('DIGEST_TIMEZONE', timeZone, CONFIG_DEFAULTS.digestTimeZone);
  const config = {
    dataDir: read.withDefault('DATA_DIR', anyText, CONFIG_DEFAULTS.dataDir),
    databasePath: read.withDefault('DATABASE_PATH', anyText, CONFIG_DEFAULTS.databasePath),
    // A folder, or `off` to do without snapshots.
    cacheDir:
      read.raw('CACHE_DIR')?.trim().toLowerCase() === 'off'
        ? undefined
        : read.withDefault('CACHE_DIR', anyText, CONFIG_DEFAULTS.cacheDir),
    log: {
      level: read.withDefault('LOG_LEVEL', logLevel, CONFIG_DEFAULTS.logLevel),
      pretty: read.raw('NODE_ENV') === 'development',
    },
    timeZone: zone,
    digest: readDigest(read, zone),
    resultsPerPage: read.withDefault(
      'RESULTS_PER_PAGE',
      integerIn(RESULTS_PER_PAGE_RANGE.min, RESULTS_PER_PAGE_RANGE.max),
      CONFIG_DEFAULTS.resultsPerPage,
    ),
    organisers: read.withDefault('ORGANISERS', userIds, []),
    reminders: {
      leadMs:
        read.withDefault(
          'REMINDER_LEAD',
          integerIn(REMINDER_LEAD_RANGE.min, REMINDER_LEAD_RANGE.max),
          CONFIG_DEFAULTS.reminderLeadMinutes,
        ) * 60_000,
    },
  };
  if (read.problems.length > 0 || slack === undefined) throw new ConfigError(read.problems);
  return { slack, ...config };
}

const REDACTED = '[redacted]';

/** The configuration as a plain object safe to log at startup: secrets replaced by `[redacted]`. */
export function describeConfig(config: Config): Record<string, unknown> {
  const { slack } = config;
  const connection =
    slack.mode === 'socket'
      ? { ...slack, botToken: REDACTED, appToken: REDACTED }
      : slack.mode === 'http'
        ? { ...slack, botToken: REDACTED, signingSecret: REDACTED }
        : slack;
  return { ...config, slack: connection };
}
