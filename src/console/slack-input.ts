/**
 * Text typed as one would type it in Slack (`/poster …`, `@poster …`), routed to the bot's
 * {@link Replies} the way the Slack listeners route the real thing. Shared by the console and
 * the CLI's `ask`, so both take the same path as Slack.
 */
import type { SlackMessage } from '../blocks/message.ts';
import type { Asker, Replies, Reply } from '../bot/types.ts';

/** The bot's user id outside Slack: mention text carries `<@UPOSTERBOT>` like Slack's `<@U…>`. */
export const CONSOLE_BOT_USER_ID = 'UPOSTERBOT';

/** The asker outside Slack, when the caller names none. */
export const CONSOLE_USER_ID = 'ULOCALCONSOLE';

/** The workspace outside Slack: the console's plan is its own (plans are per team and user). */
export const CONSOLE_TEAM_ID = 'TLOCALCONSOLE';

export type SlackInput =
  /** `/poster <text>`, or any line without a prefix. */
  | { kind: 'command'; text: string }
  /** `@poster …` (any `@name`): `text` as Slack delivers it, `<@UPOSTERBOT> …`. */
  | { kind: 'mention'; text: string }
  /** `/something-else`: not ours; Slack would not even route it to this bot. */
  | { kind: 'unknown-command'; command: string };

const SLASH = /^\/(\S+)\s*([\s\S]*)$/;
const AT = /^@\S*\s*([\s\S]*)$/;

/**
 * Classifies one typed line. A bare line is a `/poster` command, because that is what someone
 * trying the bot means; an `@` at the start is a mention of the bot, whatever name follows.
 */
export function parseSlackInput(typed: string): SlackInput {
  const text = typed.trim();
  const slash = SLASH.exec(text);
  if (slash) {
    const [, name = '', rest = ''] = slash;
    return name.toLowerCase() === 'poster'
      ? { kind: 'command', text: rest }
      : { kind: 'unknown-command', command: `/${name}` };
  }
  const at = AT.exec(text);
  if (at) return { kind: 'mention', text: `<@${CONSOLE_BOT_USER_ID}> ${at[1] ?? ''}`.trimEnd() };
  return { kind: 'command', text };
}

/**
 * What the bot answered: a {@link Reply}, or for a mention the message Slack would post in
 * the thread.
 */
export type Answer = Reply | { kind: 'thread'; message: SlackMessage };

/** Sends a parsed command or mention to `replies`; errors propagate to the caller. */
export async function askReplies(
  replies: Replies,
  input: Exclude<SlackInput, { kind: 'unknown-command' }>,
  asker: Asker,
): Promise<Answer> {
  if (input.kind === 'mention') {
    return { kind: 'thread', message: await replies.mention(input.text, asker) };
  }
  return replies.command(input.text, asker);
}

/** The one line shown for a slash command that is not `/poster`. */
export function unknownCommandMessage(command: string): string {
  return `${command} is not a command of this bot: try /poster followed by a topic, or help.`;
}
