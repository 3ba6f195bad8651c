import type { KnownBlock } from '@slack/types';
import { describe, expect, it } from 'vitest';
import { type HelpOptions, renderHelp } from '../../src/blocks/help.ts';

const base: HelpOptions = { examples: [], papers: 1095, sessions: 12, dated: false };

function usage(blocks: readonly KnownBlock[]): string {
  const block = blocks.find((b) => b.block_id === 'help_usage');
  return block?.type === 'section' ? (block.text?.text ?? '') : '';
}

function context(blocks: readonly KnownBlock[]): string {
  const block = blocks.find((b) => b.type === 'context');
  return block?.type === 'context' && 'text' in block.elements[0]! ? block.elements[0].text : '';
}

function tryButtons(blocks: readonly KnownBlock[]): string[] {
  return blocks.flatMap((b) =>
    b.type === 'actions'
      ? b.elements.map((e) =>
          e.type === 'button' ? `${e.text.text}|${e.action_id}|${e.value}` : '',
        )
      : [],
  );
}

describe('renderHelp', () => {
  it('shows the commands, with a person from the catalogue, escaped, as the example', () => {
    const text = usage(renderHelp({ ...base, exampleAuthor: 'Ada <Lovelace>' }).blocks);
    expect(text).toContain('*Find posters with `/poster`*');
    expect(text).toContain('`/poster by:Ada &lt;Lovelace&gt;`');
    expect(text).toContain('`@poster papers by Ada &lt;Lovelace&gt;`');
    expect(text).toContain('`/poster help` — this message');
    // Where saved posters are found again, and the shortcuts, which no command shows.
    expect(text).toContain('see it in my *Home* tab or with `/poster plan`');
    expect(text).toContain('*Find a poster*');
  });

  it('falls back to a known author when the catalogue offers none', () => {
    expect(usage(renderHelp(base).blocks)).toContain('`/poster by:Cho-Jui Hsieh`');
  });

  it('mentions now / next / today only when sessions have times', () => {
    expect(usage(renderHelp(base).blocks)).not.toContain('/poster now');
    expect(usage(renderHelp({ ...base, dated: true }).blocks)).toContain(
      '`/poster now` · `/poster next` · `/poster today`',
    );
  });

  it('offers up to three questions asked as people ask them, escaped', () => {
    const text = usage(
      renderHelp({ ...base, questions: ['orals by <Yi>?', 'who works on GNNs?', 'c', 'd'] }).blocks,
    );
    expect(text).toContain(
      'Ask as you would ask a person: `orals by &lt;Yi&gt;?` · `who works on GNNs?` · `c`',
    );
    expect(text).not.toContain('`d`');
    expect(usage(renderHelp({ ...base, questions: [] }).blocks)).not.toContain('Ask as you');
  });

  it('counts posters and sessions, and says who sees the answers where it is shown', () => {
    expect(context(renderHelp(base).blocks)).toBe(
      '1095 posters in 12 sessions. Results are only visible to you until you press Share.',
    );
    expect(context(renderHelp({ ...base, sessions: 1, audience: 'dm' }).blocks)).toBe(
      '1095 posters in 1 session. Answers here are only visible to you.',
    );
    expect(context(renderHelp({ ...base, audience: 'public' }).blocks)).toContain(
      'posted in its thread for everyone',
    );
  });

  it('offers at most five example searches as buttons, and none without examples', () => {
    const blocks = renderHelp({ ...base, examples: ['a', 'b', 'c', 'd', 'e', 'f'] }).blocks;
    expect(tryButtons(blocks)).toEqual([
      'Try: a|search_suggestion_0|a',
      'Try: b|search_suggestion_1|b',
      'Try: c|search_suggestion_2|c',
      'Try: d|search_suggestion_3|d',
      'Try: e|search_suggestion_4|e',
    ]);
    expect(renderHelp(base).blocks.some((b) => b.type === 'actions')).toBe(false);
  });

  it('has a notification text naming the commands', () => {
    expect(renderHelp(base).text).toContain('/poster <keywords>');
  });
});
