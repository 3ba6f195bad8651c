/**
 * The composition root: the only module that reads the environment, opens files and
 * sockets, and starts things. Chooses Socket Mode, HTTP mode or the local console from the
 * environment (see README, "Configuration").
 */
import 'dotenv/config';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { webApi } from '@slack/bolt';
import pino from 'pino';
import { CatalogError } from './catalog/loader.ts';
import { summarizeProblems } from './catalog/problems.ts';
import { formatProblem } from './catalog/types.ts';
import { buildBot } from './compose.ts';
import { ConfigError, describeConfig, loadConfig } from './config.ts';
import { CONSOLE_BANNER, runConsole } from './console/console.ts';
import { terminalSupportsColor } from './console/render-terminal.ts';
import { createWebClientPoster, runDigest } from './digest/run.ts';
import { createDailyScheduler, nodeSetTimer } from './digest/scheduler.ts';
import { createLogger } from './log.ts';
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
import { openStore } from './store/store.ts';

/** Known start-up failures print one line (src/startup.ts); set once the config is read. */
let startupContext: StartupContext | undefined;
/** Milliseconds between token checks after a start without Slack's answer. */
const TOKEN_RECHECK_MS = 30_000;

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

  startupContext = {
    dataDir: config.dataDir,
    databasePath: config.databasePath,
    ...(config.slack.mode === 'http' && { port: config.slack.port }),
    ...(config.slack.mode !== 'console' &&
      config.slack.apiUrl !== undefined && { apiUrl: config.slack.apiUrl }),
  };
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
    // Logged, and said once on stderr by the start-up failure handler below.
    if (error instanceof CatalogError) log.fatal({ dataDir: config.dataDir }, error.message);
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
    // The first few per file, then one count (issue 15: 100,000 bad lines, 100,000 log lines).
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

  if (config.databasePath !== ':memory:')
    mkdirSync(dirname(config.databasePath), { recursive: true });
  const store = openStore(config.databasePath);
  // reliability (issue 15): a rejected token stops the start in one line; a Slack that does not
  // answer does not (Bolt would otherwise wait for its own auth.test before acking anything).
  const { slack } = config;
  const checkToken = () =>
    checkBotToken(
      new webApi.WebClient(slack.botToken, {
        ...webApiClientOptions(),
        ...(slack.apiUrl !== undefined && { slackApiUrl: slack.apiUrl }),
        retryConfig: { retries: 0 },
        logLevel: webApi.LogLevel.ERROR,
      }),
      slack.apiUrl === undefined ? {} : { apiUrl: slack.apiUrl },
    );
  let token: TokenCheck;
  try {
    token = await checkToken();
  } catch (error) {
    store.close();
    throw error;
  }
  const app = createSlackApp({
    slack,
    replies: bot.replies,
    logger: log,
    ...(token.kind === 'ok' ? { botId: token.botId, botUserId: token.botUserId } : UNVERIFIED_BOT),
    listeners: { durableKeys: store.claims },
  });
  const stopTokenChecks =
    token.kind === 'ok'
      ? () => {}
      : keepCheckingToken({
          check: checkToken,
          intervalMs: TOKEN_RECHECK_MS,
          onOk: () => log.info('Slack answered; bot token verified'),
          onStillUnreachable: (reason) => log.warn({ reason }, 'Slack still does not answer'),
          onRejected: (error) => {
            log.fatal(error.message);
            void shutdown('token rejected', 1);
          },
        });
  if (token.kind === 'unreachable') {
    log.warn(
      { reason: token.reason },
      'cannot reach Slack to check the bot token; starting anyway',
    );
  }
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
  // Hoisted for the token check above; the signal handlers are installed below.
  async function shutdown(signal: string, code = 0) {
    if (stopping) return;
    stopping = true;
    // Whatever hangs (a Slack call, a pipe nobody reads), the process ends.
    setTimeout(() => process.exit(code === 0 ? 1 : code), SHUTDOWN_HARD_LIMIT_MS).unref();
    stopTokenChecks();
    log.info({ signal }, 'shutting down');
    // A digest thread in progress stops at its next message; the ledger resumes it later.
    await Promise.race([scheduler?.stop(), sleep(5_000)]);
    await app.stop();
    store.close();
    log.info('stopped');
    process.exit(code);
  }
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  process.once('SIGINT', () => void shutdown('SIGINT'));
  if (config.slack.mode === 'http') {
    try {
      await app.start(config.slack.port);
    } catch (error) {
      stopTokenChecks();
      store.close();
      throw error;
    }
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
    if (code >= 0) process.exitCode = code;
  },
  (error: unknown) => {
    // Known failures: one line, no stack (src/startup.ts). Anything else is a bug: the stack.
    const line = startupContext && describeStartupFailure(error, startupContext);
    process.stderr.write(`poster-bot: ${line ?? describe(error)}\n`);
    // Sockets or timers may still be open; a failed start must end.
    process.exit(1);
  },
);
