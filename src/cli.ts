/**
 * The command line, `npx poster-bot <command>`: the bot's search and replies without Slack,
 * for scripts and for checking an answer quickly. Everything it touches is passed in
 * ({@link CliDeps}); `bin/poster-bot.js` wires the real process and composition.
 *
 * Adding a command (`check-data [dir]`, `digest --date YYYY-MM-DD --dry-run|--post`) means
 * one entry in {@link COMMANDS}, plus in {@link CliDeps} whatever it needs from the
 * composition (a loader, a digest runner, a clock).
 */
import { fileURLToPath } from 'node:url';
import { type ParseArgsConfig, parseArgs } from 'node:util';
import type { Replies } from './bot/types.ts';
import type { Paper } from './catalog/types.ts';
import { describeError } from './console/console.ts';
import {
  renderTerminal,
  stripControlCharacters,
  terminalSupportsColor,
} from './console/render-terminal.ts';
import {
  askReplies,
  CONSOLE_USER_ID,
  parseSlackInput,
  unknownCommandMessage,
} from './console/slack-input.ts';

/** One search answer as the CLI needs it; the real `SearchHit` has more and still fits. */
export interface CliHit {
  paper: Paper;
  score: number;
}

/** The part of the paper index the CLI uses. */
export interface CliIndex {
  /** Papers best first, at most `limit`. */
  search(query: string, options: { limit: number }): readonly CliHit[] | Promise<readonly CliHit[]>;
}

/** What the composition builds from a data folder: the index and the bot's replies. */
export interface CliBot {
  index: CliIndex;
  replies: Replies;
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
    deps.stderr.write(`${PROGRAM}: ${stripControlCharacters(describeError(error))}\n`);
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
  const { message } = await askReplies(bot.replies, input, { userId: CONSOLE_USER_ID });
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
