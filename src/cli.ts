/**
 * The command line, `npx poster-bot <command>`: the bot's search and replies without Slack,
 * for scripts and for checking an answer quickly. Everything it touches is passed in
 * ({@link CliDeps}); `bin/poster-bot.js` wires the real process and composition.
 *
 * Adding a command means one entry in {@link COMMANDS}, plus in {@link CliDeps} whatever it
 * needs from the composition (a loader, the store, a Slack poster, a clock).
 */
import { fileURLToPath } from 'node:url';
import { type ParseArgsConfig, parseArgs } from 'node:util';
// plan: `poster-bot plan` (issue 12).
import { type HomeInput, renderHome } from './blocks/home.ts';
import type { SlackMessage } from './blocks/message.ts';
import { renderReminder } from './blocks/reminder.ts';
import { formatInstant } from './blocks/time.ts';
import { homeInput } from './bot/features/plan.ts';
import { buildStatsReport, reportCsv, reportText } from './bot/stats-report.ts';
import { type Replies, replyMessage } from './bot/types.ts';
import {
  CatalogError,
  type LoadOptions,
  type LoadProgress,
  type LoadResult,
  summarizeCatalog,
} from './catalog/loader.ts';
import { type DataProblem, formatProblem, type Paper, type Session } from './catalog/types.ts';
import { CONFIG_DEFAULTS, type Config, ConfigError, loadConfig } from './config.ts';
import { describeError } from './console/console.ts';
import {
  renderTerminal,
  stripControlCharacters,
  terminalSupportsColor,
} from './console/render-terminal.ts';
import {
  askReplies,
  CONSOLE_TEAM_ID,
  CONSOLE_USER_ID,
  parseSlackInput,
  unknownCommandMessage,
} from './console/slack-input.ts';
import {
  type DigestLog,
  type DigestOutcome,
  type DigestPlan,
  type DigestPoster,
  planDigest,
  runDigest,
} from './digest/run.ts';
import type { NothingReason } from './digest/select.ts';
import { buildPlanCalendar, type PlanCalendarInput } from './plan/calendar.ts';
import { type DueReminders, findDueReminders } from './plan/reminders.ts';
import {
  countResults,
  type DirectMessenger,
  type ReminderPassOutcome,
  runReminderPass,
} from './reminders/run.ts';
// similar: `poster-bot similar` (src/similar/).
import { SIMILAR_DEFAULTS } from './similar/build.ts';
import { DEFAULT_SIMILAR_LIMIT, describeWhy, type SimilarIndex } from './similar/similar-index.ts';
import type { PlanOwner, PlanStore } from './store/plans.ts';
import type { SentKind } from './store/stats.ts';
import type { Store } from './store/store.ts';
import { isLocalDate, type LocalDate, localDate, zonedTimeToInstant } from './time.ts';

/** One search answer as the CLI needs it; the real `SearchHit` has more and still fits. */
export interface CliHit {
  paper: Paper;
  score: number;
}

/** The part of the paper index the CLI uses. */
export interface CliIndex {
  /** Papers best first, at most `limit`. */
  search(query: string, options: { limit: number }): readonly CliHit[] | Promise<readonly CliHit[]>;
  /** "Did you mean" queries that find something (`stats`: the nearest to a search that did not). */
  suggest?(query: string, max?: number): string[];
}

/** What the composition builds from a data folder: the index and the bot's replies. */
export interface CliBot {
  index: CliIndex;
  replies: Replies;
  /** Neighbours and more by the same authors (src/similar/). */
  similar: Pick<SimilarIndex, 'find' | 'similarTo' | 'moreByAuthors'>;
  /** Every paper, for `similar --all`; the sessions, for `stats`. */
  catalog: { papers: readonly Paper[]; sessions?: readonly Session[] };
}

/** Loads the catalog in `dataDir`, builds the index and the replies. */
export type BuildBot = (dataDir: string) => CliBot | Promise<CliBot>;

/** A place to write: `process.stdout` or a test's collector. */
export interface CliOutput {
  write(chunk: string): unknown;
  isTTY?: boolean;
  columns?: number;
}

/** Everything the CLI touches, injected so tests run it in-process. */
export interface CliDeps {
  stdout: CliOutput;
  stderr: CliOutput;
  env: Readonly<Record<string, string | undefined>>;
  buildBot: BuildBot;
  /** Reads a data folder: src/catalog/loader.ts `loadCatalog`. */
  loadCatalog: (dir: string, options: LoadOptions) => LoadResult | Promise<LoadResult>;
  /**
   * Opens the store at `path` (src/store/store.ts `openStore`). With `create`, the parent
   * folder and the database are created as needed; without it, a missing database gives
   * `undefined`, so a dry run never leaves a file behind.
   */
  openStore: (
    path: string,
    options: { create: boolean },
  ) => Store | undefined | Promise<Store | undefined>;
  /** A poster over Slack's Web API with this bot token, at `apiUrl` (Slack's own when unset). */
  createPoster: (slack: {
    botToken: string;
    apiUrl?: string;
  }) => DigestPoster | Promise<DigestPoster>;
  /**
   * Direct messages over Slack's Web API with this bot token (`reminders --post`); a CLI
   * without it cannot post reminders.
   */
  createMessenger?: (slack: {
    botToken: string;
    apiUrl?: string;
  }) => DirectMessenger | Promise<DirectMessenger>;
  now: () => Date;
  /** Waits `ms`: the pace between digest messages. */
  sleep: (ms: number) => Promise<void>;
}

