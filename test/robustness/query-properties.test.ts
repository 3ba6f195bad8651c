/**
 * Property-based tests of what sits between a user's keystrokes and the index: `/poster`
 * parsing, @mention parsing, and search / "did you mean" over the real seed. Whatever is
 * typed, nothing throws, nothing grows past MAX_QUERY_LENGTH, and search answers are sane.
 */
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  type CommandIntent,
  type Intent,
  MAX_QUERY_LENGTH,
  parseMention,
  parsePosterCommand,
} from '../../src/bot/intent.ts';
import { loadCatalog } from '../../src/catalog/loader.ts';
import { createPaperIndex, type PaperIndex } from '../../src/search/paper-index.ts';
import { hostileText, LONG_INPUTS, PROPERTY_PARAMS } from './hostile-input.ts';

/** Every user-derived string an intent carries. */
function intentTexts(intent: CommandIntent | Intent): string[] {
  switch (intent.kind) {
    case 'help':
    case 'schedule':
    case 'posters':
    case 'stats':
    case 'plan':
    case 'reminders':
      return [];
    case 'author':
      return [intent.name];
    case 'search':
    case 'topic':
      return [intent.query];
    case 'topic_and_author':
      return [intent.query, intent.name];
    case 'name_or_topic':
      return [intent.text];
  }
}

/** What a parsed intent must satisfy whatever the input: short, non-empty, trimmed, visible. */
function expectTidy(intent: CommandIntent | Intent): void {
  for (const text of intentTexts(intent)) {
    expect(text.length).toBeGreaterThan(0);
    expect(text.length).toBeLessThanOrEqual(MAX_QUERY_LENGTH);
    expect(text).toBe(text.trim());
    expect(text).not.toMatch(/[\p{Cc}\p{Cf}]/u);
  }
}

describe('parsePosterCommand on hostile text', () => {
  it('never throws and yields a tidy intent', () => {
    fc.assert(
      fc.property(hostileText(), (text) => expectTidy(parsePosterCommand(text))),
      PROPERTY_PARAMS,
    );
  });

  it.each(LONG_INPUTS)('caps $name', ({ text }) => {
    expectTidy(parsePosterCommand(text));
  });
});

describe('parseMention on hostile text', () => {
  it('never throws and yields a tidy intent', () => {
    fc.assert(
      fc.property(hostileText(), (text) => expectTidy(parseMention(`<@U0BOT0001> ${text}`))),
      PROPERTY_PARAMS,
    );
  });

  it('never turns Slack markup into a name', () => {
    const markup = fc.constantFrom(
      '<@U1>',
      '<@U123|bob>',
      '<#C1|general>',
      '<!here>',
      '<!channel>',
    );
    fc.assert(
      fc.property(fc.array(markup, { minLength: 1, maxLength: 5 }), (parts) => {
        expect(parseMention(`<@U0BOT0001> papers by ${parts.join(' ')}`)).not.toMatchObject({
          kind: 'author',
        });
      }),
      PROPERTY_PARAMS,
    );
  });

  it.each(LONG_INPUTS)('caps $name', ({ text }) => {
    expectTidy(parseMention(`<@U0BOT0001> ${text}`));
  });
});

describe('PaperIndex over the seed, on hostile queries', () => {
  let index: PaperIndex;
  beforeAll(() => {
    index = createPaperIndex(loadCatalog('data').catalog.papers);
  });

  /** Hits are distinct catalogue papers, best first, complete matches before partial ones. */
  function expectSaneHits(query: string, limit?: number): void {
    const hits = index.search(query, limit === undefined ? {} : { limit });
    if (limit !== undefined) expect(hits.length).toBeLessThanOrEqual(limit);
    expect(new Set(hits.map((h) => h.paper.id)).size).toBe(hits.length);
    for (const hit of hits) {
      expect(index.get(hit.paper.id)).toBe(hit.paper);
      expect(Number.isFinite(hit.score)).toBe(true);
    }
    const firstPartial = hits.findIndex((h) => !h.complete);
    if (firstPartial !== -1) expect(hits.slice(firstPartial).every((h) => !h.complete)).toBe(true);
  }

  it('search never throws and returns sane hits', () => {
    fc.assert(
      fc.property(hostileText(), fc.option(fc.integer({ min: 0, max: 20 })), (query, limit) =>
        expectSaneHits(query, limit ?? undefined),
      ),
      PROPERTY_PARAMS,
    );
  });

  it('a filter only ever narrows the hits', () => {
    fc.assert(
      fc.property(hostileText(60), (query) => {
        const kept = new Set(
          index
            .all()
            .filter((_, i) => i % 2 === 0)
            .map((p) => p.id),
        );
        const hits = index.search(query, { filter: (paper) => kept.has(paper.id) });
        expect(hits.every((h) => kept.has(h.paper.id))).toBe(true);
      }),
      PROPERTY_PARAMS,
    );
  });

  it('suggest never throws, and returns at most `max` distinct non-empty queries', () => {
    fc.assert(
      fc.property(hostileText(80), fc.integer({ min: 0, max: 5 }), (query, max) => {
        const suggestions = index.suggest(query, max);
        expect(suggestions.length).toBeLessThanOrEqual(max);
        expect(new Set(suggestions).size).toBe(suggestions.length);
        for (const s of suggestions) expect(s.trim()).not.toBe('');
      }),
      PROPERTY_PARAMS,
    );
  });

  it.each(LONG_INPUTS)('search and suggest survive $name', ({ text }) => {
    expectSaneHits(text, 10);
    expect(index.suggest(text, 3).length).toBeLessThanOrEqual(3);
  });
});
