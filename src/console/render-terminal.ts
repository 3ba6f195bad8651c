/**
 * Terminal rendering of Block Kit: the local console and the CLI show the very same
 * `SlackMessage` the Slack app sends, so what a developer sees here is what an attendee sees in
 * Slack (minus pixels). Pure: no I/O, no environment reads.
 *
 * Block Kit reference: https://api.slack.com/reference/block-kit/blocks
 * mrkdwn reference: https://api.slack.com/reference/surfaces/formatting
 */
import type {
  ActionsBlockElement,
  Button,
  ContextBlockElement,
  KnownBlock,
  PlainTextElement,
  SectionBlockAccessory,
  TextObject,
} from '@slack/types';
import { decodeSlackText } from '../blocks/escape.ts';
import type { SlackMessage } from '../blocks/message.ts';

/** A button as the console shows it: `[n text]`; typing `n` presses it. */
export interface ButtonRef {
  /** 1-based, in reading order across the whole message. */
  n: number;
  actionId: string;
  value: string;
  /** The label as displayed (decoded, control characters removed). */
  text: string;
  /** Link buttons open a page instead of (only) calling the app. */
  url?: string;
}

export interface TerminalRenderOptions {
  /** ANSI styles and OSC-8 hyperlinks when true; plain text (`label (url)`) when false. */
  color: boolean;
  /** Columns to wrap at; defaults to {@link DEFAULT_TERMINAL_WIDTH}. */
  width?: number;
}

export interface TerminalRendering {
  /** Lines joined by `\n`, without a trailing newline. */
  text: string;
  buttons: ButtonRef[];
}

/** The classic terminal width, used when the caller does not know the real one (pipes). */
export const DEFAULT_TERMINAL_WIDTH = 80;
/** Narrower than this, wrapping hurts more than it helps. */
const MIN_WIDTH = 20;

type Style =
  | 'bold'
  | 'italic'
  | 'strike'
  | 'code'
  | 'dim'
  | 'link'
  | 'heading'
  | 'primary'
  | 'danger';

const SGR: Record<Style, readonly string[]> = {
  bold: ['1'],
  dim: ['2'],
  italic: ['3'],
  strike: ['9'],
  code: ['36'],
  link: ['4', '34'],
  heading: ['1', '4'],
  primary: ['32'],
  danger: ['31'],
};

interface Span {
  text: string;
  styles: readonly Style[];
  /** Only set when rendering with color: the span is an OSC-8 hyperlink. */
  href?: string;
}

type Line = Span[];

/** One hard line of mrkdwn (or a whole preformatted block), before wrapping. */
interface Paragraph {
  kind: 'text' | 'quote' | 'pre';
  spans: Span[];
}

/** A unit the wrapper never splits, with the whitespace that precedes it. */
interface Word {
  gap: Span[];
  parts: Span[];
}

interface RenderContext {
  color: boolean;
  width: number;
  buttons: ButtonRef[];
}

/**
 * Renders `message` for a terminal: header bold and underlined, sections wrapped to `width`,
 * mrkdwn translated, context dimmed, dividers as a rule, and every button numbered
 * (`[1 Abstract] [2 Share]`) so it can be pressed by typing its number.
 *
 * Every string taken from the message is stripped of control characters first: titles and
 * abstracts come from data files, and an ESC reaching the terminal could rewrite the screen.
 */
export function renderTerminal(
  message: SlackMessage,
  opts: TerminalRenderOptions,
): TerminalRendering {
  const ctx: RenderContext = {
    color: opts.color,
    width: Math.max(MIN_WIDTH, Math.floor(opts.width ?? DEFAULT_TERMINAL_WIDTH)),
    buttons: [],
  };
  const lines: Line[] = [];
  if (message.blocks.length === 0) {
    lines.push(...layoutParagraphs(parseMrkdwn(message.text, [], ctx), ctx));
  }
  let previous: KnownBlock | undefined;
  for (const block of message.blocks) {
    const rendered = renderBlock(block, ctx);
    if (rendered.length === 0) continue;
    if (previous !== undefined && needsGap(previous, block)) lines.push([]);
    lines.push(...rendered);
    previous = block;
  }
  return { text: lines.map((line) => emitLine(line, ctx.color)).join('\n'), buttons: ctx.buttons };
}

