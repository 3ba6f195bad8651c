import { PassThrough, Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { buildBot } from '../../src/compose.ts';
import { runConsole } from '../../src/console/console.ts';

/** The real bot over the seed in the console, fed `lines`; returns what it printed. */
async function drive(lines: string[]): Promise<string> {
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

describe('Similar in the console', () => {
  it('is a numbered button on every card; pressing it lists similar posters and the authors', async () => {
    const printed = await drive(['/poster BEiT', '3']);
    const [results, answer] = printed.split('Posters similar to ');
    expect(results).toContain('[1 Abstract] [2 Share] [3 Similar]');
    expect(answer).toMatch(/^BEiT: BERT Pre-Training of Image Transformers/);
    expect(answer).toContain('EViT: Expediting Vision Transformers via Token Reorganizations');
    expect(answer).toContain('Shared terms: tokens, vision Transformers');
    // Each neighbour is a button again, numbered afresh: 1 to 5.
    expect(answer!.match(/\[\d Similar\]/g)).toEqual([1, 2, 3, 4, 5].map((n) => `[${n} Similar]`));
    expect(answer).toContain('More by these authors');
  });
});
