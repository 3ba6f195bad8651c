/**
 * `postOnce(key, where, post)`: a message posted exactly once across processes and crashes.
 *
 * 1. The key is **claimed in the store before posting** (src/store/claims.ts): of two
 *    processes on one database, one posts and the other gets {@link ClaimHeldError}.
 * 2. The message carries a **marker** in its metadata (`event_type: poster_bot_post`,
 *    `event_payload.key`), invisible to readers.
 * 3. The `ts` is recorded on the claim as soon as Slack answers.
 * 4. A claim found taken but not done means a post may be in Slack already: its owner was
 *    killed between Slack accepting the message and the write in step 3, or a call timed out
 *    after Slack took it. Before posting again the new owner **asks Slack**
 *    (`conversations.replies` for a thread reply, `conversations.history` for a channel
 *    message, with `include_all_metadata`) and records the message it finds instead.
 *
 * Slack has no idempotency key for `chat.postMessage`; this closes the window that leaves
 * (the whole round trip to Slack) down to what the look-up cannot see.
 */
import { hostname } from 'node:os';
import type { ClaimStore } from '../store/claims.ts';

/** `metadata.event_type` of every message posted through `postOnce`. */
export const POST_MARKER_EVENT_TYPE = 'poster_bot_post';

/** Slack's message metadata, as `chat.postMessage` takes it. */
export interface PostMarker {
  event_type: typeof POST_MARKER_EVENT_TYPE;
  event_payload: { key: string };
}

/** Where the message goes: a channel, or a thread in it. */
export interface PostPlace {
  channel: string;
  thread_ts?: string;
}

/** Finds the `ts` of a message carrying `key`'s marker in `place`, if Slack has one. */
export type FindMarked = (place: PostPlace, key: string) => Promise<string | undefined>;

export type PostOnceResult = {
  ts: string;
  /** `posted` now; `recorded` earlier; `found` in Slack after a crash, not posted again. */
  how: 'posted' | 'recorded' | 'found';
};

export type PostOnce = (
  key: string,
  place: PostPlace,
  post: (marker: PostMarker) => Promise<{ ts: string }>,
) => Promise<PostOnceResult>;

/** Another live process holds the claim and may be posting this very message. */
export class ClaimHeldError extends Error {
  override readonly name = 'ClaimHeldError';
  constructor(
    readonly key: string,
    readonly owner: string,
  ) {
    super(`post-once: ${key} is being posted by another process (${owner})`);
  }
}

/**
 * Longest a claim protects a post in progress before another process may take it over: a
 * Web API call with its retries and a capped Retry-After ends well within it
 * (src/slack/web-api-policy.ts: 3 × 10 s + back-off + ≤ 20 s).
 */
export const CLAIM_LEASE_MS = 120_000;

export interface PostOnceLog {
  info(fields: Record<string, unknown>, message: string): void;
  warn(fields: Record<string, unknown>, message: string): void;
}

export interface PostOnceDeps {
  claims: ClaimStore;
  /** How to look in Slack; without it a crashed post is posted again (at least once). */
  find?: FindMarked;
  /** This process; default {@link processOwner}. */
  owner?: string;
  leaseMs?: number;
  /** Default {@link isLocalOwnerGone}. */
  isOwnerGone?: (owner: string) => boolean;
  log: PostOnceLog;
}

let ownerOfThisProcess: string | undefined;

/** `host/pid/nonce`: unique per process, and says where to check whether it still runs. */
export function processOwner(): string {
  ownerOfThisProcess ??= `${hostname()}/${process.pid}/${Math.random().toString(36).slice(2, 10)}`;
  return ownerOfThisProcess;
}

/**
 * True when `owner` ran on this host and its process is gone, so its claims can be taken over
 * at once instead of after the lease (a restart after `kill -9` resumes immediately). Owners
 * on other hosts (a networked database) are only ever judged by their lease.
 */