/** 0 done; 1 something failed at run time (message on stderr); 2 the command line was wrong. */
export const EXIT = { ok: 0, failure: 1, usage: 2 } as const;
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** Thrown for a wrong command line; the CLI prints the message and the usage, exits 2. */
export class CliUsageError extends Error {
  override readonly name = 'CliUsageError';
  constructor(
    message: string,
    /** The command whose usage to show; the general usage when undefined. */
    readonly command?: string,
  ) {
    super(message);
  }
}

const PROGRAM = 'poster-bot';

/** The seed data shipped in the repository, found from this file so any cwd works. */
export const BUNDLED_DATA_DIR = fileURLToPath(new URL('../data', import.meta.url));

export const DEFAULT_SEARCH_LIMIT = 10;
const MAX_SEARCH_LIMIT = 1000;

type OptionValues = Record<string, string | boolean | (string | boolean)[] | undefined>;

interface CliCommand {
  /** Arguments after the command name, as shown in the usage. */
  synopsis: string;
  summary: string;
  options: NonNullable<ParseArgsConfig['options']>;
  run(values: OptionValues, positionals: string[], deps: CliDeps): Promise<ExitCode>;
}

const DATA_OPTION = { data: { type: 'string' } } as const;
const JSON_OPTION = { json: { type: 'boolean' } } as const;

/** The commands, in the order the usage lists them. */
const COMMANDS: Record<string, CliCommand> = {
  search: {
    synopsis: '"<query>" [--limit N] [--json] [--data DIR]',
    summary: 'search the papers, best first',
    options: { ...DATA_OPTION, ...JSON_OPTION, limit: { type: 'string' } },
    run: runSearch,
  },
  ask: {
    synopsis: '"<text as typed in Slack>" [--json] [--data DIR]',
    summary: 'ask the bot: "/poster …", "@poster …" or plain text (a /poster command)',
    options: { ...DATA_OPTION, ...JSON_OPTION },
    run: runAsk,
  },
  digest: {
    synopsis: '[--date YYYY-MM-DD] [--dry-run | --post] [--json] [--data DIR]',
    summary:
      "print a day's digest (default: today in $DIGEST_TIMEZONE), or post it to $DIGEST_CHANNEL " +
      'once (--post; a second post the same day does nothing)',
    options: {
      ...DATA_OPTION,
      ...JSON_OPTION,
      date: { type: 'string' },
      'dry-run': { type: 'boolean' },
      post: { type: 'boolean' },
    },
    run: runDigestCommand,
  },
  similar: {
    synopsis: `"<paper id or title>" [--limit N] [--json] [--data DIR] | --all [--limit N] --json [--data DIR]`,
    summary:
      `posters similar to a paper, and more by its authors; --all: every paper's neighbours ` +
      `as JSON (--limit: 1 to ${SIMILAR_DEFAULTS.stored}, default ${DEFAULT_SIMILAR_LIMIT})`,
    options: {
      ...DATA_OPTION,
      ...JSON_OPTION,
      limit: { type: 'string' },
      all: { type: 'boolean' },
    },
    run: runSimilar,
  },
  stats: {
    synopsis: '[--since YYYY-MM-DD] [--json | --csv] [--data DIR]',
    summary:
      'the usage report for organisers: top searches, searches that found nothing (with the ' +
      'nearest that finds something), alias suggestions, most saved posters and sessions, ' +
      'traffic per day (from $DATABASE_PATH)',
    options: {
      ...DATA_OPTION,
      ...JSON_OPTION,
      since: { type: 'string' },
      csv: { type: 'boolean' },
    },
    run: runStats,
  },
  // reminders (issue 12): one reminder pass, as `digest` runs one digest.
  reminders: {
    synopsis: '[--at <ISO instant>] [--dry-run | --post] [--json] [--data DIR]',
    summary:
      'the reminders due at an instant (default now): who would get which DM, or send them ' +
      'once (--post; a second pass sends nothing again)',
    options: {
      ...DATA_OPTION,
      ...JSON_OPTION,
      at: { type: 'string' },
      'dry-run': { type: 'boolean' },
      post: { type: 'boolean' },
    },
    run: runRemindersCommand,
  },
  // plan: `poster-bot plan` (issue 12), --ics its calendar.
  plan: {
    synopsis: '<user id> [--team T] [--ics | --json] [--data DIR]',
    summary: `a person's plan (the posters they saved) as the Home tab shows it, as an iCalendar file (--ics, my-plan.ics) or as JSON; the team defaults to the console's (${CONSOLE_TEAM_ID})`,
    options: {
      ...DATA_OPTION,
      ...JSON_OPTION,
      team: { type: 'string' },
      ics: { type: 'boolean' },
    },
    run: runPlan,
  },
  'check-data': {
    synopsis: '[DIR] [--json]',
    summary: 'validate a data folder: papers, sessions, days and every problem as file:line',
    options: { ...DATA_OPTION, ...JSON_OPTION },
    run: runCheckData,
  },
};

/**
 * Runs one command line (`argv` without `node` and the script) and returns the exit code.
 * Never throws: usage errors go to stderr with the usage (2), failures as one line (1).
 */