/**
 * A one-line note from the console itself ("(updated)", an error), dimmed when `color`, with
 * control characters removed because notes can quote user input or error messages.
 */
export function renderNote(text: string, opts: { color: boolean }): string {
  return emitLine([{ text: stripControlCharacters(text), styles: ['dim'] }], opts.color);
}

/**
 * Removes C0 and C1 control characters (ESC, BEL, CSI, …) except `\n`, and turns tabs into
 * spaces, so text from data files or users cannot drive the terminal.
 */
export function stripControlCharacters(text: string): string {
  let out = '';
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    if (char === '\t') out += ' ';
    else if (char === '\n' || !isControl(code)) out += char;
  }
  return out;
}

function isControl(code: number): boolean {
  return code < 0x20 || (code >= 0x7f && code <= 0x9f);
}

/**
 * Whether to use ANSI styles on `stream`: only on a terminal, and never when `NO_COLOR` is set
 * (https://no-color.org). Takes `env` as an argument so callers decide where it comes from.
 */
export function terminalSupportsColor(
  stream: { isTTY?: boolean },
  env: Record<string, string | undefined>,
): boolean {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  return stream.isTTY === true;
}

/**
 * Columns a string takes in a terminal: 2 for East Asian wide characters and most emoji, 0 for
 * combining marks and zero-width characters, 1 otherwise. An approximation of wcwidth that is
 * right for the scripts in our data; good enough to wrap by.
 */
export function displayWidth(text: string): number {
  let width = 0;
  for (const char of text) width += charWidth(char.codePointAt(0) ?? 0);
  return width;
}

const ZERO_WIDTH: readonly (readonly [number, number])[] = [
  [0x0300, 0x036f],
  [0x200b, 0x200f],
  [0x20d0, 0x20ff],
  [0xfe00, 0xfe0f],
];

const WIDE: readonly (readonly [number, number])[] = [
  // Emoji below U+1F000 that terminals draw two columns wide.
  [0x231a, 0x231b],
  [0x23e9, 0x23ec],
  [0x23f0, 0x23f0],
  [0x23f3, 0x23f3],
  [0x2705, 0x2705],
  [0x2728, 0x2728],
  [0x274c, 0x274c],
  [0x2b50, 0x2b50],
  [0x1100, 0x115f],
  [0x2e80, 0x303e],
  [0x3041, 0x33ff],
  [0x3400, 0x4dbf],
  [0x4e00, 0x9fff],
  [0xa000, 0xa4cf],
  [0xac00, 0xd7a3],
  [0xf900, 0xfaff],
  [0xfe30, 0xfe4f],
  [0xff00, 0xff60],
  [0xffe0, 0xffe6],
  [0x1f300, 0x1f64f],
  [0x1f680, 0x1f6ff],
  [0x1f900, 0x1faff],
  [0x20000, 0x3fffd],
];

function charWidth(code: number): number {
  const within = ([lo, hi]: readonly [number, number]) => code >= lo && code <= hi;
  if (ZERO_WIDTH.some(within)) return 0;
  return WIDE.some(within) ? 2 : 1;
}

// ---------------------------------------------------------------------------------------------
// Blocks

/** Context and actions belong to the block above them; dividers and headers separate already. */
function needsGap(previous: KnownBlock, block: KnownBlock): boolean {
  const attached = block.type === 'context' || block.type === 'actions' || block.type === 'divider';
  const separating = previous.type === 'divider' || previous.type === 'header';
  return !attached && !separating;
}

