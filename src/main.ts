/**
 * The composition root: the only module that reads the environment, opens files and
 * sockets, and starts things. Chooses Socket Mode, HTTP mode or the local console from the
 * environment (see README, "Configuration").
 */
import 'dotenv/config';
import { writeFile } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { type App, webApi } from '@slack/bolt';
import pino from 'pino';
import { createStatsRecorder, type StatsRecorder } from './bot/stats-recorder.ts';
import type { BotFile } from './bot/types.ts';
import { CatalogError } from './catalog/loader.ts';
import { summarizeProblems } from './catalog/problems.ts';
import { formatProblem } from './catalog/types.ts';
import { type Bot, buildBot, openStoreAt } from './compose.ts';
import { type Config, ConfigError, describeConfig, loadConfig } from './config.ts';
import { CONSOLE_BANNER, runConsole } from './console/console.ts';
import { terminalSupportsColor } from './console/render-terminal.ts';
import { CONSOLE_USER_ID } from './console/slack-input.ts';
import { checkDigestChannel } from './digest/channel-check.ts';
import { createWebClientPoster, runDigest } from './digest/run.ts';
import { createDailyScheduler, type DailyScheduler, nodeSetTimer } from './digest/scheduler.ts';
import { createLogger, type Logger } from './log.ts';
// reminders: a DM before each session holding saved posters (src/reminders/).
import { countResults, createWebClientMessenger, runReminderPass } from './reminders/run.ts';
import { createReminderScheduler, type ReminderScheduler } from './reminders/scheduler.ts';
import { createSlackApp } from './slack/app.ts';
import { webApiClientOptions } from './slack/web-api-policy.ts';
import {
  checkBotToken,
  describeStartupFailure,
  keepCheckingToken,
  SHUTDOWN_HARD_LIMIT_MS,
  type StartupContext,
  type TokenCheck,
  UNVERIFIED_BOT,
} from './startup.ts';
import type { Store } from './store/store.ts';

/** `main`'s answer: an exit code, or keep running (Slack modes). */
const KEEP_RUNNING = -1;
/** Known start-up failures print one line (src/startup.ts); set once the config is read. */
let startupContext: StartupContext | undefined;
/** Milliseconds between token checks after a start without Slack's answer. */
const TOKEN_RECHECK_MS = 30_000;

async function main(): Promise<number> {
  const config = readConfig();
  if (config === undefined) return 1;
  startupContext = {
    dataDir: config.dataDir,
    databasePath: config.databasePath,
    ...(config.slack.mode === 'http' && { port: config.slack.port }),
    ...(config.slack.mode !== 'console' &&
      config.slack.apiUrl !== undefined && { apiUrl: config.slack.apiUrl }),
  };
  const log = createRootLogger(config);
  // One store for every mode, opened before anything that may need it.
  const store = openStoreAt(config.databasePath, { create: true })!;
  let bot: Bot;
  try {
    bot = loadBot(config, log, store);
  } catch (error) {
    await store.close();
    throw error;
  }
  if (config.slack.mode === 'console') {
    await runConsoleMode(bot);
    await store.close();
    return 0;
  }
  await runSlackMode({ ...config, slack: config.slack }, bot, store, log);
  return KEEP_RUNNING;
}

/** The validated configuration; `undefined` after printing every problem. */
function readConfig(): Config | undefined {
  try {
    return loadConfig(process.env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`${error.message}\n`);
    return undefined;
  }
}

/** In the console, logs go to stderr and only warnings show, so answers stay readable. */
function createRootLogger(config: Config): Logger {
  const consoleMode = config.slack.mode === 'console';
  return createLogger({
    level: consoleMode && config.log.level === 'info' ? 'warn' : config.log.level,
    pretty: config.log.pretty,
    ...(consoleMode && { destination: pino.destination(2) }),
  });
}

