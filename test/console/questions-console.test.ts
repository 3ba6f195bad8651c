import { PassThrough, Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { buildBot } from '../../src/compose.ts';
import { runConsole } from '../../src/console/console.ts';

/** The console over the seed, driven with piped lines; returns everything it printed. */
async function consoleSays(lines: string[]): Promise<string> {
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

describe('the console answers questions as Slack does', () => {
  it('a wrapped question, a named poster and facets', async () => {
    const printed = await consoleSays([
      '@poster is anyone presenting work on speeding up vision transformers?',
      '@poster where is the F8Net poster?',
      '/poster orals',
    ]);
    expect(printed).toContain('for ‘speeding up vision transformers’');
    expect(printed).not.toContain('is anyone presenting');
    expect(printed).toContain('1 poster for ‘F8Net’');
    expect(printed).toContain('Presented in Poster Session 9');
    expect(printed).toContain('4 posters among the orals');
  });
});