function renderBlock(block: KnownBlock, ctx: RenderContext): Line[] {
  switch (block.type) {
    case 'header':
      return renderHeader(block.text, ctx);
    case 'section': {
      const paragraphs = [
        ...(block.text ? parseTextObject(block.text, [], ctx) : []),
        ...(block.fields ?? []).flatMap((field) => parseTextObject(field, [], ctx)),
      ];
      const lines = layoutParagraphs(paragraphs, ctx);
      const accessory = block.accessory ? elementWords(block.accessory, ctx) : [];
      return accessory.length > 0 ? [...lines, ...wrapWords(accessory, ctx.width)] : lines;
    }
    case 'context': {
      const paragraphs = joinInline(
        block.elements.map((element) => contextParagraphs(element, ctx)),
      );
      return layoutParagraphs(paragraphs, ctx);
    }
    case 'actions':
      return wrapWords(
        block.elements.flatMap((element) => elementWords(element, ctx)),
        ctx.width,
      );
    case 'divider':
      return [[{ text: '─'.repeat(ctx.width), styles: ['dim'] }]];
    case 'image':
      return [[{ text: `[image: ${clean(block.alt_text)}]`, styles: ['dim'] }]];
    default:
      return [[{ text: `[${clean(block.type)} block not shown in the console]`, styles: ['dim'] }]];
  }
}

function renderHeader(text: PlainTextElement, ctx: RenderContext): Line[] {
  const words = textToWords([{ text: plainText(text), styles: ['heading'] }]);
  const lines = wrapWords(words, ctx.width);
  if (ctx.color) return lines;
  const rule = Math.max(...lines.map((line) => displayWidth(lineText(line))));
  return [...lines, [{ text: '═'.repeat(rule), styles: [] }]];
}

function contextParagraphs(element: ContextBlockElement, ctx: RenderContext): Paragraph[] {
  // Images in a context are avatars and icons: nothing to read.
  return element.type === 'image' ? [] : parseTextObject(element, ['dim'], ctx);
}

function parseTextObject(object: TextObject, base: Style[], ctx: RenderContext): Paragraph[] {
  if (object.type === 'mrkdwn') return parseMrkdwn(object.text, base, ctx);
  return plainText(object)
    .split('\n')
    .map((line) => ({ kind: 'text', spans: [{ text: line, styles: base }] }));
}

/** Context elements sit side by side: the last line of one continues with the next. */
function joinInline(groups: Paragraph[][]): Paragraph[] {
  const out: Paragraph[] = [];
  for (const group of groups) {
    const [first, ...rest] = group;
    if (first === undefined) continue;
    const last = out.at(-1);
    if (last?.kind === 'text' && first.kind === 'text') {
      last.spans.push({ text: '  ', styles: last.spans.at(-1)?.styles ?? [] }, ...first.spans);
    } else {
      out.push(first);
    }
    out.push(...rest);
  }
  return out;
}

/**
 * Buttons become numbered words; overflow and static select menus one word per option (each
 * is a choice, sent with the menu's action id as Slack does).
 */
function elementWords(
  element: ActionsBlockElement | SectionBlockAccessory,
  ctx: RenderContext,
): Word[] {
  if (element.type === 'button') return [buttonWord(element, ctx)];
  if (element.type === 'overflow' || element.type === 'static_select') {
    const { action_id } = element;
    const options = element.options ?? [];
    return options.map((option) =>
      buttonWord(
        {
          type: 'button',
          action_id,
          text: { type: 'plain_text', text: plainText(option.text) },
          ...(option.value !== undefined && { value: option.value }),
        },
        ctx,
      ),
    );
  }
  // A thumbnail beside a section: decoration.
  if (element.type === 'image') return [];
  return [
    {
      gap: [{ text: ' ', styles: [] }],
      parts: [{ text: `[${clean(element.type)} not shown]`, styles: ['dim'] }],
    },
  ];
}

function buttonWord(button: Button, ctx: RenderContext): Word {
  const n = ctx.buttons.length + 1;
  const text = plainText(button.text);
  const url = button.url === undefined ? undefined : clean(button.url);
  ctx.buttons.push({
    n,
    actionId: button.action_id ?? '',
    value: button.value ?? '',
    text,
    ...(url === undefined ? {} : { url }),
  });
  const tone: Style[] =
    button.style === 'primary' ? ['primary'] : button.style === 'danger' ? ['danger'] : [];
  return {
    gap: [{ text: ' ', styles: [] }],
    parts: [
      { text: '[', styles: [] },
      { text: String(n), styles: ['bold'] },
      { text: ` ${text}${url === undefined ? '' : ' ↗'}`, styles: tone },
      { text: ']', styles: [] },
    ],
  };
}

