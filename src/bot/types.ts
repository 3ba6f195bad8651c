import type { KnownBlock } from '@slack/types';
import type { SlackMessage } from '../blocks/message.ts';
import type { FormRequest } from './search-form.ts';

/**
 * Where an answer will be shown. The same poster renders differently as a private answer, a
 * public thread answer, a direct message, a line of the digest, a Home tab row or a modal:
 * the listener that asks says where, and a feature may render for it.
 *
 * - `command`: a private answer to `/poster`, or to a click on one (ephemeral).
 * - `thread`: a public answer in a channel thread (mentions).
 * - `dm`: the bot's Messages tab (a direct message).
 * - `digest_thread`: the thread under a daily digest.
 * - `home`: the bot's Home tab. `modal`: a form the bot opened.
 */
export type Surface = 'command' | 'thread' | 'dm' | 'digest_thread' | 'home' | 'modal';

/** A Home tab or a modal: views hold blocks, not messages (up to 100 blocks). */
export interface BotView {
  type: 'home' | 'modal';
  /** A modal's title (plain text, ≤ 24 characters); unused on the Home tab. */
  title?: string;
  blocks: KnownBlock[];
  // links (issue 13): what a modal with inputs needs.
  /** A modal's submit button (plain text); a modal with inputs must have one. */
  submit?: string;
  /** A modal's `callback_id`: which listener its submission reaches. */
  callbackId?: string;
  /** A modal's `private_metadata` (≤ 3,000 chars): state its next step reads back. */
  privateMetadata?: string;
}

/**
 * How a reply reaches the user. The Slack listeners and the local console both translate
 * these, so everything up to the rendering is one code path.
 */
export type Reply =
  /** Replace the message the clicked button sits on (paging, "did you mean"). */
  (
    | { kind: 'replace'; message: SlackMessage }
    /** A new message only the asking user sees (slash command answers, abstracts). */
    | { kind: 'ephemeral'; message: SlackMessage }
    /** A new message everyone in the channel sees (Share). */
    | { kind: 'in_channel'; message: SlackMessage }
    /** A view to show: the Home tab, or a modal. */
    | { kind: 'view'; view: BotView }
    /**
     * A file for the asker alone (a calendar, a report), uploaded into their direct messages;
     * `message` is the short private confirmation shown where they clicked.
     */
    | { kind: 'file'; file: BotFile; message: SlackMessage }
  ) & {
    /**
     * The asker's Home tab, when this reply changed what it shows (a Save, a Remove): the
     * listener publishes it after delivering the reply (plan: src/bot/features/plan.ts).
     */
    home?: BotView;
  };

/** A file a reply hands to the asker. */
export interface BotFile {
  /** File name with extension, e.g. `my-plan.ics`. */
  filename: string;
  /** Title shown in Slack. */
  title: string;
  /** The content, UTF-8 text. */
  content: string;
}

/** A reply that is a message (every kind but a view). */
export type MessageReply = Exclude<Reply, { kind: 'view' }>;

/** Who asked, and where the answer will be shown, as far as a reply needs to know. */
export interface Asker {
  userId: string;
  /**
   * The asker's workspace (`team_id` of the payload; the console's is fixed). A plan belongs
   * to a workspace and a user; without it nothing can be saved.
   */
  teamId?: string;
  /**
   * Where the answer goes. Listeners always say; when left out, a command or a click
   * answers privately (`command`) and a mention in a thread (`thread`).
   */
  surface?: Surface;
}

/** The bot's conversational surface, independent of Slack and of the terminal. */
export interface Replies {
  /** `/poster <text>`; `text` is already decoded from Slack's escaping. */
  command(text: string, asker: Asker): Promise<Reply> | Reply;
  /** A button click: its `action_id` and `value`. */
  action(actionId: string, value: string, asker: Asker): Promise<Reply> | Reply;
  /** An @mention or a DM; `text` still holds any `<@BOT>` mention and links, decoded. */
  mention(text: string, asker: Asker): Promise<SlackMessage> | SlackMessage;
  /** The asker's Home tab (`app_home_opened`, `/poster plan` in the console). */
  home?(asker: Asker): Promise<BotView> | BotView;
}

/**
 * Posters found from outside `/poster` (issue 13): pasted links, any message, a search form.
 * Apart from {@link Replies} so that a surface without them (a test double, the CLI) need not
 * pretend to have them.
 */
export interface LinkReplies {
  /**
   * Cards for the pasted links that name a paper of the catalog, keyed by the link as given;
   * other links are left out (nothing to unfurl).
   */
  unfurl(
    urls: readonly string[],
    sharer: Asker,
  ): Promise<Map<string, { blocks: SlackMessage['blocks'] }>>;
  /**
   * "Find posters about this" on a message: its text, decoded; the answer is private, its
   * cards marked for `asker` (Saved).
   */
  aboutMessage(text: string, asker: Asker): SlackMessage | Promise<SlackMessage>;
  /**
   * The search form ("Find a poster"): blank, as submitted, another page of results, or the
   * page shown again after a Save in it; its cards marked for `asker`.
   */
  searchForm(request: FormRequest, asker: Asker): BotView | Promise<BotView>;
  /**
   * What `/poster` with no words opens instead of the help: the search form while the
   * schedule has dated sessions (days and sessions to pick from); undefined otherwise.
   */
  emptyCommand(asker: Asker): BotView | undefined;
}

/**
 * What a reply shows, as a message: a view's blocks with its title as the fallback text.
 * For the console and the CLI, which print every reply the same way.
 */
export function replyMessage(reply: Reply | { kind: string; message: SlackMessage }): SlackMessage {
  if ('message' in reply) return reply.message;
  return { text: reply.view.title ?? '', blocks: reply.view.blocks };
}
