/**
 * Durable de-duplication for the two requests whose repeat a channel would see: a Share click
 * (a double click, or a signed click replayed within Slack's 5-minute signature window) and a
 * mention Slack delivers again after the bot restarted (the in-memory recent-keys forget).
 * The keys live in the store (src/store/claims.ts `markFirst`), so they survive restarts and
 * are shared by every process on the database.
 */
import { ACTION_IDS } from '../blocks/ids.ts';

/** The store's `markFirst`: true the first time a key is seen within `ttlMs`. */
export interface DurableKeys {
  markFirst(key: string, ttlMs: number): Promise<boolean>;
}

/**
 * A Share of one poster by one user in one conversation counts once in this window: long
 * enough for double clicks and replays (signatures are valid 5 minutes), short enough that a
 * deliberate share later in the day goes through.
 */
export const SHARE_DEDUPE_TTL_MS = 10 * 60_000;

/** Slack retries an event for about an hour at most; keep its id a day. */
export const MENTION_DEDUPE_TTL_MS = 24 * 60 * 60_000;

/** Whether a click posts into the channel (and so must count once). */
export function isShareAction(actionId: string): boolean {
  return actionId === ACTION_IDS.paperShare;
}

export function shareKey(userId: string, conversation: string, value: string): string {
  return `share/${conversation}/${userId}/${value}`;
}

export function mentionKey(eventKey: string): string {
  return `mention/${eventKey}`;
}