// ---------------------------------------------------------------------------------------------
// mrkdwn

/**
 * Slack shortcodes our messages use, and a few common ones, as the emoji Slack shows. An
 * unknown `:name:` stays as typed, as Slack leaves it.
 */
const EMOJI: Readonly<Record<string, string>> = {
  bookmark: '🔖',
  books: '📚',
  bulb: '💡',
  busts_in_silhouette: '👥',
  calendar: '📆',
  date: '📅',
  eyes: '👀',
  fire: '🔥',
  flashlight: '🔦',
  hourglass: '⌛',
  link: '🔗',
  mag: '🔍',
  mag_right: '🔎',
  memo: '📝',
  microphone: '🎤',
  mortar_board: '🎓',
  page_facing_up: '📄',
  point_right: '👉',
  pushpin: '📌',
  round_pushpin: '📍',
  sparkles: '✨',
  speech_balloon: '💬',
  star: '⭐',
  tada: '🎉',
  thread: '🧵',
  trophy: '🏆',
  wave: '👋',
  white_check_mark: '✅',
  x: '❌',
};

/** A `plain_text` object as shown: no mrkdwn, but emoji unless `emoji: false`. */
function plainText(object: PlainTextElement): string {
  const text = clean(object.text);
  return object.emoji === false ? text : emojify(text);
}

function emojify(text: string): string {
  return text.replace(/:([a-z0-9_+-]+):/g, (code, name: string) =>
    Object.hasOwn(EMOJI, name) ? (EMOJI[name] ?? code) : code,
  );
}

/** Control characters out, Slack's three escapes decoded: what a reader of Slack would see. */
function clean(text: string): string {
  return decodeSlackText(stripControlCharacters(text));
}

/** A ```preformatted``` block; the capture makes `split` keep its content at odd indexes. */
const FENCED = /```([\s\S]*?)```/;

/**
 * Splits mrkdwn into paragraphs: preformatted blocks, `>` quotes (a raw `>` at a line start;
 * escaped `&gt;` is a literal) and plain lines. An unclosed fence stays literal, as in Slack.
 */
function parseMrkdwn(source: string, base: Style[], ctx: RenderContext): Paragraph[] {
  const pieces = stripControlCharacters(source).split(FENCED);
  return pieces.flatMap((piece, i): Paragraph[] => {
    if (i % 2 === 1) {
      const code = decodeSlackText(piece.replace(/^\n/, '').replace(/\n$/, ''));
      return [{ kind: 'pre', spans: [{ text: code, styles: [...base, 'code'] }] }];
    }
    // The line breaks next to a fence belong to the fence.
    let text = piece;
    if (i > 0) text = text.replace(/^\n/, '');
    if (i < pieces.length - 1) text = text.replace(/\n$/, '');
    if (text === '' && pieces.length > 1) return [];
    return text
      .split('\n')
      .map((line) =>
        line.startsWith('>')
          ? { kind: 'quote', spans: parseInline(line.replace(/^> ?/, ''), base, ctx) }
          : { kind: 'text', spans: parseInline(line, base, ctx) },
      );
  });
}

const EMPHASIS: Record<string, Style> = { '*': 'bold', _: 'italic', '~': 'strike' };

/**
 * One line of mrkdwn to styled spans. Follows Slack's rules closely enough for our messages:
 * `*`, `_`, `~` open only after a non-word character and before a non-space, close only after
 * a non-space and before a non-word character (so `snake_case_name` stays as is); code spans
 * and `<…>` tokens are atomic. Inside code (`literal`) there is no emphasis and no emoji.
 */
