import type { SlackMessage } from '../blocks/message.ts';

/**
 * How a reply reaches the user. The Slack listeners and the local console both translate
 * these, so everything up to the rendering is one code path.
 */
export type Reply =
  /** Replace the message the clicked button sits on (paging, "did you mean"). */
  | { kind: 'replace'; message: SlackMessage }
  /** A new message only the asking user sees (slash command answers, abstracts). */
  | { kind: 'ephemeral'; message: SlackMessage }
  /** A new message everyone in the channel sees (Share). */
  | { kind: 'in_channel'; message: SlackMessage };

/** Who asked, as far as a reply needs to know. */
export interface Asker {
  userId: string;
}

/** The bot's conversational surface, independent of Slack and of the terminal. */
export interface Replies {
  /** `/poster <text>`; `text` is already decoded from Slack's escaping. */
  command(text: string, asker: Asker): Promise<Reply> | Reply;
  /** A button click: its `action_id` and `value`. */
  action(actionId: string, value: string, asker: Asker): Promise<Reply> | Reply;
  /** An @mention; `text` still holds the `<@BOT>` mention and any links, decoded. */
  mention(text: string, asker: Asker): Promise<SlackMessage> | SlackMessage;
}
