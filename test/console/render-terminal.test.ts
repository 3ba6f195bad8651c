import type { KnownBlock } from '@slack/types';
import { describe, expect, it } from 'vitest';
import type { SlackMessage } from '../../src/blocks/message.ts';
import {
  displayWidth,
  renderTerminal,
  stripControlCharacters,
  terminalSupportsColor,
} from '../../src/console/render-terminal.ts';

const ESC = '\u001b';

/** Builders for hand-written Block Kit, shaped like what the Slack app sends. */
const mrkdwn = (text: string) => ({ type: 'mrkdwn' as const, text });
const plain = (text: string) => ({ type: 'plain_text' as const, text });
const header = (text: string): KnownBlock => ({ type: 'header', text: plain(text) });
const section = (text: string): KnownBlock => ({ type: 'section', text: mrkdwn(text) });
const context = (...texts: string[]): KnownBlock => ({
  type: 'context',
  elements: texts.map(mrkdwn),
});
const divider: KnownBlock = { type: 'divider' };
const button = (text: string, action_id: string, value: string, extra = {}) => ({
  type: 'button' as const,
  text: plain(text),
  action_id,
  value,
  ...extra,
});
const actions = (...elements: ReturnType<typeof button>[]): KnownBlock => ({
  type: 'actions',
  elements,
});
const message = (...blocks: KnownBlock[]): SlackMessage => ({ text: 'fallback', blocks });

/** Every C0/C1 control character in `text` other than a newline. */
const controlCharactersIn = (text: string) =>
  [...text].filter((char) => {
    const code = char.codePointAt(0) ?? 0;
    return char !== '\n' && (code < 0x20 || (code >= 0x7f && code <= 0x9f));
  });

/** Renders one mrkdwn section without color, wide enough not to wrap. */
const plainSection = (text: string) =>
  renderTerminal(message(section(text)), { color: false, width: 200 }).text;

