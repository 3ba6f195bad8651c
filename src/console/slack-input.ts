/**
 * Text typed as one would type it in Slack (`/poster …`, `@poster …`), routed to the bot's
 * {@link Replies} the way the Slack listeners route the real thing. Shared by the console and
 * the CLI's `ask`, so both take the same path as Slack.
 */
import type { SlackMessage } from '../blocks/message.ts';
import { renderNotice } from '../blocks/paper.ts';
import type { Asker, LinkReplies, Replies, Reply } from '../bot/types.ts';

/** The bot's user id outside Slack: mention text carries `<@UPOSTERBOT>` like Slack's `<@U…>`. */
export const CONSOLE_BOT_USER_ID = 'UPOSTERBOT';

/** The asker outside Slack, when the caller names none. */
export const CONSOLE_USER_ID = 'ULOCALCONSOLE';

/** The workspace of the console (and of `poster-bot plan` by default): a plan needs one. */
export const CONSOLE_TEAM_ID = 'TLOCALCONSOLE';

/** `/poster plan` or `/poster home`: in the console, the Home tab itself. */
const HOME_COMMAND = /^\s*(?:plan|home)\s*$/i;

export type SlackInput =
  /** `/poster <text>`, or any line without a prefix. */
  | { kind: 'command'; text: string }
  /** `@poster …` (any `@name`): `text` as Slack delivers it, `<@UPOSTERBOT> …`. */
  | { kind: 'mention'; text: string }
  /** A pasted link (issue 13): its poster card, as Slack would unfurl it. */
  | { kind: 'link'; url: string }
  /** `about <text>`: the "Find posters about this" message shortcut on that text. */
  | { kind: 'about'; text: string }
  /** `find`: the "Find a poster" search form (global shortcut), as opened blank. */
  | { kind: 'find' }
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
  // links (issue 13): a pasted link, the two shortcuts.
  if (/^<?https?:\/\/\S+$/i.test(text)) return { kind: 'link', url: text.replace(/^<|>$/g, '') };
  const about = /^about:?\s+([\s\S]+)$/i.exec(text);
  if (about) return { kind: 'about', text: about[1] ?? '' };
  if (/^find$/i.test(text)) return { kind: 'find' };
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
  replies: Replies & Partial<LinkReplies>,
  input: Exclude<SlackInput, { kind: 'unknown-command' }>,
  asker: Asker,
): Promise<Answer> {
  if (input.kind === 'link' || input.kind === 'about' || input.kind === 'find') {
    return askLinks(replies, input, asker);
  }
  if (input.kind === 'mention') {
    return { kind: 'thread', message: await replies.mention(input.text, asker) };
  }
  // Slack shows the Home tab beside the conversation; here it is asked for by name.
  if (replies.home && HOME_COMMAND.test(input.text)) {
    return { kind: 'view', view: await replies.home({ ...asker, surface: 'home' }) };
  }
  return replies.command(input.text, asker);
}

/** links (issue 13): a pasted link, "Find posters about this", "Find a poster". */
async function askLinks(
  replies: Partial<LinkReplies>,
  input: Extract<SlackInput, { kind: 'link' | 'about' | 'find' }>,
  asker: Asker,
): Promise<Answer> {
  const { unfurl, aboutMessage, searchForm } = replies;
  if (!unfurl || !aboutMessage || !searchForm) {
    return { kind: 'ephemeral', message: renderNotice('Links and shortcuts are not set up here.') };
  }
  if (input.kind === 'about') {
    return { kind: 'ephemeral', message: await aboutMessage(input.text, asker) };
  }
  if (input.kind === 'find') {
    return {
      kind: 'view',
      view: await searchForm({ kind: 'open' }, { ...asker, surface: 'modal' }),
    };
  }
  const card = (await unfurl([input.url], asker)).get(input.url);
  if (card === undefined) {
    return {
      kind: 'ephemeral',
      message: renderNotice('That link names no poster of the catalog: Slack shows it as is.'),
    };
  }
  return { kind: 'in_channel', message: { text: input.url, blocks: card.blocks } };
}

/** The one line shown for a slash command that is not `/poster`. */
export function unknownCommandMessage(command: string): string {
  return `${command} is not a command of this bot: try /poster followed by a topic, or help.`;
}