export async function runCli(argv: readonly string[], deps: CliDeps): Promise<ExitCode> {
  const [name, ...rest] = argv;
  if (name === undefined) return usageError(deps, new CliUsageError('no command given'));
  if (name === 'help' || name === '--help' || name === '-h') {
    const topic = rest[0];
    deps.stdout.write(
      `${topic !== undefined && findCommand(topic) ? commandUsage(topic) : usage()}\n`,
    );
    return EXIT.ok;
  }
  const command = findCommand(name);
  if (command === undefined)
    return usageError(deps, new CliUsageError(`unknown command “${name}”`));
  try {
    const { values, positionals } = parseCommandLine(name, command, rest);
    if (values.help === true) {
      deps.stdout.write(`${commandUsage(name)}\n`);
      return EXIT.ok;
    }
    return await command.run(values, positionals, deps);
  } catch (error) {
    if (error instanceof CliUsageError) return usageError(deps, error);
    // A ConfigError lists every bad variable, one per line: all of them are the point.
    const message = error instanceof ConfigError ? error.message : describeError(error);
    deps.stderr.write(`${PROGRAM}: ${stripControlCharacters(message)}\n`);
    return EXIT.failure;
  }
}

/** Own entries only: `toString` is not a command. */
function findCommand(name: string): CliCommand | undefined {
  return Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
}

function parseCommandLine(name: string, command: CliCommand, args: string[]) {
  try {
    return parseArgs({
      args,
      options: { ...command.options, help: { type: 'boolean', short: 'h' } },
      allowPositionals: true,
      strict: true,
    });
  } catch (error) {
    // node:util reports unknown options and missing values as TypeError ERR_PARSE_ARGS_*.
    throw new CliUsageError(describeError(error), name);
  }
}

function usageError(deps: CliDeps, error: CliUsageError): ExitCode {
  const text = error.command === undefined ? usage() : commandUsage(error.command);
  deps.stderr.write(`${PROGRAM}: ${stripControlCharacters(error.message)}\n\n${text}\n`);
  return EXIT.usage;
}

/** The general usage, generated from {@link COMMANDS} so it cannot drift from them. */
export function usage(): string {
  const lines = Object.entries(COMMANDS).map(
    ([name, command]) => `  ${PROGRAM} ${name} ${command.synopsis}\n      ${command.summary}`,
  );
  return [
    `Usage: ${PROGRAM} <command> [options]`,
    '',
    'Commands:',
    ...lines,
    `  ${PROGRAM} help [command]`,
    '',
    'Options:',
    `  --data DIR   the data folder (default: $DATA_DIR, else the repository's data/)`,
    '  --json       machine-readable output',
    '',
    'Without Slack credentials, `npm start` runs the interactive console.',
  ].join('\n');
}

function commandUsage(name: string): string {
  const command = findCommand(name);
  return command === undefined
    ? usage()
    : `Usage: ${PROGRAM} ${name} ${command.synopsis}\n  ${command.summary}`;
}

// ---------------------------------------------------------------------------------------------
// Commands

async function runSearch(values: OptionValues, positionals: string[], deps: CliDeps) {
  const query = requireText(
    positionals,
    'search needs a query, e.g. search "graph neural networks"',
    'search',
  );
  const limit = parseLimit(values.limit);
  const bot = await deps.buildBot(dataDir(values, deps));
  const hits = (await bot.index.search(query, { limit })).slice(0, limit);
  deps.stdout.write(
    `${values.json === true ? JSON.stringify(hits.map(hitJson), null, 2) : listHits(query, hits)}\n`,
  );
  return EXIT.ok;
}

async function runAsk(values: OptionValues, positionals: string[], deps: CliDeps) {
  const text = requireText(
    positionals,
    'ask needs the text to send, e.g. ask "/poster gnn"',
    'ask',
  );
  const input = parseSlackInput(text);
  if (input.kind === 'unknown-command') {
    throw new CliUsageError(unknownCommandMessage(input.command), 'ask');
  }
  const bot = await deps.buildBot(dataDir(values, deps));
  const message = replyMessage(await askReplies(bot.replies, input, { userId: CONSOLE_USER_ID }));
  if (values.json === true) {
    deps.stdout.write(
      `${JSON.stringify({ text: message.text, blocks: message.blocks }, null, 2)}\n`,
    );
  } else {
    const color = terminalSupportsColor(deps.stdout, deps.env);
    deps.stdout.write(`${renderTerminal(message, { color, width: deps.stdout.columns }).text}\n`);
  }
  return EXIT.ok;
}

/** Positionals joined, so an unquoted `search graph neural networks` works too. */
function requireText(positionals: string[], missing: string, command: string): string {
  const text = positionals.join(' ').trim();
  if (text === '') throw new CliUsageError(missing, command);
  return text;
}

function parseLimit(value: OptionValues[string]): number {
  if (value === undefined) return DEFAULT_SEARCH_LIMIT;
  const limit = typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : Number.NaN;
  if (!(limit >= 1 && limit <= MAX_SEARCH_LIMIT)) {
    throw new CliUsageError(
      `--limit must be a whole number from 1 to ${MAX_SEARCH_LIMIT}, got “${String(value)}”`,
      'search',
    );
  }
  return limit;
}

/** `--data`, else `DATA_DIR` (as the bot reads it), else the data shipped with the repository. */
function dataDir(values: OptionValues, deps: CliDeps): string {
  if (typeof values.data === 'string' && values.data !== '') return values.data;
  const fromEnv = deps.env.DATA_DIR;
  return fromEnv !== undefined && fromEnv !== '' ? fromEnv : BUNDLED_DATA_DIR;
}

/** The `--json` shape of a hit: stable, small, what a script needs to pick a paper. */
function hitJson({ paper, score }: CliHit) {
  return { id: paper.id, title: paper.title, authors: paper.authors, score };
}

