import { PassThrough, Writable } from 'node:stream';
import { buildBot } from '../../src/compose.ts';
import { runConsole } from '../../src/console/console.ts';

/** The real bot over the seed in the console, fed `lines` (piped); returns what it printed. */
export async function driveSeedConsole(lines: readonly string[]): Promise<string> {
  const input = new PassThrough();
  let printed = '';
  const output = new Writable({
    write(chunk, _encoding, done) {
      printed += String(chunk);
      done();
    },
  });
  const running = runConsole({
    input,
    output,
    replies: buildBot('data').replies,
    color: false,
    prompt: false,
  });
  input.end(lines.map((line) => `${line}\n`).join(''));
  await running;
  return printed;
}
