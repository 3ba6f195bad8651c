/**
 * One reminder pass, run once when called (./scheduler.ts decides when; the CLI runs one at a
 * given instant): find what is due (src/plan/reminders.ts), and send each reminder as a direct
 * message exactly once per (team, user, session), through the same claim + marker + history
 * look-up as the digest (src/slack/post-once.ts). A restart, a second pass or a second
 * process sends nothing twice; a pass killed mid-post is resumed by the next one, which asks
 * Slack whether the interrupted message landed.
 */

import type { SlackMessage } from '../blocks/message.ts';
import { renderReminder } from '../blocks/reminder.ts';
import type { Catalog } from '../catalog/types.ts';
import {
  type DueReminder,
  type DueReminders,
  findDueReminders,
  type ReminderPlans,
} from '../plan/reminders.ts';
import {
  ClaimHeldError,
  createPostOnce,
  createSlackFinder,
  type FindMarked,
  type HistoryClient,
  type PostMarker,
  type PostOnce,
} from '../slack/post-once.ts';
import type { ClaimStore } from '../store/claims.ts';

/** The Web API calls a reminder makes; see {@link createWebClientMessenger}. */
export interface DirectMessenger {
  /** `conversations.open` with the user: the id of the bot's DM with them (`D…`). */
  openDm(userId: string): Promise<string>;
  postMessage(message: {
    channel: string;
    text: string;
    blocks: SlackMessage['blocks'];
    metadata: PostMarker;
  }): Promise<{ ts: string }>;
  /** Finds a marked message in a DM after a crash (needs `im:history`). */
  findMarked?: FindMarked;
}

export interface ReminderLog {
  info(fields: Record<string, unknown>, message: string): void;
  warn(fields: Record<string, unknown>, message: string): void;
}

export interface ReminderPassOptions {
  catalog: Catalog;
  store: { plans: ReminderPlans; claims: ClaimStore };
  messenger: DirectMessenger;
  now: Date;
  leadMs: number;
  /** For the date's fallback text (clients without date tokens); DIGEST_TIMEZONE. */
  timeZone: string;
  log: ReminderLog;
  /** Default: over `store.claims` and the messenger's look-up. */
  postOnce?: PostOnce;
}

/** What happened to one due reminder. */
export type ReminderResult =
  | 'sent'
  /** Sent by an earlier pass (recorded). */
  | 'already-sent'
  /** Interrupted by a crash, found in the DM: not sent again. */
  | 'found'
  /** Another live process is sending it right now. */
  | 'in-progress'
  /** Slack refused or failed; the next pass tries again while the session has not started. */
  | 'failed';

export type ReminderPassOutcome =
  | Exclude<DueReminders, { kind: 'due' }>
  | {
      kind: 'due';
      sessions: number;
      switchedOff: number;
      results: { key: string; userId: string; result: ReminderResult }[];
    };

/** The counts of a pass, for a log line or the CLI. */
export function countResults(outcome: ReminderPassOutcome): Record<ReminderResult, number> {
  const counts = { sent: 0, 'already-sent': 0, found: 0, 'in-progress': 0, failed: 0 };
  if (outcome.kind === 'due') for (const { result } of outcome.results) counts[result] += 1;
  return counts;
}

export async function runReminderPass(options: ReminderPassOptions): Promise<ReminderPassOutcome> {
  const { catalog, store, messenger, now, leadMs, log } = options;
  const due = await findDueReminders(catalog, store.plans, now, leadMs);
  if (due.kind !== 'due') return due;
  const postOnce =
    options.postOnce ??
    createPostOnce({
      claims: store.claims,
      ...(messenger.findMarked !== undefined && { find: messenger.findMarked }),
      log,
    });
  const results: { key: string; userId: string; result: ReminderResult }[] = [];
  for (const reminder of due.reminders) {
    const result = await sendOne(reminder, options, postOnce);
    results.push({ key: reminder.key, userId: reminder.owner.userId, result });
  }
  const outcome: ReminderPassOutcome = {
    kind: 'due',
    sessions: due.sessions.length,
    switchedOff: due.switchedOff,
    results,
  };
  log.info({ ...countResults(outcome), sessions: due.sessions.length }, 'reminder pass');
  return outcome;
}

async function sendOne(
  reminder: DueReminder,
  { store, messenger, now, timeZone, log }: ReminderPassOptions,
  postOnce: PostOnce,
): Promise<ReminderResult> {
  const { key, owner } = reminder;
  // Sent before: no Web API call at all (a pass every minute must stay cheap).
  if ((await store.claims.result(key)) !== undefined) return 'already-sent';
  const message = renderReminder(reminder, now, timeZone);
  try {
    const channel = await messenger.openDm(owner.userId);
    const { how } = await postOnce(key, { channel }, (metadata) =>
      messenger.postMessage({ channel, ...message, metadata }),
    );
    return how === 'posted' ? 'sent' : how === 'found' ? 'found' : 'already-sent';
  } catch (error) {
    if (error instanceof ClaimHeldError) return 'in-progress';
    // One person's closed account or a Slack hiccup must not stop everyone else's reminder.
    log.warn({ err: error, key, userId: owner.userId }, 'reminder not sent; next pass retries');
    return 'failed';
  }
}

/** The slice of a WebClient reminders use (Bolt's `app.client` is one). */
export interface DmClient extends HistoryClient {
  conversations: HistoryClient['conversations'] & {
    open(args: { users: string }): Promise<{ channel?: { id?: string } }>;
  };
  chat: {
    postMessage(args: {
      channel: string;
      text: string;
      blocks: SlackMessage['blocks'];
      metadata: PostMarker;
      unfurl_links: boolean;
      unfurl_media: boolean;
    }): Promise<{ ts?: string }>;
  };
}

/**
 * {@link DirectMessenger} over the Web API: `conversations.open` (scope `im:write`),
 * `chat.postMessage` (`chat:write`), and the DM's history for the look-up (`im:history`).
 */
export function createWebClientMessenger(client: DmClient): DirectMessenger {
  return {
    findMarked: createSlackFinder(client),
    async openDm(userId) {
      const answer = await client.conversations.open({ users: userId });
      const id = answer.channel?.id;
      if (id === undefined)
        throw new Error('reminders: conversations.open answered without a channel');
      return id;
    },
    async postMessage(message) {
      // A list of poster links would otherwise unfold a preview under each.
      const { ts } = await client.chat.postMessage({
        ...message,
        unfurl_links: false,
        unfurl_media: false,
      });
      if (ts === undefined) throw new Error('reminders: chat.postMessage answered without a ts');
      return { ts };
    },
  };
}