function listHits(query: string, hits: readonly CliHit[]): string {
  if (hits.length === 0) return `No papers match “${stripControlCharacters(query)}”.`;
  const pad = String(hits.length).length;
  return hits
    .map(({ paper, score }, i) => {
      const indent = ' '.repeat(pad + 2);
      const authors = paper.authors.join(', ');
      return [
        `${String(i + 1).padStart(pad)}. ${paper.title}`,
        `${indent}${authors === '' ? 'no authors listed' : authors}`,
        `${indent}id ${paper.id} · score ${score.toFixed(2)}`,
      ]
        .map(stripControlCharacters)
        .join('\n');
    })
    .join('\n');
}

// ---------------------------------------------------------------------------------------------
// similar

async function runSimilar(values: OptionValues, positionals: string[], deps: CliDeps) {
  const limit = parseSimilarLimit(values.limit);
  if (values.all === true) {
    if (positionals.length > 0) {
      throw new CliUsageError(`--all takes no paper, got “${positionals.join(' ')}”`, 'similar');
    }
    if (values.json !== true)
      throw new CliUsageError('--all prints JSON only: add --json', 'similar');
    const bot = await deps.buildBot(dataDir(values, deps));
    const all = bot.catalog.papers.map((paper) => similarJson(bot, paper, limit));
    deps.stdout.write(`${JSON.stringify(all, null, 2)}\n`);
    return EXIT.ok;
  }
  const text = requireText(
    positionals,
    'similar needs a paper id or title, e.g. similar "Graph Neural Networks for Molecules"',
    'similar',
  );
  const bot = await deps.buildBot(dataDir(values, deps));
  const paper = bot.similar.find(text) ?? (await bot.index.search(text, { limit: 1 }))[0]?.paper;
  if (paper === undefined) {
    deps.stderr.write(`${PROGRAM}: no paper matches “${stripControlCharacters(text)}”\n`);
    return EXIT.failure;
  }
  deps.stdout.write(
    `${values.json === true ? JSON.stringify([similarJson(bot, paper, limit)], null, 2) : listSimilar(bot, paper, limit)}\n`,
  );
  return EXIT.ok;
}

function parseSimilarLimit(value: OptionValues[string]): number {
  if (value === undefined) return DEFAULT_SIMILAR_LIMIT;
  const max = SIMILAR_DEFAULTS.stored;
  const limit = typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : Number.NaN;
  if (!(limit >= 1 && limit <= max)) {
    throw new CliUsageError(
      `--limit must be a whole number from 1 to ${max}, got “${String(value)}”`,
      'similar',
    );
  }
  return limit;
}

/** The `--json` shape of one paper's neighbours. */
function similarJson(bot: CliBot, paper: Paper, limit: number) {
  return {
    id: paper.id,
    title: paper.title,
    similar: (bot.similar.similarTo(paper.id, limit) ?? []).map((s) => ({
      id: s.paper.id,
      title: s.paper.title,
      score: Math.round(s.score * 1000) / 1000,
      why: describeWhy(s.why),
    })),
  };
}

function listSimilar(bot: CliBot, paper: Paper, limit: number): string {
  const similar = bot.similar.similarTo(paper.id, limit) ?? [];
  const byAuthors = bot.similar.moreByAuthors(paper.id, limit);
  const lines = [`Similar to “${paper.title}” (id ${paper.id}):`];
  if (similar.length === 0) lines.push('  nothing close enough');
  similar.forEach((s, i) => {
    lines.push(`${String(i + 1).padStart(3)}. ${s.paper.title}`);
    lines.push(`     ${describeWhy(s.why)} · score ${s.score.toFixed(2)} · id ${s.paper.id}`);
  });
  lines.push('', 'More by these authors:');
  if (byAuthors.length === 0) lines.push('  no other posters');
  for (const { paper: other, people } of byAuthors) {
    lines.push(`  - ${other.title}`);
    lines.push(`    ${people.map((p) => p.name).join(', ')} · id ${other.id}`);
  }
  return lines.map(stripControlCharacters).join('\n');
}

// ---------------------------------------------------------------------------------------------
// digest

/** The Slack credentials a dry run ignores, so it works (and validates the rest) without them. */
const SLACK_CREDENTIALS = ['SLACK_BOT_TOKEN', 'SLACK_APP_TOKEN', 'SLACK_SIGNING_SECRET'] as const;

async function runDigestCommand(values: OptionValues, positionals: string[], deps: CliDeps) {
  if (positionals.length > 0) {
    throw new CliUsageError(`digest takes no arguments, got “${positionals.join(' ')}”`, 'digest');
  }
  if (values.post === true && values['dry-run'] === true) {
    throw new CliUsageError('choose one of --dry-run and --post', 'digest');
  }
  const post = values.post === true;
  const config = loadConfig(
    post
      ? deps.env
      : { ...deps.env, ...Object.fromEntries(SLACK_CREDENTIALS.map((n) => [n, undefined])) },
  );
  const timeZone = config.timeZone;
  const date = digestDate(values.date, deps.now(), timeZone);
  const { catalog, problems } = await loadWithProgress(dataDir(values, deps), deps);
  reportProblemCount(problems, deps);
  if (post) return postDigest(config, date, catalog, deps);

  const channel = config.digest?.channel;
  const store =
    channel === undefined
      ? undefined
      : await deps.openStore(config.databasePath, { create: false });
  try {
    const featured =
      channel === undefined
        ? new Map()
        : ((await store?.featureCounts(channel, date)) ?? new Map());
    const plan = planDigest({
      date,
      catalog,
      timeZone,
      featured,
      now: postingTime(config, date, deps),
    });
    const run = channel === undefined ? undefined : await store?.getDigestRun(channel, date);
    if (run?.status === 'complete') {
      deps.stderr.write(
        `Already posted to ${channel} (ts ${run.rootTs}): --post would post nothing.\n`,
      );
    }
    deps.stdout.write(
      `${values.json === true ? JSON.stringify(planJson(plan), null, 2) : showPlan(plan, deps)}\n`,
    );
  } finally {
    await store?.close();
  }
  return EXIT.ok;
}

