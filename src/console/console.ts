/**
 * The local console: the bot without Slack. Reads lines typed as in Slack, sends them to the
 * same {@link Replies} the Slack listeners use, and prints the very same Block Kit rendered for
 * a terminal. Buttons are pressed by typing their number. Streams come from the caller (the
 * composition root passes stdin/stdout; tests pass PassThrough streams).
 */
import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import type { SlackMessage } from '../blocks/message.ts';
import {
  type Asker,
  type BotFile,
  type LinkReplies,
  type Replies,
  replyMessage,
} from '../bot/types.ts';
import { type ButtonRef, renderNote, renderTerminal } from './render-terminal.ts';
import {
  type Answer,
  askReplies,
  CONSOLE_TEAM_ID,
  CONSOLE_USER_ID,
  parseSlackInput,
  type SlackInput,
  unknownCommandMessage,
} from './slack-input.ts';

/** Printed by the composition root when it falls back to the console (no Slack tokens). */
export const CONSOLE_BANNER = [
  'No Slack credentials set — running the local console. Set SLACK_BOT_TOKEN and SLACK_APP_TOKEN (see README) to connect to Slack.',
  'Try: /poster vision transformer · @poster papers by Cho-Jui Hsieh · about <text> · find · a poster link · help · quit',
].join('\n');

/** Shown after the bot's own help: what only the console adds. */
export const CONSOLE_HELP_NOTE =
  'In this console: type a button’s number to press it (3 or :3), quit or exit to leave.';

/** After `find`: the form's fields are Slack inputs, which a terminal cannot fill. */
export const FIND_NOTE =
  'The form’s fields (words, session, day, award, code) are filled in Slack; here, search with /poster <words>.';

export const CONSOLE_PROMPT = 'poster> ';

export interface ConsoleOptions {
  input: Readable;
  output: Writable;
  /** With {@link LinkReplies}, links, `about <text>` and `find` work too (issue 13). */
  replies: Replies & Partial<LinkReplies>;
  /** ANSI styles and hyperlinks; the caller decides (TTY, NO_COLOR). */
  color: boolean;
  /** Show `poster> ` and enable line editing: for a terminal, not for piped input. */
  prompt: boolean;
  userId?: string;
  /** Columns to wrap at (the terminal's); 80 when unknown. */
  width?: number;
  /**
   * Keeps a file a reply hands over (the calendar) and says where it went; src/main.ts
   * saves into the working directory. Without it the console says where it would go.
   */
  saveFile?: (file: BotFile) => Promise<string>;
}

/** One typed line, classified. */
export type ConsoleLine =
  | { kind: 'empty' }
  | { kind: 'quit' }
  | { kind: 'press'; n: number }
  | { kind: 'slack'; input: SlackInput };

/**
 * Classifies a line: `quit`/`exit`, a bare number or `:n` (press button n), `?` (help), and
 * otherwise text as typed in Slack (see {@link parseSlackInput}).
 */
export function parseConsoleLine(line: string): ConsoleLine {
  const text = line.trim();
  if (text === '') return { kind: 'empty' };
  if (/^(quit|exit)$/i.test(text)) return { kind: 'quit' };
  const press = /^:?(\d{1,6})$/.exec(text);
  if (press) return { kind: 'press', n: Number(press[1]) };
  if (text === '?') return { kind: 'slack', input: { kind: 'command', text: 'help' } };
  return { kind: 'slack', input: parseSlackInput(text) };
}

/**
 * Runs the console until the input ends or the user quits. Never rejects because of the bot:
 * an error from `replies` is printed as one line and the loop goes on.
 */
export async function runConsole(opts: ConsoleOptions): Promise<void> {
  const session = createSession(opts);
  const rl = createInterface({
    input: opts.input,
    // Without an output readline writes nothing: piped runs print answers only.
    output: opts.prompt ? opts.output : undefined,
    crlfDelay: Number.POSITIVE_INFINITY,
  });
  rl.setPrompt(CONSOLE_PROMPT);
  // Ctrl-C in a terminal leaves like `quit` instead of pausing the interface.
  rl.on('SIGINT', () => rl.close());
  const prompt = () => {
    if (!opts.prompt) return;
    session.separate();
    rl.prompt();
  };
  prompt();
  for await (const line of rl) {
    const parsed = parseConsoleLine(line);
    if (parsed.kind === 'quit') break;
    await session.handle(parsed);
    prompt();
  }
  rl.close();
  // Leave the user's shell prompt on a line of its own after Ctrl-D or quit.
  if (opts.prompt) opts.output.write('\n');
}