/** The catalog, indexes and replies; throws (logged) when the data cannot be read. */
function loadBot(config: Config, log: Logger, store: Store): Bot {
  let bot: Bot;
  try {
    bot = buildBot(config.dataDir, {
      resultsPerPage: config.resultsPerPage,
      ...(config.cacheDir !== undefined && { cacheDir: config.cacheDir }),
      onCacheNotice: (message) => log.warn({ cacheDir: config.cacheDir }, message),
      // Thousands of papers take a while: show progress on a terminal, say nothing in a pipe.
      ...(process.stderr.isTTY && {
        onProgress: ({ done, total, papers }) =>
          process.stderr.write(`\rloading data: ${done}/${total} files, ${papers} papers\x1b[K`),
      }),
      timeZone: config.timeZone,
      store,
      // Usage is counted where attendees ask (Slack), not in the operator's console.
      ...(config.slack.mode !== 'console' && { stats: statsRecorder(config, store, log) }),
      // In the console, its one user is the operator: they see the report (`/poster stats`).
      organisers: new Set(
        config.slack.mode === 'console'
          ? [...config.organisers, CONSOLE_USER_ID]
          : config.organisers,
      ),
      reminderLeadMs: config.reminders.leadMs,
    });
  } catch (error) {
    // Logged, and said once on stderr by the start-up failure handler at the end.
    if (error instanceof CatalogError) log.fatal({ dataDir: config.dataDir }, error.message);
    throw error;
  }
  if (process.stderr.isTTY) process.stderr.write('\r\x1b[K');
  reportDataProblems(bot, config, log);
  log.info(
    {
      papers: bot.catalog.papers.length,
      sessions: bot.catalog.sessions.length,
      config: describeConfig(config),
    },
    'catalog loaded',
  );
  return bot;
}

/** The organisers' report's counter: a failed write is a warning, never a failed answer. */
function statsRecorder(config: Config, store: Store, log: Logger): StatsRecorder {
  const statsLog = log.child({ module: 'stats' });
  return createStatsRecorder({
    stats: store.stats,
    now: () => new Date(),
    timeZone: config.timeZone,
    onError: (err, what) => statsLog.warn({ err, what }, 'usage not counted'),
  });
}

function reportDataProblems(bot: Bot, config: Config, log: Logger): void {
  if (config.slack.mode === 'console' && bot.problems.length > 0) {
    // A person at a terminal wants one line, not a log; check-data lists them all.
    const n = bot.problems.length;
    process.stderr.write(
      `${n} data problem${n === 1 ? '' : 's'} (see \`npx poster-bot check-data ${config.dataDir}\`); the rest loaded.\n`,
    );
    return;
  }
  // The first few per file, then one count: 100,000 bad lines are not 100,000 log lines.
  const { shown, more } = summarizeProblems(bot.problems);
  for (const problem of shown) {
    const entry = { file: problem.file, line: problem.line };
    if (problem.severity === 'error') log.error(entry, formatProblem(problem));
    else log.warn(entry, formatProblem(problem));
  }
  for (const { file, count } of more) {
    log.warn(
      { file, more: count },
      `${count} more data problems in ${file} (npx poster-bot check-data lists them all)`,
    );
  }
}

/** The local console on stdin/stdout, until the input ends or the user quits. */
async function runConsoleMode(bot: Bot): Promise<void> {
  const interactive = Boolean(process.stdin.isTTY);
  process.stderr.write(`${interactive ? CONSOLE_BANNER : CONSOLE_BANNER.split('\n')[0]}\n`);
  await runConsole({
    input: process.stdin,
    output: process.stdout,
    replies: bot.replies,
    color: terminalSupportsColor(process.stdout, process.env),
    prompt: interactive,
    saveFile: saveInWorkingDirectory,
    ...(process.stdout.columns !== undefined && { width: process.stdout.columns }),
  });
}

/** The console's files (the calendar): into the working directory, by their own name only. */
async function saveInWorkingDirectory(file: BotFile): Promise<string> {
  const path = resolve(basename(file.filename));
  await writeFile(path, file.content, 'utf8');
  return path;
}

type SlackConfig = Config & { slack: Exclude<Config['slack'], { mode: 'console' }> };

