#!/usr/bin/env node
// `npx poster-bot …`: runs the TypeScript sources through tsx, so there is no build step.
// This file is the CLI's composition root: the only place touching the real process.
import { setTimeout as sleep } from 'node:timers/promises';
import 'dotenv/config';
import { register } from 'tsx/esm/api';

register();

// `poster-bot search … | head` closes the pipe early: that is not an error.
process.stdout.on('error', (error) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});

const { runCli } = await import('../src/cli.ts');

/**
 * The composition lives with the bot's other wiring; imported only when a command needs data,
 * so `poster-bot help` stays instant and works without it.
 */
async function buildBot(dataDir) {
  const { buildBot: build } = await import('../src/compose.ts');
  return build(dataDir);
}

async function loadCatalog(dir, options) {
  const { loadCatalog: load } = await import('../src/catalog/loader.ts');
  return load(dir, options);
}

/** The store, opened as the bot opens it (src/compose.ts). */
async function openStore(path, options) {
  const { openStoreAt } = await import('../src/compose.ts');
  return openStoreAt(path, options);
}

async function createPoster({ botToken, apiUrl }) {
  const [{ webApi }, { createWebClientPoster }, { webApiClientOptions }] = await Promise.all([
    import('@slack/bolt'),
    import('../src/digest/run.ts'),
    import('../src/slack/web-api-policy.ts'),
  ]);
  // The bot's own policy: a timeout on every call, bounded retries, a cap on Retry-After.
  const client = new webApi.WebClient(botToken, {
    ...webApiClientOptions(),
    ...(apiUrl !== undefined && { slackApiUrl: apiUrl }),
    logLevel: webApi.LogLevel.ERROR,
  });
  return createWebClientPoster(client);
}

/** Reminders' DMs over the same client policy (src/reminders/run.ts). */
async function createMessenger({ botToken, apiUrl }) {
  const [{ webApi }, { createWebClientMessenger }, { webApiClientOptions }] = await Promise.all([
    import('@slack/bolt'),
    import('../src/reminders/run.ts'),
    import('../src/slack/web-api-policy.ts'),
  ]);
  const client = new webApi.WebClient(botToken, {
    ...webApiClientOptions(),
    ...(apiUrl !== undefined && { slackApiUrl: apiUrl }),
    logLevel: webApi.LogLevel.ERROR,
  });
  return createWebClientMessenger(client);
}

process.exitCode = await runCli(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
  buildBot,
  loadCatalog,
  openStore,
  createPoster,
  createMessenger,
  now: () => new Date(),
  sleep: (ms) => sleep(ms),
});