/**
 * When a dry run's digest would be posted: now for today; for another day, at DIGEST_TIME on
 * that day (as the scheduler would), so sessions over by then are marked as they would be.
 */
function postingTime(config: Config, date: LocalDate, deps: CliDeps): Date {
  const now = deps.now();
  if (localDate(now, config.timeZone) === date) return now;
  const time = config.digest?.time ?? CONFIG_DEFAULTS.digestTime;
  return zonedTimeToInstant(date, time, config.timeZone);
}

/** `--date`, else today in the digest time zone (as the scheduler would pick it). */
function digestDate(value: OptionValues[string], now: Date, timeZone: string): LocalDate {
  if (value === undefined) return localDate(now, timeZone);
  if (typeof value !== 'string' || !isLocalDate(value)) {
    throw new CliUsageError(`--date must be a date YYYY-MM-DD, got “${String(value)}”`, 'digest');
  }
  return value;
}

async function postDigest(
  config: Config,
  date: LocalDate,
  catalog: LoadResult['catalog'],
  deps: CliDeps,
): Promise<ExitCode> {
  if (config.slack.mode === 'console') {
    throw new Error(
      'digest --post needs the bot’s Slack credentials: SLACK_BOT_TOKEN with SLACK_APP_TOKEN or SLACK_SIGNING_SECRET',
    );
  }
  if (config.digest === undefined) {
    throw new Error('digest --post needs DIGEST_CHANNEL, the id (C…) of the channel to post in');
  }
  const { channel, timeZone } = config.digest;
  const poster = await deps.createPoster({
    botToken: config.slack.botToken,
    ...(config.slack.apiUrl !== undefined && { apiUrl: config.slack.apiUrl }),
  });
  const store = await deps.openStore(config.databasePath, { create: true });
  if (store === undefined) throw new Error(`cannot open the database ${config.databasePath}`);
  try {
    const outcome = await runDigest({
      date,
      catalog,
      store,
      poster,
      channel,
      timeZone,
      pace: deps.sleep,
      log: progressLog(deps.stderr),
      now: deps.now,
    });
    deps.stdout.write(`${describeOutcome(outcome, date, channel)}\n`);
    if (outcome.status === 'posted') {
      await countSent(store, 'digest', outcome.postedNow, timeZone, deps);
    }
  } finally {
    clearProgress(deps.stderr);
    await store.close();
  }
  return EXIT.ok;
}

/**
 * Counts the digest messages or reminder DMs sent, for the organisers' report, on the day
 * they went out (not `--at`'s), as the bot's own passes do. A failure only warns.
 */
async function countSent(
  store: Store,
  kind: SentKind,
  n: number,
  timeZone: string,
  deps: CliDeps,
): Promise<void> {
  try {
    await store.stats.recordSent(localDate(deps.now(), timeZone), kind, n);
  } catch (error) {
    deps.stderr.write(`${PROGRAM}: the ${kind}s sent were not counted: ${describeError(error)}\n`);
  }
}

function describeOutcome(outcome: DigestOutcome, date: LocalDate, channel: string): string {
  switch (outcome.status) {
    case 'nothing':
      return nothingMessage(date, outcome.reason);
    case 'already-posted':
      return `The digest for ${date} was already posted to ${channel} (ts ${outcome.rootTs}); nothing to do.`;
    case 'in-progress':
      return `The digest for ${date} is being posted to ${channel} by another process (${outcome.owner}); nothing to do.`;
    case 'posted': {
      const replies = `${outcome.chunks} thread ${outcome.chunks === 1 ? 'reply' : 'replies'}`;
      const resumed =
        outcome.postedNow < outcome.chunks + 1 ? `; resumed: ${outcome.postedNow} posted now` : '';
      return `Posted the digest for ${date} to ${channel}: 1 message and ${replies} (ts ${outcome.rootTs}${resumed}).`;
    }
  }
}

function nothingMessage(date: LocalDate, reason: NothingReason): string {
  return reason === 'empty-catalog'
    ? `Nothing to post on ${date}: the catalog has no papers.`
    : `Nothing to post on ${date}: no poster session that day.`;
}

/** The dry run on a terminal: the root message, then each thread reply under a rule. */
function showPlan(plan: DigestPlan, deps: CliDeps): string {
  if (plan.kind === 'nothing') return nothingMessage(plan.date, plan.reason);
  const options = {
    color: terminalSupportsColor(deps.stdout, deps.env),
    ...(deps.stdout.columns !== undefined && { width: deps.stdout.columns }),
  };
  const show = (message: SlackMessage) => renderTerminal(message, options).text;
  return [
    show(plan.root),
    ...plan.chunks.map(
      (chunk, i) =>
        `\n── in the thread, reply ${i + 1} of ${plan.chunks.length} ──\n${show(chunk)}`,
    ),
  ].join('\n');
}

/** The `--json` shape of a dry run: exactly the payloads `--post` would send. */
function planJson(plan: DigestPlan) {
  if (plan.kind === 'nothing') return plan;
  const payload = ({ text, blocks }: SlackMessage) => ({ text, blocks });
  return {
    date: plan.date,
    kind: plan.kind,
    root: payload(plan.root),
    thread: plan.chunks.map(payload),
  };
}