describe('renderTerminal without color', () => {
  it('renders a results message: header, card, context, numbered buttons, divider', () => {
    const rendered = renderTerminal(
      message(
        header('Posters for “gnn” &amp; friends'),
        section(
          '*<https://openreview.net/forum?id=abc|Graph Networks Are Cool>*\nAna Lima · Bo Chen · _Poster Session 9_',
        ),
        context(':trophy: Outstanding Paper', 'Spotlight'),
        actions(
          button('Abstract', 'paper_abstract', 'abc'),
          button('Share', 'paper_share', 'abc', { style: 'primary' }),
        ),
        divider,
        section('Page 1 of 2'),
        actions(button('Next ▸', 'results_next_page', 'gnn|2')),
      ),
      { color: false, width: 40 },
    );
    expect(rendered.text).toBe(
      [
        'Posters for “gnn” & friends',
        '═══════════════════════════',
        'Graph Networks Are Cool',
        '(https://openreview.net/forum?id=abc)',
        'Ana Lima · Bo Chen · Poster Session 9',
        '🏆 Outstanding Paper  Spotlight',
        '[1 Abstract] [2 Share]',
        '────────────────────────────────────────',
        'Page 1 of 2',
        '[3 Next ▸]',
      ].join('\n'),
    );
    expect(rendered.buttons).toEqual([
      { n: 1, actionId: 'paper_abstract', value: 'abc', text: 'Abstract' },
      { n: 2, actionId: 'paper_share', value: 'abc', text: 'Share' },
      { n: 3, actionId: 'results_next_page', value: 'gnn|2', text: 'Next ▸' },
    ]);
  });

  it.each([
    ['bold and italics are emphasis only', '*bold* and _italic_', 'bold and italic'],
    ['strike and code keep their markers', '~old~ and `code`', '~old~ and `code`'],
    ['nested emphasis', '*bold _and italic_*', 'bold and italic'],
    ['no emphasis inside words', 'snake_case_name 2*3*4', 'snake_case_name 2*3*4'],
    ['no emphasis next to spaces', '* not bold * and _ not it _', '* not bold * and _ not it _'],
    ['no emphasis inside code', '`*literal* :trophy:`', '`*literal* :trophy:`'],
    ['labelled link', '<https://x.org/a?b=1&amp;c=2|Paper>', 'Paper (https://x.org/a?b=1&c=2)'],
    ['bare link', 'see <https://x.org>', 'see https://x.org'],
    ['bold link', '*<https://x.org|Title>*', 'Title (https://x.org)'],
    ['mail link', '<mailto:ana@x.org|ana@x.org>', 'ana@x.org'],
    ['user mentions', '<@U123> and <@U456|ana>', '@U123 and @ana'],
    ['channel mention', '<#C123|general>', '#general'],
    ['broadcast', '<!here> <!channel>', '@here @channel'],
    ['date with fallback', '<!date^1650900600^{date_short} {time}|25 Apr 18:30>', '25 Apr 18:30'],
    ['escapes decoded once', '&lt;b&gt; R&amp;D &amp;amp;', '<b> R&D &amp;'],
    ['escaped broadcast stays text', '&lt;!channel&gt;', '<!channel>'],
    ['known emoji', ':round_pushpin: Hall A', '📍 Hall A'],
    ['unknown emoji stays', ':party_parrot: yay', ':party_parrot: yay'],
  ])('mrkdwn: %s', (_, source, expected) => {
    expect(plainSection(source)).toBe(expected);
  });

  it('renders quotes and preformatted blocks as indented lines', () => {
    expect(plainSection('Before\n> quoted *line*\n```\nconst x = 1;\n  y();\n```\nAfter')).toBe(
      ['Before', '│ quoted line', '  const x = 1;', '    y();', 'After'].join('\n'),
    );
  });

  it('leaves an unclosed fence as text', () => {
    expect(plainSection('a ``` b')).toBe('a ``` b');
  });

  it('wraps at the width, keeps a URL longer than the width whole on its own line', () => {
    const url = 'https://example.org/a/very/long/path/that/does/not/fit';
    const rendered = renderTerminal(
      message(section(`one two three four five six seven <${url}> eight`)),
      { color: false, width: 20 },
    );
    expect(rendered.text).toBe(['one two three four', 'five six seven', url, 'eight'].join('\n'));
  });

  it('counts wide characters as two columns when wrapping', () => {
    const rendered = renderTerminal(message(section('图神经网络 图神经网络 图神经网络 abc')), {
      color: false,
      width: 22,
    });
    expect(rendered.text).toBe(['图神经网络 图神经网络', '图神经网络 abc'].join('\n'));
  });

  it('puts blank lines between sections, not before their context and buttons', () => {
    const rendered = renderTerminal(
      message(
        section('First'),
        context('meta'),
        section('Second'),
        actions(button('Go', 'go', '1')),
      ),
      { color: false },
    );
    expect(rendered.text).toBe(['First', 'meta', '', 'Second', '[1 Go]'].join('\n'));
  });

  it('numbers accessory buttons and overflow options with the others, in reading order', () => {
    const rendered = renderTerminal(
      message(
        {
          type: 'section',
          text: mrkdwn('Card'),
          fields: [mrkdwn('*Session*\nPoster Session 9'), plain('Hall *A*')],
          accessory: button('Abstract', 'paper_abstract', 'p1'),
        },
        {
          type: 'actions',
          elements: [
            button('Poster', 'paper_poster', '', { url: 'https://iclr.cc/p1' }),
            {
              type: 'overflow',
              action_id: 'paper_more',
              options: [
                { text: plain('Save'), value: 'save:p1' },
                { text: plain('Hide'), value: 'hide:p1' },
              ],
            },
          ],
        },
      ),
      { color: false },
    );
    expect(rendered.text).toBe(
      [
        'Card',
        'Session',
        'Poster Session 9',
        'Hall *A*',
        '[1 Abstract]',
        '[2 Poster ↗] [3 Save] [4 Hide]',
      ].join('\n'),
    );
    expect(rendered.buttons).toEqual([
      { n: 1, actionId: 'paper_abstract', value: 'p1', text: 'Abstract' },
      { n: 2, actionId: 'paper_poster', value: '', text: 'Poster', url: 'https://iclr.cc/p1' },
      { n: 3, actionId: 'paper_more', value: 'save:p1', text: 'Save' },
      { n: 4, actionId: 'paper_more', value: 'hide:p1', text: 'Hide' },
    ]);
  });

  it('offers the options of a select menu as numbered choices sent with the menu’s id', () => {
    const rendered = renderTerminal(
      message({
        type: 'actions',
        elements: [
          button('Ada Li', 'author_pick_0', 'k0'),
          {
            type: 'static_select',
            action_id: 'author_pick',
            placeholder: plain('2 more…'),
            options: [
              { text: plain('Bo Li'), value: 'k1' },
              { text: plain('Cy Li'), value: 'k2' },
            ],
          },
        ],
      }),
      { color: false },
    );
    expect(rendered.text).toBe('[1 Ada Li] [2 Bo Li] [3 Cy Li]');
    expect(rendered.buttons.map((b) => [b.actionId, b.value])).toEqual([
      ['author_pick_0', 'k0'],
      ['author_pick', 'k1'],
      ['author_pick', 'k2'],
    ]);
  });

  it('shows the fallback text when a message has no blocks', () => {
    expect(renderTerminal({ text: 'Only *text* here', blocks: [] }, { color: false }).text).toBe(
      'Only text here',
    );
  });

  it('names blocks it cannot show instead of dropping them silently', () => {
    const rendered = renderTerminal(
      message(
        { type: 'image', image_url: 'https://x.org/p.png', alt_text: 'Poster PDF preview' },
        { type: 'rich_text', elements: [] },
      ),
      { color: false },
    );
    expect(rendered.text).toBe(
      ['[image: Poster PDF preview]', '', '[rich_text block not shown in the console]'].join('\n'),
    );
  });

  it('never lets control characters from data reach the terminal', () => {
    const evil = `Title${ESC}[2J${ESC}]0;pwned\u0007\u009b31m\r\u0000`;
    const rendered = renderTerminal(
      message(
        header(evil),
        section(`*${evil}* <https://x.org/${ESC}[1m|${evil}>`),
        context(evil),
        actions(button(evil, 'a', 'v')),
      ),
      { color: false },
    );
    expect(controlCharactersIn(rendered.text)).toEqual([]);
    expect(rendered.text.split('\n')[0]).toBe('Title[2J]0;pwned31m');
    expect(rendered.buttons[0]?.text).toBe('Title[2J]0;pwned31m');
  });
});

