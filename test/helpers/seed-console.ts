import { PassThrough, Writable } from 'node:stream';
import type { Replies } from '../../src/bot/types.ts';
import { buildBot } from '../../src/compose.ts';
import { type ConsoleOptions, runConsole } from '../../src/console/console.ts';

/** The console over `replies`, fed `lines` (piped, no colour); returns what it printed. */
export async function driveConsole(
  replies: Replies,
  lines: readonly string[],
  extra: Partial<ConsoleOptions> = {},
): Promise<string> {
  const input = new PassThrough();
  let printed = '';
  const output = new Writable({
    write(chunk, _encoding, done) {
      printed += String(chunk);
      done();
    },
  });
  const running = runConsole({ input, output, replies, color: false, prompt: false, ...extra });
  input.end(lines.map((line) => `${line}\n`).join(''));
  await running;
  return printed;
}

/** The real bot over the seed in the console, fed `lines` (piped); returns what it printed. */
export function driveSeedConsole(lines: readonly string[]): Promise<string> {
  return driveConsole(buildBot('data').replies, lines);
}