function parseInline(src: string, styles: Style[], ctx: RenderContext, literal = false): Span[] {
  const spans: Span[] = [];
  let plain = '';
  const flush = () => {
    const text = decodeSlackText(plain);
    if (plain !== '') spans.push({ text: literal ? text : emojify(text), styles });
    plain = '';
  };
  let i = 0;
  while (i < src.length) {
    const ch = src[i] ?? '';
    const close = ch === '<' || ch === '`' ? src.indexOf(ch === '<' ? '>' : '`', i + 1) : -1;
    if (ch === '<' && close !== -1) {
      flush();
      spans.push(...angleToken(src.slice(i + 1, close), styles, ctx));
      i = close + 1;
      continue;
    }
    if (ch === '`' && close > i + 1) {
      flush();
      const inner = parseInline(src.slice(i + 1, close), [...styles, 'code'], ctx, true);
      spans.push(...marked('`', inner, styles, ctx));
      i = close + 1;
      continue;
    }
    const style = EMPHASIS[ch];
    if (!literal && style !== undefined && canOpen(src, i)) {
      const end = findCloser(src, i + 1, ch);
      if (end !== -1) {
        flush();
        const inner = parseInline(src.slice(i + 1, end), [...styles, style], ctx);
        spans.push(...(style === 'strike' ? marked(ch, inner, styles, ctx) : inner));
        i = end + 1;
        continue;
      }
    }
    plain += ch;
    i += 1;
  }
  flush();
  return spans;
}

/**
 * Without color, code and strikethrough keep their markers: they carry meaning (type this
 * exactly; this no longer holds) where bold and italics are only emphasis.
 */
function marked(marker: string, inner: Span[], styles: Style[], ctx: RenderContext): Span[] {
  if (ctx.color) return inner;
  return [{ text: marker, styles }, ...inner, { text: marker, styles }];
}

const WORD_CHAR = /[\p{L}\p{N}]/u;
const SPACE = /\s/;

function canOpen(src: string, i: number): boolean {
  const before = src[i - 1];
  const after = src[i + 1];
  return (
    (before === undefined || !WORD_CHAR.test(before)) &&
    after !== undefined &&
    after !== src[i] &&
    !SPACE.test(after)
  );
}

function canClose(src: string, i: number): boolean {
  const before = src[i - 1];
  const after = src[i + 1];
  return (
    before !== undefined && !SPACE.test(before) && (after === undefined || !WORD_CHAR.test(after))
  );
}

/** The index of the marker closing an emphasis opened before `from`, skipping atomic tokens. */
function findCloser(src: string, from: number, marker: string): number {
  for (let k = from; k < src.length; k++) {
    const ch = src[k];
    if (ch === '<' || ch === '`') {
      const end = src.indexOf(ch === '<' ? '>' : '`', k + 1);
      if (end !== -1) k = end;
    } else if (ch === marker && k > from && canClose(src, k)) {
      return k;
    }
  }
  return -1;
}

const BROADCASTS = new Set(['here', 'channel', 'everyone']);

/**
 * `<…>` tokens: links `<url|label>` / `<url>`, user and channel mentions, `<!here>` and
 * friends, `<!date^…|fallback>`. Displayed the way Slack displays them, minus the pixels.
 */
function angleToken(content: string, styles: Style[], ctx: RenderContext): Span[] {
  const bar = content.indexOf('|');
  const target = decodeSlackText(bar === -1 ? content : content.slice(0, bar));
  const label = bar === -1 ? undefined : decodeSlackText(content.slice(bar + 1));
  const text = (value: string): Span[] => [{ text: value, styles }];
  if (target.startsWith('@') || target.startsWith('#')) {
    return text(label === undefined ? target : `${target[0]}${label.replace(/^[@#]/, '')}`);
  }
  if (target.startsWith('!')) {
    const name = target.slice(1);
    if (label !== undefined) return text(label);
    return text(BROADCASTS.has(name) ? `@${name}` : target);
  }
  return link(target, label, styles, ctx);
}

function link(url: string, label: string | undefined, styles: Style[], ctx: RenderContext): Span[] {
  const shown = label === undefined || label === '' ? url : label;
  if (ctx.color) return [{ text: shown, styles: [...styles, 'link'], href: url }];
  const redundant = shown === url || url === `mailto:${shown}`;
  return [{ text: redundant ? shown : `${shown} (${url})`, styles }];
}

// ---------------------------------------------------------------------------------------------
// Layout

const QUOTE_PREFIX = '│ ';
const PRE_PREFIX = '  ';

