import { describe, expect, it } from 'vitest';
import { decodeSlackText, escapeMrkdwn, safeCut, truncate } from '../../src/blocks/escape.ts';

describe('escapeMrkdwn', () => {
  it.each([
    // Each of Slack's three control characters, every occurrence.
    ['a & b & c', 'a &amp; b &amp; c'],
    ['<!channel> <@U1>', '&lt;!channel&gt; &lt;@U1&gt;'],
    ['1 < 2 > 0', '1 &lt; 2 &gt; 0'],
    // Ampersand first: a `&` escaped after `<` would turn `&lt;` into `&amp;lt;`.
    ['<', '&lt;'],
    ['>', '&gt;'],
    // Text that already looks escaped is data too, and shows as typed.
    ['&lt;b&gt;', '&amp;lt;b&amp;gt;'],
    // Emphasis characters become look-alikes: Slack has no escape for them, and data such as
    // `A* Beam Search` inside our own `*…*` would end the bold early.
    ['*bold* _it_ ~x~ `c`', '\u2217bold\u2217 \u02cdit\u02cd \u223cx\u223c \u02cbc\u02cb'],
    // Everything else is left as it is.
    ['A+B: 50% (x) [1] #2 "q"', 'A+B: 50% (x) [1] #2 "q"'],
  ])('%j → %j', (text, escaped) => {
    expect(escapeMrkdwn(text)).toBe(escaped);
  });
});

describe('decodeSlackText', () => {
  it('decodes the three entities, the ampersand last so `&amp;lt;` stays `&lt;`', () => {
    expect(decodeSlackText('&lt;@U1&gt; R&amp;D &amp;lt;')).toBe('<@U1> R&D &lt;');
  });

  it('undoes escapeMrkdwn', () => {
    const text = 'a < b && c > d &lt; <!here>';
    expect(decodeSlackText(escapeMrkdwn(text))).toBe(text);
  });
});

describe('truncate', () => {
  it('keeps text that fits, up to exactly `max`', () => {
    expect(truncate('vision', 6)).toBe('vision');
    expect(truncate('', 0)).toBe('');
  });

  it('cuts at the last word boundary with an ellipsis', () => {
    // A hard cut would leave "the quick b…".
    expect(truncate('the quick brown fox jumps', 12)).toBe('the quick…');
    expect(truncate('graph neural networks for molecules', 24)).toBe('graph neural networks…');
  });

  it('cuts inside a word when the last space is 20 or more characters back', () => {
    const text = `a ${'x'.repeat(40)}`;
    expect(truncate(text, 30)).toBe(`a ${'x'.repeat(27)}…`);
    // 19 characters back is still near enough.
    expect(truncate(`${'y'.repeat(10)} ${'z'.repeat(30)}`, 30)).toBe(`${'y'.repeat(10)}…`);
    // 20 characters back is not.
    expect(truncate(`${'y'.repeat(9)} ${'z'.repeat(30)}`, 30)).toBe(
      `${'y'.repeat(9)} ${'z'.repeat(19)}…`,
    );
  });

  it('does not cut at a space at the very start', () => {
    expect(truncate(` ${'x'.repeat(10)}`, 5)).toBe(' xxx…');
  });

  it('is only an ellipsis, or nothing, when `max` leaves no room', () => {
    expect(truncate('abc', 1)).toBe('…');
    expect(truncate('abc', 0)).toBe('');
  });

  it('never splits an escape entity or a surrogate pair', () => {
    expect(truncate('a&amp;b', 4)).toBe('a…');
    expect(truncate('AT&amp;T&amp;Co', 11)).toBe('AT&amp;T…');
    expect(truncate('ab😀cd', 4)).toBe('ab…');
  });

  it('returns at most `max` code units, ending with an ellipsis when cut', () => {
    const text = 'Deep &amp; wide: 😀 networks &lt;for&gt; everyone, again and again';
    for (let max = 0; max < text.length; max++) {
      const cut = truncate(text, max);
      expect(cut.length).toBeLessThanOrEqual(max);
      if (max > 0) expect(cut.endsWith('…')).toBe(true);
    }
  });
});

describe('safeCut', () => {
  const text = 'x &amp; y';

  it('moves a cut inside `&amp;` back to before the ampersand', () => {
    for (const cut of [3, 4, 5, 6]) expect(safeCut(text, cut)).toBe(2);
  });

  it('leaves a cut before or after an entity where it is', () => {
    expect(safeCut(text, 1)).toBe(1);
    expect(safeCut(text, 2)).toBe(2);
    expect(safeCut(text, 7)).toBe(7);
    expect(safeCut(text, 9)).toBe(9);
    // An ampersand five or more characters back cannot be an open `&amp;`, `&lt;` or `&gt;`.
    expect(safeCut('&bcdefgh', 5)).toBe(5);
    expect(safeCut('&bcdefgh', 4)).toBe(0);
  });

  it('cuts raw text anywhere when entities are off', () => {
    expect(safeCut(text, 4, false)).toBe(4);
  });

  it('never splits a surrogate pair', () => {
    expect(safeCut('😀x', 1)).toBe(0);
    expect(safeCut('😀x', 2)).toBe(2);
    expect(safeCut('a😀', 2, false)).toBe(1);
    // The first and the last high surrogate (U+10000 and U+10FFFF begin with them).
    expect(safeCut('\u{10000}x', 1)).toBe(0);
    expect(safeCut('\u{10FFFF}x', 1)).toBe(0);
  });
});