interface Session {
  handle(line: Exclude<ConsoleLine, { kind: 'quit' }>): Promise<void>;
  /** Ends the current group of output with a blank line, if anything was printed. */
  separate(): void;
}

/** The console's state (the buttons on screen) and its printing, apart from readline. */
function createSession(opts: ConsoleOptions): Session {
  const asker: Asker = { userId: opts.userId ?? CONSOLE_USER_ID, teamId: CONSOLE_TEAM_ID };
  let buttons: ButtonRef[] = [];
  let printed = false;

  const print = (text: string) => {
    if (printed) opts.output.write('\n');
    opts.output.write(`${text}\n`);
    printed = true;
  };
  const notice = (text: string) => print(renderNote(text, opts));
  const show = (message: SlackMessage, note?: string) => {
    const rendered = renderTerminal(message, { color: opts.color, width: opts.width });
    // Numbers keep pointing at the last buttons shown: a message without buttons (a shared
    // card, a help text) does not take away the results above it.
    if (rendered.buttons.length > 0) buttons = rendered.buttons;
    if (note !== undefined) print(`${renderNote(note, opts)}\n${rendered.text}`);
    else print(rendered.text);
  };
  const showAnswer = async (answer: Answer) => {
    show(replyMessage(answer), ANSWER_NOTES[answer.kind]);
    // In Slack the file goes to the DM; here, to a file beside the user.
    if (answer.kind === 'file') {
      const { file } = answer;
      if (opts.saveFile === undefined) {
        notice(`(${file.filename} would be saved in the working directory)`);
      } else {
        notice(`(saved ${file.filename} to ${await opts.saveFile(file)})`);
      }
    }
  };

  const press = async (n: number) => {
    const button = buttons.find((b) => b.n === n);
    if (button === undefined) {
      notice(missingButtonMessage(n, buttons));
      return;
    }
    if (button.url !== undefined) {
      notice(`“${button.text}” opens ${button.url}`);
      return;
    }
    await showAnswer(await opts.replies.action(button.actionId, button.value, asker));
  };

  const ask = async (input: SlackInput) => {
    if (input.kind === 'unknown-command') {
      notice(unknownCommandMessage(input.command));
      return;
    }
    await showAnswer(await askReplies(opts.replies, input, asker));
    if (input.kind === 'find') notice(FIND_NOTE);
    if (input.kind === 'command' && input.text.trim().toLowerCase() === 'help') {
      notice(CONSOLE_HELP_NOTE);
    }
  };

  return {
    async handle(line) {
      try {
        if (line.kind === 'press') await press(line.n);
        else if (line.kind === 'slack') await ask(line.input);
      } catch (error) {
        notice(`Sorry, that did not work: ${describeError(error)}`);
      }
    },
    separate() {
      if (printed) opts.output.write('\n');
      printed = false;
    },
  };
}

/** How each kind of answer is introduced; Slack shows the difference by where it appears. */
const ANSWER_NOTES: Record<Answer['kind'], string | undefined> = {
  ephemeral: undefined,
  thread: undefined,
  replace: '(updated)',
  in_channel: '(posted to the channel)',
  view: '(opened a view)',
  file: undefined,
};

function missingButtonMessage(n: number, buttons: ButtonRef[]): string {
  if (buttons.length === 0) {
    return `There are no buttons to press yet. To search for “${n}”, type /poster ${n}.`;
  }
  const range = buttons.length === 1 ? 'button 1' : `buttons 1–${buttons.length}`;
  return `There is no button ${n}: the last message has ${range}.`;
}

/** One line, whatever was thrown: the first line of its message, never a stack. */
export function describeError(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const first = message.split('\n', 1)[0]?.trim() ?? '';
  return first === '' ? 'unexpected error' : first;
}
