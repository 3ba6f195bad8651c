import { describe, expect, it } from 'vitest';
import { escapeMrkdwn } from '../../src/blocks/escape.ts';
import { chunkText } from '../../src/blocks/paper.ts';
import { extremePaper } from '../fixtures/papers.ts';

describe('chunkText', () => {
  it('keeps text that fits in one chunk, and nothing in none', () => {
    expect(chunkText('short enough', 12)).toEqual(['short enough']);
    expect(chunkText('', 10)).toEqual([]);
  });

  it('cuts at the last paragraph break within the size, then at the last space', () => {
    expect(chunkText('para one.\npara two is here', 15)).toEqual([
      'para one.',
      'para two is',
      'here',
    ]);
    expect(chunkText('alpha beta gamma delta', 12)).toEqual(['alpha beta', 'gamma delta']);
  });

  it('prefers a paragraph break to a later space, when it is past half the size', () => {
    expect(chunkText('first line\nsecond part of it', 16)).toEqual([
      'first line',
      'second part of',
      'it',
    ]);
  });

  it('cuts at exactly the size when the only break is in the first half', () => {
    expect(chunkText('ab cdefghijklmnop', 10)).toEqual(['ab cdefghi', 'jklmnop']);
    expect(chunkText('x'.repeat(25), 10)).toEqual(['x'.repeat(10), 'x'.repeat(10), 'x'.repeat(5)]);
  });

  it('never ends a chunk inside an escape entity', () => {
    expect(chunkText(`${'x'.repeat(8)}&amp;${'y'.repeat(5)}`, 10)).toEqual([
      'x'.repeat(8),
      `&amp;${'y'.repeat(5)}`,
    ]);
  });

  it('splits the longest abstract into chunks within the size that lose no word', () => {
    const text = escapeMrkdwn(extremePaper('p').abstract);
    const chunks = chunkText(text, 2900);
    expect(chunks.length).toBeGreaterThan(2);
    for (const chunk of chunks) {
      expect(chunk.length).toBeGreaterThan(0);
      expect(chunk.length).toBeLessThanOrEqual(2900);
    }
    const words = (s: string) => s.split(/\s+/).filter(Boolean);
    expect(chunks.flatMap(words).join(' ')).toBe(words(text).join(' '));
  });
});
