import { describe, expect, it } from 'vitest';
import { snippet } from '../../src/search/snippet.ts';

const join = (parts: { text: string; match: boolean }[]) =>
  parts.map((p) => (p.match ? `[${p.text}]` : p.text)).join('');

describe('snippet', () => {
  it('marks matched words by their normalised form', () => {
    expect(join(snippet('Vision Transformers are great.', new Set(['transformer'])))).toBe(
      'Vision [Transformers] are great.',
    );
  });

  it('centres a long text on the densest run of matches, with ellipses', () => {
    const text = `${'Filler words here. '.repeat(30)}We study quantization of networks. ${'More filler. '.repeat(30)}`;
    const out = join(snippet(text, new Set(['quantization', 'network']), 120));
    expect(out.startsWith('…')).toBe(true);
    expect(out.endsWith('…')).toBe(true);
    expect(out).toContain('[quantization] of [networks]');
    expect(out.length).toBeLessThan(140);
  });

  it('shows the opening when nothing matches', () => {
    const text = 'First sentence. '.repeat(50);
    const out = join(snippet(text, new Set(['absent']), 60));
    expect(out.startsWith('First sentence.')).toBe(true);
    expect(out).not.toContain('[');
  });
});