/** Thread progress on a terminal; silent otherwise (the outcome line says what happened). */
function progressLog(stderr: CliOutput): DigestLog {
  return {
    debug: (fields) => {
      if (typeof fields.chunk === 'number' && typeof fields.of === 'number') {
        progress(stderr, `posting the thread: ${fields.chunk}/${fields.of}`);
      }
    },
    info: (fields, message) => {
      if (message === 'resuming digest thread')
        stderr.write(`Resuming the thread of ${String(fields.rootTs)}…\n`);
    },
  };
}

// ---------------------------------------------------------------------------------------------
// stats

async function runStats(values: OptionValues, positionals: string[], deps: CliDeps) {
  if (positionals.length > 0) {
    throw new CliUsageError(`stats takes no arguments, got “${positionals.join(' ')}”`, 'stats');
  }
  if (values.json === true && values.csv === true) {
    throw new CliUsageError('choose one of --json and --csv', 'stats');
  }
  const since = values.since;
  if (since !== undefined && (typeof since !== 'string' || !isLocalDate(since))) {
    throw new CliUsageError(`--since must be a date YYYY-MM-DD, got “${String(since)}”`, 'stats');
  }
  // Reading the report needs no Slack credentials, only where the database is.
  const config = loadConfig({
    ...deps.env,
    ...Object.fromEntries(SLACK_CREDENTIALS.map((n) => [n, undefined])),
  });
  const bot = await deps.buildBot(dataDir(values, deps));
  const found = await deps.openStore(config.databasePath, { create: false });
  if (found === undefined) {
    deps.stderr.write(`No database at ${config.databasePath} yet: nothing has been counted.\n`);
  }
  // Without a database, the report of an empty one: the same shape, every list empty.
  const store = found ?? (await deps.openStore(':memory:', { create: true }));
  if (store === undefined) throw new Error('cannot open an empty in-memory database');
  try {
    const report = await buildStatsReport(
      {
        stats: store.stats,
        plans: store.plans,
        catalog: { papers: bot.catalog.papers, sessions: bot.catalog.sessions ?? [] },
        index: {
          suggest: (query, max) => bot.index.suggest?.(query, max) ?? [],
          search: (query, options) => bot.index.search(query, options),
        },
      },
      { today: localDate(deps.now(), config.timeZone), ...(since !== undefined && { since }) },
    );
    if (values.json === true) deps.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
    else if (values.csv === true) deps.stdout.write(reportCsv(report));
    else deps.stdout.write(`${stripControlCharacters(reportText(report))}\n`);
  } finally {
    await store.close();
  }
  return EXIT.ok;
}

// ---------------------------------------------------------------------------------------------
// reminders

async function runRemindersCommand(values: OptionValues, positionals: string[], deps: CliDeps) {
  if (positionals.length > 0) {
    throw new CliUsageError(
      `reminders takes no arguments, got “${positionals.join(' ')}”`,
      'reminders',
    );
  }
  if (values.post === true && values['dry-run'] === true) {
    throw new CliUsageError('choose one of --dry-run and --post', 'reminders');
  }
  const post = values.post === true;
  const now = parseInstant(values.at, deps.now());
  const config = loadConfig(
    post
      ? deps.env
      : { ...deps.env, ...Object.fromEntries(SLACK_CREDENTIALS.map((n) => [n, undefined])) },
  );
  const { catalog, problems } = await loadWithProgress(dataDir(values, deps), deps);
  reportProblemCount(problems, deps);
  const leadMs = config.reminders.leadMs;
  if (post) {
    if (config.slack.mode === 'console') {
      throw new Error(
        'reminders --post needs the bot’s Slack credentials: SLACK_BOT_TOKEN with SLACK_APP_TOKEN or SLACK_SIGNING_SECRET',
      );
    }
    if (deps.createMessenger === undefined) throw new Error('reminders --post: no Slack client');
    const messenger = await deps.createMessenger({
      botToken: config.slack.botToken,
      ...(config.slack.apiUrl !== undefined && { apiUrl: config.slack.apiUrl }),
    });
    const store = await deps.openStore(config.databasePath, { create: true });
    if (store === undefined) throw new Error(`cannot open the database ${config.databasePath}`);
    try {
      const outcome = await runReminderPass({
        catalog,
        store,
        messenger,
        now,
        leadMs,
        timeZone: config.timeZone,
        log: { info() {}, warn: (fields, message) => warnLine(deps, fields, message) },
      });
      const sent = outcome.kind === 'due' ? countResults(outcome).sent : 0;
      if (sent > 0) await countSent(store, 'reminder', sent, config.timeZone, deps);
      deps.stdout.write(
        `${values.json === true ? JSON.stringify(outcome, null, 2) : describePass(outcome, now, config.timeZone)}\n`,
      );
    } finally {
      await store.close();
    }
    return EXIT.ok;
  }
  const store = await deps.openStore(config.databasePath, { create: false });
  try {
    const due: DueReminders = store
      ? await findDueReminders(catalog, store.plans, now, leadMs)
      : await findDueReminders(catalog, EMPTY_PLANS, now, leadMs);
    const sent = new Set<string>();
    if (due.kind === 'due' && store) {
      for (const { key } of due.reminders) {
        if ((await store.claims.result(key)) !== undefined) sent.add(key);
      }
    }
    deps.stdout.write(
      `${values.json === true ? JSON.stringify(dueJson(due, sent, now, config.timeZone), null, 2) : showDue(due, sent, now, config.timeZone, deps)}\n`,
    );
  } finally {
    await store?.close();
  }
  return EXIT.ok;
}

