import { PassThrough, Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { SlackMessage } from '../../src/blocks/message.ts';
import type { Asker, Replies, Reply } from '../../src/bot/types.ts';
import { CONSOLE_HELP_NOTE, parseConsoleLine, runConsole } from '../../src/console/console.ts';

const TITLES = [
  'Graph Networks Are Cool',
  'Deep Graph Kernels',
  'Graph Attention',
  'Vision Transformers at Scale',
];
const PAGE_SIZE = 2;

const button = (text: string, action_id: string, value: string, url?: string) => ({
  type: 'button' as const,
  text: { type: 'plain_text' as const, text },
  action_id,
  value,
  ...(url === undefined ? {} : { url }),
});

/** A results page as the bot shapes it: a card per title, then paging. */
function resultsPage(query: string, page: number): SlackMessage {
  const found = TITLES.filter((t) => t.toLowerCase().includes(query.toLowerCase()));
  const shown = found.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE);
  const cards = shown.map((title) => ({
    type: 'section' as const,
    text: { type: 'mrkdwn' as const, text: `*${title}*` },
  }));
  const more = found.length > page * PAGE_SIZE;
  return {
    text: `${found.length} posters`,
    blocks: [
      { type: 'header', text: { type: 'plain_text', text: `Page ${page} for ${query}` } },
      ...cards,
      {
        type: 'actions',
        elements: [
          button('Abstract', 'abstract', shown[0] ?? ''),
          button('Poster', 'poster_link', '', 'https://iclr.cc/p1'),
          ...(more ? [button('Next ▸', 'next', `${query}|${page + 1}`)] : []),
        ],
      },
    ],
  };
}

const textMessage = (text: string): SlackMessage => ({
  text,
  blocks: [{ type: 'section', text: { type: 'mrkdwn', text } }],
});

/**
 * A tiny bot behind the Replies interface: a substring search over three titles, paging by
 * replacing the message, abstracts, and failures on demand. Records what it was asked.
 */
function createTinyReplies() {
  const calls: string[] = [];
  const askers: Asker[] = [];
  const replies: Replies = {
    async command(text, asker) {
      calls.push(`command:${text}`);
      askers.push(asker);
      if (text === 'boom') throw new Error('index exploded\n    at search (index.ts:1:1)');
      if (text === 'help')
        return { kind: 'ephemeral', message: textMessage('Use /poster &lt;topic&gt;') };
      // Later lines answer sooner: the console must still print answers in input order.
      await new Promise((resolve) => setTimeout(resolve, text === 'slow' ? 30 : 0));
      return { kind: 'ephemeral', message: resultsPage(text, 1) };
    },
    action(actionId, value): Reply {
      calls.push(`action:${actionId}:${value}`);
      if (actionId === 'next') {
        const [query = '', page = '1'] = value.split('|');
        return { kind: 'replace', message: resultsPage(query, Number(page)) };
      }
      if (actionId === 'share') return { kind: 'in_channel', message: textMessage('Shared') };
      return { kind: 'ephemeral', message: textMessage(`Abstract of _${value}_`) };
    },
    mention(text) {
      calls.push(`mention:${text}`);
      return textMessage(`You said ${text.replace(/<@\w+>\s*/, '')}`);
    },
  };
  return { replies, calls, askers };
}

/** Runs the console over `lines` (piped, no color) and returns everything it printed. */
async function drive(
  lines: string[],
  options: { prompt?: boolean; userId?: string; end?: boolean } = {},
) {
  const bot = createTinyReplies();
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
    replies: bot.replies,
    color: false,
    prompt: options.prompt ?? false,
    ...(options.userId === undefined ? {} : { userId: options.userId }),
  });
  input.write(lines.map((line) => `${line}\n`).join(''));
  if (options.end !== false) input.end();
  await running;
  return { printed, calls: bot.calls, askers: bot.askers };
}

const PAGE_1 = [
  'Page 1 for graph',
  '════════════════',
  'Graph Networks Are Cool',
  '',
  'Deep Graph Kernels',
  '[1 Abstract] [2 Poster ↗] [3 Next ▸]',
].join('\n');

const PAGE_2 = [
  'Page 2 for graph',
  '════════════════',
  'Graph Attention',
  '[1 Abstract] [2 Poster ↗]',
].join('\n');

