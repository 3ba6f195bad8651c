/**
 * The composition root: the only module that reads the environment, opens files and
 * sockets, and starts things. Chooses Socket Mode, HTTP mode or the local console from the
 * environment (see README, "Configuration").
 */
import 'dotenv/config';
import { setTimeout as sleep } from 'node:timers/promises';
import type { App } from '@slack/bolt';
import pino from 'pino';
import { CatalogError } from './catalog/loader.ts';
import { formatProblem } from './catalog/types.ts';
import { type Bot, buildBot, openStoreAt } from './compose.ts';
import { type Config, ConfigError, describeConfig, loadConfig } from './config.ts';
import { CONSOLE_BANNER, runConsole } from './console/console.ts';
import { terminalSupportsColor } from './console/render-terminal.ts';
import { createWebClientPoster, runDigest } from './digest/run.ts';
import { createDailyScheduler, type DailyScheduler, nodeSetTimer } from './digest/scheduler.ts';
import { createLogger, type Logger } from './log.ts';
import { createSlackApp } from './slack/app.ts';
import type { Store } from './store/store.ts';

/** `main`'s answer: an exit code, or keep running (Slack modes). */
const KEEP_RUNNING = -1;

async function main(): Promise<number> {
  const config = readConfig();
  if (config === undefined) return 1;
  const log = createRootLogger(config);
  // One store for every mode, opened before anything that may need it.
  const store = openStoreAt(config.databasePath, { create: true })!;
  const bot = loadBot(config, log, store);
  if (bot === undefined) {
    await store.close();
    return 1;
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

/** The catalog, indexes and replies; `undefined` (logged) when the data cannot be read. */
function loadBot(config: Config, log: Logger, store: Store): Bot | undefined {
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
    });
  } catch (error) {
    if (!(error instanceof CatalogError)) throw error;
    log.fatal({ dataDir: config.dataDir }, error.message);
    return undefined;
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

function reportDataProblems(bot: Bot, config: Config, log: Logger): void {
  if (config.slack.mode === 'console' && bot.problems.length > 0) {
    // A person at a terminal wants one line, not a log; check-data lists them all.
    const n = bot.problems.length;
    process.stderr.write(
      `${n} data problem${n === 1 ? '' : 's'} (see \`npx poster-bot check-data ${config.dataDir}\`); the rest loaded.\n`,
    );
    return;
  }
  for (const problem of bot.problems) {
    const entry = { file: problem.file, line: problem.line };
    if (problem.severity === 'error') log.error(entry, formatProblem(problem));
    else log.warn(entry, formatProblem(problem));
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
    ...(process.stdout.columns !== undefined && { width: process.stdout.columns }),
  });
}

type SlackConfig = Config & { slack: Exclude<Config['slack'], { mode: 'console' }> };

/** Connects to Slack and, with DIGEST_CHANNEL, schedules the daily digest. */
async function runSlackMode(config: SlackConfig, bot: Bot, store: Store, log: Logger) {
  const app = createSlackApp({ slack: config.slack, replies: bot.replies, logger: log });
  const scheduler = createDigestScheduler(config, app, bot, store, log);
  stopOnSignals(app, scheduler, store, log);
  if (config.slack.mode === 'http') {
    await app.start(config.slack.port);
    log.info({ port: config.slack.port, path: '/slack/events' }, 'listening for Slack (HTTP mode)');
  } else {
    await app.start();
    log.info('connected to Slack (Socket Mode)');
  }
  if (scheduler && config.digest) {
    scheduler.start();
    const { channel, time, timeZone } = config.digest;
    log.info({ channel, time, timeZone }, 'daily digest scheduled');
  }
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
      await runDigest({
        date,
        catalog: bot.catalog,
        store,
        channel: digest.channel,
        timeZone: digest.timeZone,
        poster: createWebClientPoster(app.client),
        pace: (ms) => sleep(ms),
        log: digestLog,
      });
    },
  });
}

/**
 * SIGTERM / SIGINT: stop the digest (a thread in progress stops at its next message; the
 * ledger resumes it later), stop taking requests, let answers in flight arrive, close the
 * store, exit.
 */
function stopOnSignals(
  app: App,
  scheduler: DailyScheduler | undefined,
  store: Store,
  log: Logger,
): void {
  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'shutting down');
    await Promise.race([scheduler?.stop(), sleep(5_000)]);
    await app.stop();
    await store.close();
    log.info('stopped');
    process.exit(0);
  };
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  process.once('SIGINT', () => void shutdown('SIGINT'));
}

main().then(
  (code) => {
    if (code !== KEEP_RUNNING) process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(
      `poster-bot: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exitCode = 1;
  },
);