/** `--at`: an ISO 8601 instant with its offset (`Z` or `+02:00`), else now. */
function parseInstant(value: OptionValues[string], now: Date): Date {
  if (value === undefined) return now;
  const text = typeof value === 'string' ? value : '';
  const ms = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(text)
    ? Date.parse(text)
    : Number.NaN;
  if (Number.isNaN(ms)) {
    throw new CliUsageError(
      `--at must be an ISO 8601 instant with its offset, such as 2020-04-28T09:50:00Z, got “${String(value)}”`,
      'reminders',
    );
  }
  return new Date(ms);
}

function warnLine(deps: CliDeps, fields: Record<string, unknown>, message: string): void {
  const who = typeof fields.userId === 'string' ? ` (${fields.userId})` : '';
  deps.stderr.write(
    `${stripControlCharacters(`${message}${who}: ${describeError(fields.err)}`)}\n`,
  );
}

/** Why a pass has nothing to send, in words. */
function nothingDue(due: Exclude<DueReminders, { kind: 'due' }>, timeZone: string): string {
  if (due.kind === 'undated') {
    return 'No reminders: no session of the catalog has a start time (an undated catalog).';
  }
  return due.next === undefined
    ? 'No reminders due: no session starts later.'
    : `No reminders due now. Next: ${due.next.session.name}, reminders from ${formatInstant(due.next.remindAt, timeZone)}.`;
}

function showDue(
  due: DueReminders,
  sent: ReadonlySet<string>,
  now: Date,
  timeZone: string,
  deps: CliDeps,
): string {
  if (due.kind !== 'due') return stripControlCharacters(nothingDue(due, timeZone));
  const sessions = due.sessions.map((s) => s.session.name).join(', ');
  if (due.reminders.length === 0) {
    return stripControlCharacters(
      `No reminders due: nobody who wants reminders saved a poster in ${sessions}.`,
    );
  }
  const head = `${plural(due.reminders.length, 'reminder')} due for ${sessions}${due.switchedOff > 0 ? ` (${plural(due.switchedOff, 'person')} switched reminders off)` : ''}.`;
  const color = terminalSupportsColor(deps.stdout, deps.env);
  const parts = due.reminders.map((reminder) => {
    const { teamId, userId } = reminder.owner;
    const state = sent.has(reminder.key) ? ' (already sent: --post sends nothing)' : '';
    const message = renderReminder(reminder, now, timeZone);
    const shown = renderTerminal(message, {
      color,
      ...(deps.stdout.columns !== undefined && { width: deps.stdout.columns }),
    }).text;
    return `── to ${userId} (team ${teamId})${state} ──\n${shown}`;
  });
  return stripControlCharacters([head, ...parts].join('\n\n'));
}

/** The `--json` shape of a dry run: the DMs `--post` would send. */
function dueJson(due: DueReminders, sent: ReadonlySet<string>, now: Date, timeZone: string) {
  if (due.kind !== 'due') return { kind: due.kind, reason: nothingDue(due, timeZone) };
  return {
    kind: 'due',
    at: now.toISOString(),
    reminders: due.reminders.map((reminder) => {
      const { text, blocks } = renderReminder(reminder, now, timeZone);
      return {
        teamId: reminder.owner.teamId,
        userId: reminder.owner.userId,
        sessionId: reminder.session.id,
        key: reminder.key,
        alreadySent: sent.has(reminder.key),
        text,
        blocks,
      };
    }),
  };
}

function describePass(outcome: ReminderPassOutcome, now: Date, timeZone: string): string {
  if (outcome.kind !== 'due') return nothingDue(outcome, timeZone);
  const counts = countResults(outcome);
  return (
    `Reminder pass at ${now.toISOString()}: ${plural(counts.sent, 'DM')} sent, ` +
    `${counts['already-sent'] + counts.found} already sent, ${counts['in-progress']} being sent elsewhere, ` +
    `${counts.failed} failed (the next pass retries them).`
  );
}

// ---------------------------------------------------------------------------------------------
// check-data

// plan ----------------------------------------------------------------------------------------

/** A Slack user or team id as Slack writes them (`U0123ABCD`, `T0123ABCD`), or the console's. */
const SLACK_ID = /^[A-Z][A-Z0-9]{2,39}$/;

async function runPlan(values: OptionValues, positionals: string[], deps: CliDeps) {
  const [userId, ...rest] = positionals;
  if (userId === undefined || rest.length > 0 || !SLACK_ID.test(userId)) {
    throw new CliUsageError('plan needs one user id, e.g. plan U0123ABCD', 'plan');
  }
  const teamId = typeof values.team === 'string' ? values.team : CONSOLE_TEAM_ID;
  if (!SLACK_ID.test(teamId)) {
    throw new CliUsageError(`--team must be a team id such as T0123ABCD, got “${teamId}”`, 'plan');
  }
  if (values.ics === true && values.json === true) {
    throw new CliUsageError('choose one of --ics and --json', 'plan');
  }
  const config = loadConfig({
    ...deps.env,
    ...Object.fromEntries(SLACK_CREDENTIALS.map((n) => [n, undefined])),
  });
  const { catalog, problems } = await loadWithProgress(dataDir(values, deps), deps);
  reportProblemCount(problems, deps);
  const store = await deps.openStore(config.databasePath, { create: false });
  try {
    const papers = new Map(catalog.papers.map((p) => [p.id, p]));
    const source = {
      owner: { teamId, userId },
      index: { get: (id: string) => papers.get(id) },
      catalog,
      sessions: new Map(catalog.sessions.map((s) => [s.id, s])),
      now: deps.now(),
      timeZone: config.timeZone,
      dated: catalog.sessions.some((s) => s.start !== undefined),
    };
    // No database yet: nobody has saved anything.
    const plans = store?.plans ?? EMPTY_PLANS;
    if (values.ics === true) {
      const lookup = { papers, sessions: source.sessions };
      return printPlanCalendar(source.owner, plans, lookup, deps);
    }
    const input = await homeInput({ ...source, plans });
    if (values.json === true) {
      deps.stdout.write(`${JSON.stringify(userPlanJson(teamId, userId, input), null, 2)}\n`);
      return EXIT.ok;
    }
    const home = renderHome(input);
    const color = terminalSupportsColor(deps.stdout, deps.env);
    const message = { text: home.text, blocks: home.blocks };
    deps.stdout.write(`${renderTerminal(message, { color, width: deps.stdout.columns }).text}\n`);
    return EXIT.ok;
  } finally {
    await store?.close();
  }
}