describe('runConsole', () => {
  it('answers /poster with the rendered message and exits when the input ends', async () => {
    const { printed, calls } = await drive(['/poster graph']);
    expect(printed).toBe(`${PAGE_1}\n`);
    expect(calls).toEqual(['command:graph']);
  });

  it('treats a line without a prefix as /poster', async () => {
    const { printed, calls } = await drive(['graph']);
    expect(printed).toBe(`${PAGE_1}\n`);
    expect(calls).toEqual(['command:graph']);
  });

  it.each([
    ['@poster papers by Cho-Jui Hsieh', '<@UPOSTERBOT> papers by Cho-Jui Hsieh'],
    ['@bot   hi there', '<@UPOSTERBOT> hi there'],
  ])('sends %j as Slack delivers a mention', async (line, delivered) => {
    const { printed, calls } = await drive([line]);
    expect(calls).toEqual([`mention:${delivered}`]);
    expect(printed).toBe(`You said ${delivered.replace('<@UPOSTERBOT> ', '')}\n`);
  });

  it('presses a numbered button of the last message', async () => {
    const { printed, calls } = await drive(['/poster graph', '1']);
    expect(calls).toEqual(['command:graph', 'action:abstract:Graph Networks Are Cool']);
    expect(printed).toBe(`${PAGE_1}\n\nAbstract of Graph Networks Are Cool\n`);
  });

  it('prints a replaced message again, marked as updated, and numbers its buttons anew', async () => {
    const { printed, calls } = await drive(['/poster graph', ':3', '1']);
    expect(calls).toEqual([
      'command:graph',
      'action:next:graph|2',
      'action:abstract:Graph Attention',
    ]);
    expect(printed).toBe(`${PAGE_1}\n\n(updated)\n${PAGE_2}\n\nAbstract of Graph Attention\n`);
  });

  it('shows where a link button leads instead of calling the bot', async () => {
    const { printed, calls } = await drive(['/poster graph', '2']);
    expect(calls).toEqual(['command:graph']);
    expect(printed).toBe(`${PAGE_1}\n\n“Poster” opens https://iclr.cc/p1\n`);
  });

  it('explains a number that matches no button, and goes on', async () => {
    const { printed } = await drive(['7', '/poster graph', '9', '3']);
    expect(printed).toBe(
      [
        'There are no buttons to press yet. To search for “7”, type /poster 7.',
        '',
        PAGE_1,
        '',
        'There is no button 9: the last message has buttons 1–3.',
        '',
        '(updated)',
        PAGE_2,
        '',
      ].join('\n'),
    );
  });

  it('prints an error from the bot as one friendly line and keeps going', async () => {
    const { printed, calls } = await drive(['/poster boom', '/poster graph']);
    expect(calls).toEqual(['command:boom', 'command:graph']);
    expect(printed).toBe(`Sorry, that did not work: index exploded\n\n${PAGE_1}\n`);
  });

  it('answers in input order even when an earlier answer takes longer', async () => {
    const { calls, printed } = await drive(['/poster slow', '/poster vision']);
    expect(calls).toEqual(['command:slow', 'command:vision']);
    expect(printed.indexOf('Page 1 for slow')).toBeLessThan(printed.indexOf('Page 1 for vision'));
  });

  it.each(['help', '?', '/poster help'])(
    '%j asks the bot for help and adds the console keys',
    async (line) => {
      const { printed, calls } = await drive([line]);
      expect(calls).toEqual(['command:help']);
      expect(printed).toBe(`Use /poster <topic>\n\n${CONSOLE_HELP_NOTE}\n`);
    },
  );

  it('refuses other slash commands without asking the bot', async () => {
    const { printed, calls } = await drive(['/remind me later']);
    expect(calls).toEqual([]);
    expect(printed).toBe(
      '/remind is not a command of this bot: try /poster followed by a topic, or help.\n',
    );
  });

  it.each(['quit', 'EXIT'])('stops at %j, even with input still open', async (line) => {
    const { printed, calls } = await drive(['/poster graph', line, '/poster vision'], {
      end: false,
    });
    expect(calls).toEqual(['command:graph']);
    expect(printed).toBe(`${PAGE_1}\n`);
  });

  it('prompts before each line when interactive', async () => {
    const { printed } = await drive(['/poster vision', ''], { prompt: true });
    expect(printed).toBe(
      [
        'poster> Page 1 for vision',
        '═════════════════',
        'Vision Transformers at Scale',
        '[1 Abstract] [2 Poster ↗]',
        '',
        'poster> poster> ',
        '',
      ].join('\n'),
    );
  });

  it('asks as the given user, or as the local console user, in the console workspace', async () => {
    const team = { teamId: 'TLOCALCONSOLE' };
    expect((await drive(['x'], { userId: 'U42' })).askers).toEqual([{ userId: 'U42', ...team }]);
    expect((await drive(['x'])).askers).toEqual([{ userId: 'ULOCALCONSOLE', ...team }]);
  });
});

describe('parseConsoleLine', () => {
  it.each([
    ['', { kind: 'empty' }],
    ['   ', { kind: 'empty' }],
    ['quit', { kind: 'quit' }],
    [' Exit ', { kind: 'quit' }],
    ['3', { kind: 'press', n: 3 }],
    [':12', { kind: 'press', n: 12 }],
    ['?', { kind: 'slack', input: { kind: 'command', text: 'help' } }],
    ['2022 papers', { kind: 'slack', input: { kind: 'command', text: '2022 papers' } }],
    ['quit smoking', { kind: 'slack', input: { kind: 'command', text: 'quit smoking' } }],
  ])('%j → %j', (line, expected) => {
    expect(parseConsoleLine(line)).toEqual(expected);
  });
});
