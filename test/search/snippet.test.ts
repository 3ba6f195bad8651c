import { describe, expect, it } from 'vitest';
import { snippet } from '../../src/search/snippet.ts';

const join = (parts: { text: string; match: boolean }[]) =>
  parts.map((p) => (p.match ? `[${p.text}]` : p.text)).join('');

// 77 characters of words without a sentence break, to place matches at known offsets.
const FILLER = 'lorem ipsum dolor sit amet consectetur adipiscing elit sed do eiusmod tempor ';
const QUANT = new Set(['quantization', 'network']);

describe('snippet', () => {
  it('marks matched words by their normalised form', () => {
    expect(join(snippet('Vision Transformers are great.', new Set(['transformer'])))).toBe(
      'Vision [Transformers] are great.',
    );
  });

  it('splits into matched and plain pieces, none of them empty', () => {
    // Each piece becomes a rendered run of text; a match at either edge adds no blank piece,
    // and a match ending the text is still marked.
    expect(snippet('Transformers in vision transformers', new Set(['transformer']))).toEqual([
      { text: 'Transformers', match: true },
      { text: ' in vision ', match: false },
      { text: 'transformers', match: true },
    ]);
  });

  it('shows a text that fits the width whole, even when its match is near the end', () => {
    const text =
      'We revisit pruning for large language models and find that magnitude pruning works';
    // Exactly the width: nothing is cut and no ellipsis is added.
    expect(join(snippet(text, new Set(['magnitude']), text.length))).toBe(
      'We revisit pruning for large language models and find that [magnitude] pruning works',
    );
  });

  it('does not break on a word that folds to nothing, such as a lone modifier apostrophe', () => {
    // U+02BC is a letter to the word pattern but folds to a plain apostrophe, which is no word.
    expect(join(snippet('Attention ʼ is all you need', new Set(['attention'])))).toBe(
      '[Attention] ʼ is all you need',
    );
  });

  it('centres a long text on the densest run of matches, with ellipses', () => {
    const text = `${'Filler words here. '.repeat(30)}We study quantization of networks. ${'More filler. '.repeat(30)}`;
    const out = join(snippet(text, QUANT, 120));
    expect(out.startsWith('…')).toBe(true);
    expect(out.endsWith('…')).toBe(true);
    expect(out).toContain('[quantization] of [networks]');
    expect(out.length).toBeLessThan(140);
  });

  it('shows the opening when nothing matches, from its first word', () => {
    const text =
      'Short. Then a longer passage about optimisation that goes on well past the width.';
    expect(join(snippet(text, new Set(['absent']), 40))).toBe(
      'Short. Then a longer passage about…',
    );
  });

  describe('which passage of a long text is shown', () => {
    it('prefers a run of three matches over a lone match later on', () => {
      const text = `${FILLER}quantization of networks via quantization ${FILLER.repeat(3)}networks ${FILLER}`;
      // The lone "networks" further on is outside the window and is not marked.
      expect(join(snippet(text, QUANT, 100))).toBe(
        '…consectetur adipiscing elit sed do eiusmod tempor [quantization] of [networks] via [quantization] lorem…',
      );
    });

    it('counts matched words, not words: a lone match among short words loses to a run', () => {
      const text = `${FILLER}networks ${'of it '.repeat(12)}${FILLER.repeat(2)}quantization networks quantization ${FILLER}`;
      // The earlier lone "networks" is before the window and is not marked either.
      expect(join(snippet(text, QUANT, 100))).toBe(
        '…consectetur adipiscing elit sed do eiusmod tempor [quantization] [networks] [quantization] lorem ipsum…',
      );
    });

    it('on a tie shows the earlier passage', () => {
      const text = `${FILLER}quantization ${FILLER.repeat(3)}networks ${FILLER}`;
      expect(join(snippet(text, QUANT, 100))).toBe(
        '…consectetur adipiscing elit sed do eiusmod tempor [quantization] lorem ipsum dolor sit amet…',
      );
    });

    it('counts only the matches within 80 % of the width after a match', () => {
      // The pair starts 87 characters after the lone match: beyond 80 of a 100 width, so the
      // lone match's window holds one match and the pair wins.
      const text = `${FILLER}diffusion ${'abcdefghij '.repeat(7)}diffusion diffusion ${FILLER.repeat(2)}`;
      expect(join(snippet(text, new Set(['diffusion']), 100))).toBe(
        '…abcdefghij abcdefghij abcdefghij abcdefghij [diffusion] [diffusion] lorem ipsum dolor sit amet…',
      );
    });
  });

  describe('where the window starts and ends', () => {
    it('starts at the sentence holding the match when that sentence began close before it', () => {
      const text = `${FILLER.repeat(2)}end of it. Recent work shows that diffusion models scale ${FILLER.repeat(2)}`;
      expect(join(snippet(text, new Set(['diffusion']), 100))).toBe(
        '…Recent work shows that [diffusion] models scale lorem ipsum dolor sit amet consectetur adipiscing elit…',
      );
    });

    it('ignores a sentence start 80 characters back and backs up to a word instead', () => {
      // "Opening." ends at 7 and "diffusion" starts at 87: too far for the sentence rule.
      const text = `Opening. ${FILLER.trimEnd()}s diffusion ${FILLER.repeat(2)}`;
      expect(join(snippet(text, new Set(['diffusion']), 100))).toBe(
        '…adipiscing elit sed do eiusmod tempors [diffusion] lorem ipsum dolor sit amet consectetur adipiscing…',
      );
    });

    it('without a sentence break, backs up about 40 characters to the start of a word', () => {
      // The match is at 77, close to the start of a text with no sentence break at all.
      const text = `${FILLER}diffusion ${FILLER.repeat(2)}`;
      expect(join(snippet(text, new Set(['diffusion']), 100))).toBe(
        '…consectetur adipiscing elit sed do eiusmod tempor [diffusion] lorem ipsum dolor sit amet consectetur…',
      );
    });

    it('ends at the end of the text without an ellipsis when the window reaches it', () => {
      const text = `${FILLER.repeat(2)}the last words mention diffusion models`;
      expect(join(snippet(text, new Set(['diffusion']), 100))).toBe(
        '…do eiusmod tempor the last words mention [diffusion] models',
      );
    });

    it('cuts inside an unbroken run (a long URL) rather than showing nothing', () => {
      const text = `Intro. Transformers/${'x'.repeat(300)}`;
      expect(join(snippet(text, new Set(['transformer']), 100))).toBe(
        `…[Transformers]/${'x'.repeat(87)}…`,
      );
    });
  });
});