/** `plan --ics`: the person's plan as `my-plan.ics`, as *Export to calendar* uploads it. */
async function printPlanCalendar(
  owner: PlanOwner,
  plans: Pick<PlanStore, 'saved'>,
  lookup: PlanCalendarInput['lookup'],
  deps: CliDeps,
): Promise<ExitCode> {
  const saved = await plans.saved(owner);
  const calendar = buildPlanCalendar({
    owner,
    paperIds: saved.map((s) => s.paperId),
    lookup,
    now: deps.now(),
  });
  if (calendar.kind !== 'calendar') {
    const who = stripControlCharacters(owner.userId);
    deps.stderr.write(
      calendar.kind === 'empty'
        ? `${PROGRAM}: ${who} (team ${stripControlCharacters(owner.teamId)}) has saved nothing\n`
        : `${PROGRAM}: no saved poster of ${who} has a session time (an undated catalog)\n`,
    );
    return EXIT.failure;
  }
  deps.stdout.write(calendar.ics);
  return EXIT.ok;
}

/** The plans of a database that does not exist yet: nobody saved anything, reminders on. */
const EMPTY_PLANS: Pick<PlanStore, 'saved' | 'plannersOf' | 'remindersOn'> = {
  saved: async () => [],
  plannersOf: async () => [],
  remindersOn: async () => true,
};

/** `plan --json`: the saved posters in the order of the plan, once under each of its sessions. */
function userPlanJson(teamId: string, userId: string, input: HomeInput) {
  return {
    teamId,
    userId,
    remindersOn: input.remindersOn,
    missing: input.missing ?? 0,
    posters: input.posters.map(({ paper, session }) => ({
      id: paper.id,
      title: paper.title,
      session: session?.name ?? null,
      start: session?.start ?? null,
      end: session?.end ?? null,
      location: session?.location ?? null,
    })),
  };
}

async function runCheckData(values: OptionValues, positionals: string[], deps: CliDeps) {
  if (positionals.length > 1) {
    throw new CliUsageError(`check-data takes one folder, got ${positionals.length}`, 'check-data');
  }
  const dir = positionals[0] ?? dataDir(values, deps);
  let result: LoadResult;
  try {
    result = await loadWithProgress(dir, deps);
  } catch (error) {
    if (!(error instanceof CatalogError)) throw error;
    deps.stderr.write(listProblems(error.problems));
    throw error;
  }
  const summary = summarizeCatalog(result.catalog, result.problems);
  if (values.json === true) {
    deps.stdout.write(
      `${JSON.stringify({ dir, ...summary, problems: result.problems }, null, 2)}\n`,
    );
  } else {
    const days = summary.days.length === 0 ? 'none' : `${summary.days.join(', ')} (UTC)`;
    deps.stdout.write(
      [
        `Data folder: ${stripControlCharacters(dir)}`,
        `Papers:      ${summary.papers}`,
        `Sessions:    ${summary.sessions}${summary.undatedSessions > 0 ? ` (${summary.undatedSessions} undated)` : ''}`,
        `Days:        ${days}`,
        `Problems:    ${plural(summary.errors, 'error')}, ${plural(summary.warnings, 'warning')}`,
        '',
      ].join('\n'),
    );
    deps.stdout.write(listProblems(result.problems));
  }
  return summary.errors > 0 ? EXIT.failure : EXIT.ok;
}

function listProblems(problems: readonly DataProblem[]): string {
  return problems
    .map((problem) => `  ${stripControlCharacters(formatProblem(problem))}\n`)
    .join('');
}

function reportProblemCount(problems: readonly DataProblem[], deps: CliDeps): void {
  if (problems.length === 0) return;
  deps.stderr.write(
    `${plural(problems.length, 'data problem')} (see \`${PROGRAM} check-data\`); the rest loaded.\n`,
  );
}

function plural(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

// ---------------------------------------------------------------------------------------------
// Progress on a terminal

/** Loads a data folder, with a progress line on stderr when it is a terminal. */
async function loadWithProgress(dir: string, deps: CliDeps): Promise<LoadResult> {
  const onProgress = ({ done, total, papers }: LoadProgress) =>
    progress(deps.stderr, `loading data: ${done}/${total} files, ${plural(papers, 'paper')}`);
  try {
    return await deps.loadCatalog(dir, deps.stderr.isTTY === true ? { onProgress } : {});
  } finally {
    clearProgress(deps.stderr);
  }
}

/** Rewrites the current terminal line (`\r` + clear to end of line); nothing on a pipe. */
function progress(stream: CliOutput, text: string): void {
  if (stream.isTTY === true) stream.write(`\r\x1b[K${text}`);
}

function clearProgress(stream: CliOutput): void {
  if (stream.isTTY === true) stream.write('\r\x1b[K');
}