/** Connects to Slack and, with DIGEST_CHANNEL, schedules the daily digest. */
async function runSlackMode(config: SlackConfig, bot: Bot, store: Store, log: Logger) {
  // A rejected token stops the start in one line; a Slack that does not answer does not (Bolt
  // would otherwise wait for its own auth.test before acking anything, even /poster).
  const checkToken = () => checkSlackToken(config.slack);
  let token: TokenCheck;
  try {
    token = await checkToken();
  } catch (error) {
    await store.close();
    throw error;
  }
  const app = createSlackApp({
    slack: config.slack,
    replies: bot.replies,
    logger: log,
    ...(token.kind === 'ok' ? { botId: token.botId, botUserId: token.botUserId } : UNVERIFIED_BOT),
    listeners: { durableKeys: store.claims, links: bot.replies },
  });
  const scheduler = createDigestScheduler(config, app, bot, store, log);
  const reminders = createReminders(config, app, bot, store, log);
  const shutdown = stopOnSignals(app, scheduler, store, log, reminders);
  if (token.kind === 'unreachable') {
    log.warn(
      { reason: token.reason },
      'cannot reach Slack to check the bot token; starting anyway',
    );
    shutdown.onStop(
      keepCheckingToken({
        check: checkToken,
        intervalMs: TOKEN_RECHECK_MS,
        onOk: () => log.info('Slack answered; bot token verified'),
        onStillUnreachable: (reason) => log.warn({ reason }, 'Slack still does not answer'),
        onRejected: (error) => {
          log.fatal(error.message);
          void shutdown.now('token rejected', 1);
        },
      }),
    );
  }
  if (config.slack.mode === 'http') {
    try {
      await app.start(config.slack.port);
    } catch (error) {
      await shutdown.release();
      throw error;
    }
    log.info({ port: config.slack.port, path: '/slack/events' }, 'listening for Slack (HTTP mode)');
  } else {
    try {
      await app.start();
    } catch (error) {
      await shutdown.release();
      throw error;
    }
    log.info('connected to Slack (Socket Mode)');
  }
  reminders.start();
  log.info({ leadMinutes: config.reminders.leadMs / 60_000 }, 'reminder passes started');
  if (scheduler && config.digest) {
    scheduler.start();
    const { channel, time, timeZone } = config.digest;
    log.info({ channel, time, timeZone }, 'daily digest scheduled');
    await reportDigestChannel(app, channel, log);
  }
}

/** `auth.test` with the bot token, bounded in time, on a client that does not retry. */
function checkSlackToken(slack: SlackConfig['slack']): Promise<TokenCheck> {
  const client = new webApi.WebClient(slack.botToken, {
    ...webApiClientOptions(),
    ...(slack.apiUrl !== undefined && { slackApiUrl: slack.apiUrl }),
    retryConfig: { retries: 0 },
    logLevel: webApi.LogLevel.ERROR,
  });
  return checkBotToken(client, slack.apiUrl === undefined ? {} : { apiUrl: slack.apiUrl });
}

/** One log line: can the digest post in DIGEST_CHANNEL, and if not, what to do. */
async function reportDigestChannel(app: App, channel: string, log: Logger): Promise<void> {
  const check = await checkDigestChannel(app.client, channel);
  if (check.ok) log.info({ channel, name: check.name }, 'digest channel checked');
  else
    log[check.level](
      { channel, hint: check.hint },
      `DIGEST_CHANNEL: ${check.problem}; ${check.hint}`,
    );
}

/** The daily digest's scheduler, posting through the app's Web API client; none without a channel. */
function createDigestScheduler(
  config: Config,
  app: App,
  bot: Bot,
  store: Store,
  log: Logger,
): DailyScheduler | undefined {
  const digest = config.digest;
  if (digest === undefined) return undefined;
  const digestLog = log.child({ module: 'digest' });
  return createDailyScheduler({
    time: digest.time,
    timeZone: digest.timeZone,
    now: () => new Date(),
    setTimer: nodeSetTimer,
    log: digestLog,
    run: async (date) => {
      const outcome = await runDigest({
        date,
        catalog: bot.catalog,
        store,
        channel: digest.channel,
        timeZone: digest.timeZone,
        poster: createWebClientPoster(app.client),
        pace: (ms) => sleep(ms),
        log: digestLog,
        now: () => new Date(),
      });
      if (outcome.status === 'posted') bot.stats?.sent('digest', outcome.postedNow);
      // Another process holds the day's claim: not done here. Thrown, so the scheduler looks
      // again at its next check and resumes the digest if that process died.
      if (outcome.status === 'in-progress') {
        throw new Error(`digest for ${date} is being posted by ${outcome.owner}`);
      }
    },
  });
}

