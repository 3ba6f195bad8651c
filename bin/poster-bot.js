#!/usr/bin/env node
// `npx poster-bot …`: runs the TypeScript sources through tsx, so there is no build step.
// This file is the CLI's composition root: the only place touching the real process.
import { register } from 'tsx/esm/api';

register();

const { runCli } = await import('../src/cli.ts');

/**
 * The composition lives with the bot's other wiring; imported only when a command needs data,
 * so `poster-bot help` stays instant and works without it.
 */
async function buildBot(dataDir) {
  const { buildBot: build } = await import('../src/compose.ts');
  return build(dataDir);
}

process.exitCode = await runCli(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
  buildBot,
});