describe('renderTerminal with color', () => {
  it('uses SGR styles and OSC-8 hyperlinks, reset at the end of every line', () => {
    const rendered = renderTerminal(
      message(
        header('Results'),
        section('*Bold* <https://x.org|Link>'),
        context('dim _meta_'),
        actions(button('Share', 'share', '1', { style: 'primary' })),
      ),
      { color: true },
    );
    expect(rendered.text).toBe(
      [
        `${ESC}[1;4mResults${ESC}[0m`,
        `${ESC}[1mBold${ESC}[0m ${ESC}]8;;https://x.org${ESC}\\${ESC}[4;34mLink${ESC}]8;;${ESC}\\${ESC}[0m`,
        `${ESC}[2mdim ${ESC}[0m${ESC}[2;3mmeta${ESC}[0m`,
        `[${ESC}[1m1${ESC}[0m${ESC}[32m Share${ESC}[0m]`,
      ].join('\n'),
    );
  });

  it('keeps an ESC in a title from leaking: only its own sequences remain', () => {
    const rendered = renderTerminal(
      message(section(`*A ${ESC}[31mred${ESC}]8;;evil${ESC}\\ title*`)),
      {
        color: true,
      },
    );
    expect(rendered.text).toBe(`${ESC}[1mA [31mred]8;;evil\\ title${ESC}[0m`);
  });
});

describe('stripControlCharacters', () => {
  it.each([
    ['keeps newlines, turns tabs into spaces', 'a\tb\nc', 'a b\nc'],
    ['drops C0, DEL and C1', 'a\u0000\u0007\u001b\u007f\u0085\u009bb', 'ab'],
    ['keeps printable unicode', 'Ünïcödé · 图 🏆', 'Ünïcödé · 图 🏆'],
  ])('%s', (_, input, expected) => {
    expect(stripControlCharacters(input)).toBe(expected);
  });
});

describe('displayWidth', () => {
  it.each([
    ['ascii', 'abc', 3],
    ['CJK is two columns', '图神经', 6],
    ['emoji are two columns', '🏆📍', 4],
    ['combining marks take none', 'e\u0301', 1],
  ])('%s', (_, text, width) => {
    expect(displayWidth(text)).toBe(width);
  });
});

describe('terminalSupportsColor', () => {
  it.each([
    [true, {}, true],
    [false, {}, false],
    [true, { NO_COLOR: '1' }, false],
    [true, { NO_COLOR: '' }, true],
  ])('isTTY %s with %j → %s', (isTTY, env, expected) => {
    expect(terminalSupportsColor({ isTTY }, env)).toBe(expected);
  });
});