/** Reminder passes every minute, sending through the app's Web API client. */
function createReminders(
  config: Config,
  app: App,
  bot: Bot,
  store: Store,
  log: Logger,
): ReminderScheduler {
  const reminderLog = log.child({ module: 'reminders' });
  let saidUndated = false;
  return createReminderScheduler({
    setTimer: nodeSetTimer,
    log: reminderLog,
    run: async () => {
      const outcome = await runReminderPass({
        catalog: bot.catalog,
        store,
        messenger: createWebClientMessenger(app.client),
        now: new Date(),
        leadMs: config.reminders.leadMs,
        timeZone: config.timeZone,
        log: reminderLog,
      });
      if (outcome.kind === 'due') {
        const { sent } = countResults(outcome);
        if (sent > 0) bot.stats?.sent('reminder', sent);
      }
      if (outcome.kind === 'undated' && !saidUndated) {
        saidUndated = true;
        reminderLog.info('no reminders: no session of the catalog has a start time');
      }
    },
  });
}

/** How main stops the Slack modes: now (a signal, a rejected token), or releasing a failed start. */
interface Shutdown {
  now(reason: string, code?: number): Promise<void>;
  /** Closes what was opened for a start that failed (the caller then throws). */
  release(): Promise<void>;
  /** Something to stop too (a timer). */
  onStop(stop: () => void): void;
}

/**
 * SIGTERM / SIGINT: stop the digest (a thread in progress stops at its next message; the
 * ledger resumes it later), stop taking requests, let answers in flight arrive, close the
 * store, exit. Whatever hangs (a Slack call, a pipe nobody reads), the process ends within
 * SHUTDOWN_HARD_LIMIT_MS.
 */
function stopOnSignals(
  app: App,
  scheduler: DailyScheduler | undefined,
  store: Store,
  log: Logger,
  reminders?: ReminderScheduler,
): Shutdown {
  let stopping = false;
  const stops: (() => void)[] = [];
  const release = async () => {
    for (const stop of stops) stop();
    await store.close();
  };
  const now = async (reason: string, code = 0) => {
    if (stopping) return;
    stopping = true;
    setTimeout(() => process.exit(code === 0 ? 1 : code), SHUTDOWN_HARD_LIMIT_MS).unref();
    log.info({ signal: reason }, 'shutting down');
    // Together, so the digest's wait and the replies' drain share the hard limit's budget.
    await Promise.all([
      Promise.race([Promise.all([scheduler?.stop(), reminders?.stop()]), sleep(5_000)]),
      app.stop(),
    ]);
    await release();
    log.info('stopped');
    process.exit(code);
  };
  process.once('SIGTERM', () => void now('SIGTERM'));
  process.once('SIGINT', () => void now('SIGINT'));
  return { now, release, onStop: (stop) => stops.push(stop) };
}

// A failure while handling one request is logged by Bolt's error handler; this backstop keeps
// anything that still escapes (a rejection nobody awaited) from ending the process.
process.on('unhandledRejection', (reason) => {
  process.stderr.write(`poster-bot: unhandled rejection (kept running): ${describe(reason)}\n`);
});

function describe(error: unknown): string {
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}

main().then(
  (code) => {
    if (code !== KEEP_RUNNING) process.exitCode = code;
  },
  (error: unknown) => {
    // Known failures: one line, no stack (src/startup.ts). Anything else is a bug: the stack.
    const line = startupContext && describeStartupFailure(error, startupContext);
    process.stderr.write(`poster-bot: ${line ?? describe(error)}\n`);
    // Sockets or timers may still be open; a failed start must end.
    process.exit(1);
  },
);
