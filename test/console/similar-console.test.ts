import { describe, expect, it } from 'vitest';
import { driveSeedConsole as drive } from '../helpers/seed-console.ts';

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
