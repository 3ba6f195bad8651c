/**
 * The composition root: the only module that reads the environment, opens files and
 * sockets, and starts things. Chooses Socket Mode, HTTP mode or the local console from the
 * environment (see README, "Configuration").
 */
import 'dotenv/config';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import pino from 'pino';
import { CatalogError } from './catalog/loader.ts';
import { formatProblem } from './catalog/types.ts';
import { buildBot } from './compose.ts';
import { ConfigError, describeConfig, loadConfig } from './config.ts';
import { CONSOLE_BANNER, runConsole } from './console/console.ts';
import { terminalSupportsColor } from './console/render-terminal.ts';
import { createWebClientPoster, runDigest } from './digest/run.ts';
import { createDailyScheduler, nodeSetTimer } from './digest/scheduler.ts';
import { createLogger } from './log.ts';
import { createSlackApp } from './slack/app.ts';
import { openStore } from './store/store.ts';

async function main(): Promise<number> {
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      return 1;
    }
    throw error;
  }

  const consoleMode = config.slack.mode === 'console';
  // In the console, logs go to stderr and only warnings show, so answers stay readable.
  const log = createLogger({
    level: consoleMode && config.log.level === 'info' ? 'warn' : config.log.level,
    pretty: config.log.pretty,
    ...(consoleMode && { destination: pino.destination(2) }),
  });

  let bot: ReturnType<typeof buildBot>;
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
    });
  } catch (error) {
    if (error instanceof CatalogError) {
      log.fatal({ dataDir: config.dataDir }, error.message);
      return 1;
    }
    throw error;
  }
  if (process.stderr.isTTY) process.stderr.write('\r\x1b[K');
  if (consoleMode && bot.problems.length > 0) {
    // A person at a terminal wants one line, not a log; check-data lists them all.
    const n = bot.problems.length;
    process.stderr.write(
      `${n} data problem${n === 1 ? '' : 's'} (see \`npx poster-bot check-data ${config.dataDir}\`); the rest loaded.\n`,
    );
  } else {
    for (const problem of bot.problems) {
      const entry = { file: problem.file, line: problem.line };
      if (problem.severity === 'error') log.error(entry, formatProblem(problem));
      else log.warn(entry, formatProblem(problem));
    }
  }
  log.info(
    {
      papers: bot.catalog.papers.length,
      sessions: bot.catalog.sessions.length,
      config: describeConfig(config),
    },
    'catalog loaded',
  );

  if (config.slack.mode === 'console') {
    const interactive = Boolean(process.stdin.isTTY);
    if (interactive) process.stderr.write(`${CONSOLE_BANNER}\n`);
    else process.stderr.write(`${CONSOLE_BANNER.split('\n')[0]}\n`);
    await runConsole({
      input: process.stdin,
      output: process.stdout,
      replies: bot.replies,
      color: terminalSupportsColor(process.stdout, process.env),
      prompt: interactive,
      ...(process.stdout.columns !== undefined && { width: process.stdout.columns }),
    });
    return 0;
  }

  const app = createSlackApp({ slack: config.slack, replies: bot.replies, logger: log });
  if (config.databasePath !== ':memory:')
    mkdirSync(dirname(config.databasePath), { recursive: true });
  const store = openStore(config.databasePath);
  const digest = config.digest;
  const digestLog = log.child({ module: 'digest' });
  const scheduler =
    digest &&
    createDailyScheduler({
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

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'shutting down');
    // A digest thread in progress stops at its next message; the ledger resumes it later.
    await Promise.race([scheduler?.stop(), sleep(5_000)]);
    await app.stop();
    store.close();
    log.info('stopped');
    process.exit(0);
  };
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  process.once('SIGINT', () => void shutdown('SIGINT'));
  if (config.slack.mode === 'http') {
    await app.start(config.slack.port);
    log.info({ port: config.slack.port, path: '/slack/events' }, 'listening for Slack (HTTP mode)');
  } else {
    await app.start();
    log.info('connected to Slack (Socket Mode)');
  }
  if (scheduler) {
    scheduler.start();
    log.info(
      { channel: digest.channel, time: digest.time, timeZone: digest.timeZone },
      'daily digest scheduled',
    );
  }
  return -1; // keep running
}

main().then(
  (code) => {
    if (code >= 0) process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(
      `poster-bot: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exitCode = 1;
  },
);