function layoutParagraphs(paragraphs: Paragraph[], ctx: RenderContext): Line[] {
  return paragraphs.flatMap((paragraph): Line[] => {
    if (paragraph.kind === 'pre') {
      return splitLines(paragraph.spans).map((line) => [{ text: PRE_PREFIX, styles: [] }, ...line]);
    }
    if (paragraph.kind === 'quote') {
      const prefix: Span = { text: QUOTE_PREFIX, styles: ['dim'] };
      return wrapWords(textToWords(paragraph.spans), ctx.width - QUOTE_PREFIX.length).map(
        (line) => [prefix, ...line],
      );
    }
    return wrapWords(textToWords(paragraph.spans), ctx.width);
  });
}

/** Splits spans at `\n` into lines, keeping each piece's style. */
function splitLines(spans: Span[]): Line[] {
  const lines: Line[] = [[]];
  for (const span of spans) {
    span.text.split('\n').forEach((piece, i) => {
      if (i > 0) lines.push([]);
      if (piece !== '') lines.at(-1)?.push({ ...span, text: piece });
    });
  }
  return lines;
}

/**
 * Cuts spans into words at whitespace; a word may mix styles (`*bold*,` is one word). Leading
 * whitespace is indentation: it sticks to the first word instead of being a droppable gap.
 */
function textToWords(spans: Span[]): Word[] {
  const words: Word[] = [];
  let current: Word = { gap: [], parts: [] };
  for (const span of spans) {
    for (const piece of span.text.split(/(\s+)/)) {
      if (piece === '') continue;
      const part = { ...span, text: piece };
      if (SPACE.test(piece) && (words.length > 0 || current.parts.length > 0)) {
        if (current.parts.length > 0) {
          words.push(current);
          current = { gap: [], parts: [] };
        }
        current.gap.push(part);
      } else {
        current.parts.push(part);
      }
    }
  }
  if (current.parts.length > 0) words.push(current);
  return words;
}

/**
 * Greedy word wrap. A word longer than the width gets a line of its own rather than being cut:
 * those are URLs, and a cut URL cannot be copied. Whitespace at a line start is dropped.
 */
function wrapWords(words: Word[], width: number): Line[] {
  const lines: Line[] = [];
  let line: Line = [];
  let used = 0;
  for (const word of words) {
    const wordWidth = spansWidth(word.parts);
    const gapWidth = spansWidth(word.gap);
    if (line.length === 0) {
      line = [...word.parts];
      used = wordWidth;
    } else if (used + gapWidth + wordWidth <= width) {
      line.push(...word.gap, ...word.parts);
      used += gapWidth + wordWidth;
    } else {
      lines.push(line);
      line = [...word.parts];
      used = wordWidth;
    }
  }
  lines.push(line);
  return lines;
}

function spansWidth(spans: Span[]): number {
  return spans.reduce((sum, span) => sum + displayWidth(span.text), 0);
}

function lineText(line: Line): string {
  return line.map((span) => span.text).join('');
}

const ESC = '\u001b';
const OSC8_CLOSE = `${ESC}]8;;${ESC}\\`;

/**
 * Writes one line. With color, each run of equal style gets its own SGR sequence after a reset
 * (so nested styles never leak), hyperlinks use OSC-8, and the line ends reset: no state
 * crosses a line, which keeps wrapping and piping through `less -R` safe.
 */
function emitLine(line: Line, color: boolean): string {
  if (!color) return lineText(line).trimEnd();
  let out = '';
  let sgr = '';
  let href: string | undefined;
  for (const span of line) {
    const next = sgrOf(span.styles);
    if (span.href !== href) {
      if (href !== undefined) out += OSC8_CLOSE;
      if (span.href !== undefined) out += `${ESC}]8;;${span.href}${ESC}\\`;
      href = span.href;
    }
    if (next !== sgr) {
      if (sgr !== '') out += `${ESC}[0m`;
      if (next !== '') out += `${ESC}[${next}m`;
      sgr = next;
    }
    out += span.text;
  }
  if (href !== undefined) out += OSC8_CLOSE;
  if (sgr !== '') out += `${ESC}[0m`;
  return out;
}

function sgrOf(styles: readonly Style[]): string {
  const codes = new Set(styles.flatMap((style) => SGR[style]));
  return [...codes].sort((a, b) => Number(a) - Number(b)).join(';');
}