export function isLocalOwnerGone(owner: string): boolean {
  const [host, pidText] = owner.split('/');
  const pid = Number(pidText);
  if (host !== hostname() || !Number.isInteger(pid) || pid <= 0) return false;
  if (pid === process.pid) return owner !== processOwner();
  try {
    process.kill(pid, 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

/**
 * A refusal Slack gave with `ok: false` (`not_in_channel`, …) means nothing was posted, so the
 * claim can be given up; anything else (a timeout, a dropped connection) may have landed.
 */
function isDefiniteRefusal(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { code, name } = error as { code?: unknown; name?: unknown };
  return code === 'slack_webapi_platform_error' || name === 'DigestPostError';
}

export function createPostOnce(deps: PostOnceDeps): PostOnce {
  const owner = deps.owner ?? processOwner();
  const options = {
    leaseMs: deps.leaseMs ?? CLAIM_LEASE_MS,
    isOwnerGone: deps.isOwnerGone ?? isLocalOwnerGone,
  };
  /** Keys whose post failed in a way that may still have landed: look before posting. */
  const uncertain = new Set<string>();

  return async (key, place, post) => {
    const claim = await deps.claims.claim(key, owner, options);
    if (claim.status === 'done') return { ts: claim.result, how: 'recorded' };
    if (claim.status === 'held') throw new ClaimHeldError(key, claim.owner);

    if (claim.takenOver || uncertain.has(key)) {
      if (deps.find === undefined) {
        deps.log.warn({ key }, 'cannot look up an interrupted post; posting it again');
      } else {
        const found = await deps.find(place, key);
        if (found !== undefined) {
          await deps.claims.complete(key, owner, found);
          uncertain.delete(key);
          deps.log.info(
            { key, ts: found, previousOwner: claim.previousOwner },
            'interrupted post found in Slack; not posted again',
          );
          return { ts: found, how: 'found' };
        }
      }
    }

    let ts: string;
    try {
      ({ ts } = await post({ event_type: POST_MARKER_EVENT_TYPE, event_payload: { key } }));
    } catch (error) {
      if (isDefiniteRefusal(error)) {
        uncertain.delete(key);
        await deps.claims.release(key, owner);
      } else {
        uncertain.add(key);
      }
      throw error;
    }
    await deps.claims.complete(key, owner, ts);
    uncertain.delete(key);
    return { ts, how: 'posted' };
  };
}

/** The slice of a WebClient the look-up uses (Bolt's `app.client` is one). */
export interface HistoryClient {
  conversations: {
    history(args: {
      channel: string;
      include_all_metadata: boolean;
      limit: number;
      cursor?: string;
    }): Promise<HistoryPage>;
    replies(args: {
      channel: string;
      ts: string;
      include_all_metadata: boolean;
      limit: number;
      cursor?: string;
    }): Promise<HistoryPage>;
  };
}

interface HistoryPage {
  messages?: { ts?: string; metadata?: { event_type?: string; event_payload?: unknown } }[];
  response_metadata?: { next_cursor?: string };
}

/**
 * Pages looked through. A digest thread is a few dozen replies; a channel message is looked
 * for among the latest 200 (it was posted minutes ago, by the run that crashed).
 */
export const LOOKUP_PAGES = 2;
export const LOOKUP_PAGE_SIZE = 100;

/**
 * {@link FindMarked} over the Web API. Needs the `channels:history` scope (`groups:history`
 * for a private channel); without it the look-up fails and the post is retried later.
 */
export function createSlackFinder(client: HistoryClient): FindMarked {
  return async (place, key) => {
    let cursor: string | undefined;
    for (let page = 0; page < LOOKUP_PAGES; page += 1) {
      const common = {
        channel: place.channel,
        include_all_metadata: true,
        limit: LOOKUP_PAGE_SIZE,
      };
      const paging = cursor === undefined ? {} : { cursor };
      const answer =
        place.thread_ts === undefined
          ? await client.conversations.history({ ...common, ...paging })
          : await client.conversations.replies({ ...common, ts: place.thread_ts, ...paging });
      for (const message of answer.messages ?? []) {
        const { metadata } = message;
        const payload = metadata?.event_payload as { key?: unknown } | undefined;
        if (metadata?.event_type === POST_MARKER_EVENT_TYPE && payload?.key === key) {
          return message.ts;
        }
      }
      cursor = answer.response_metadata?.next_cursor || undefined;
      if (cursor === undefined) break;
    }
    return undefined;
  };
}
