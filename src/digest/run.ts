/**
 * *What* the daily digest posts, run once when called (the scheduler in ./scheduler.ts decides
 * *when*). The ledger in the store makes it exactly-once per channel and day: the root
 * message is recorded right after it is posted, each thread chunk right after it is, and the
 * run is marked complete at the end; a second call that day only posts what is missing.
 */

import type { SlackMessage } from '../blocks/message.ts';
import type { Catalog, Session } from '../catalog/types.ts';
// Claim before posting, look in Slack after a crash (exactly once across processes).
import {
  ClaimHeldError,
  createPostOnce,
  createSlackFinder,
  type FindMarked,
  type HistoryClient,
  type PostMarker,
  type PostOnce,
} from '../slack/post-once.ts';
import type { Store } from '../store/store.ts';
import type { LocalDate } from '../time.ts';
import {
  type DigestRenderContext,
  type PostableSelection,
  renderDigestChunks,
  renderDigestRoot,
} from './render.ts';
import {
  type DigestOptions,
  type DigestSelection,
  type NothingReason,
  selectDigest,
} from './select.ts';

/** `chat.postMessage` per channel: about one message per second (SLACK.md, "Rate limits"). */
export const DIGEST_PACE_MS = 1000;

/** The one Web API call the digest makes; see {@link createWebClientPoster}. */
export interface DigestPoster {
  postMessage(message: {
    channel: string;
    text: string;
    blocks: SlackMessage['blocks'];
    thread_ts?: string;
    /** The exactly-once marker (src/slack/post-once.ts). */
    metadata?: PostMarker;
  }): Promise<{ ts: string }>;
  /** Finds a marked message after a crash; without it an interrupted post is repeated. */
  findMarked?: FindMarked;
}

/** The structured logging a run needs; a pino logger satisfies it. */
export interface DigestLog {
  debug(fields: Record<string, unknown>, message: string): void;
  info(fields: Record<string, unknown>, message: string): void;
  warn?(fields: Record<string, unknown>, message: string): void;
}

/** One day's digest, rendered: what `--dry-run` prints and what a run posts. */
export type DigestPlan =
  | { kind: 'nothing'; date: LocalDate; reason: NothingReason }
  | {
      kind: PostableSelection['kind'];
      date: LocalDate;
      selection: PostableSelection;
      root: SlackMessage;
      /** The thread replies, in order; their indices are the ledger's chunk indices. */
      chunks: SlackMessage[];
    };

export interface PlanDigestOptions {
  date: LocalDate;
  catalog: Catalog;
  timeZone: string;
  /** Earlier features per paper id (`Store.featureCounts`); drives the rotation. */
  featured: ReadonlyMap<string, number>;
  /** When the digest is (to be) posted: sessions over by then are marked. */
  now?: Date;
  select?: DigestOptions;
}

export interface RunDigestOptions {
  date: LocalDate;
  catalog: Catalog;
  store: Store;
  poster: DigestPoster;
  /** A conversation id. */
  channel: string;
  timeZone: string;
  /** Waits between messages; tests pass one that returns at once. */
  pace: (ms: number) => Promise<void>;
  log: DigestLog;
  /** The clock: sessions already over at posting time are marked. Default: the real one. */
  now?: () => Date;
  select?: DigestOptions;
  /** Claims each message before posting it; default: over `store.claims` and the poster. */
  postOnce?: PostOnce;
}

/** What a run did. */
export type DigestOutcome =
  | { status: 'nothing'; reason: NothingReason }
  | { status: 'already-posted'; rootTs: string }
  /** Another process (its `owner`) is posting this digest right now; nothing done here. */
  | { status: 'in-progress'; owner: string }
  | {
      status: 'posted';
      rootTs: string;
      /** Thread replies in the whole digest. */
      chunks: number;
      /** Messages posted by this call (root included); fewer than chunks + 1 when resumed. */
      postedNow: number;
    };

/**
 * Slack refused a digest message (`not_in_channel`, `channel_not_found`, …). The run stops
 * where it is, not marked complete, so the next call (the scheduler's next check, the same
 * day) resumes once the cause is fixed. The message says what to do.
 */
export class DigestPostError extends Error {
  override readonly name = 'DigestPostError';
  constructor(
    /** Slack's error code, e.g. `not_in_channel`. */
    readonly code: string,
    readonly channel: string,
  ) {
    const hint = POST_ERROR_HINTS[code];
    super(`digest: Slack refused to post in ${channel}: ${code}${hint ? ` (${hint})` : ''}`);
  }
}

/** What an operator should do about the errors a digest post can meet. */
const POST_ERROR_HINTS: Readonly<Record<string, string>> = {
  not_in_channel: 'invite the bot with /invite @poster',
  channel_not_found:
    'invite the bot with /invite @poster, and check that DIGEST_CHANNEL is the channel id (C…)',
  is_archived: 'the channel is archived; unarchive it or choose another DIGEST_CHANNEL',
  missing_scope: 'add the chat:write scope and reinstall the app',
  invalid_auth: 'check SLACK_BOT_TOKEN',
  not_authed: 'check SLACK_BOT_TOKEN',
  token_revoked: 'the bot token was revoked; reinstall the app',
  account_inactive: 'the bot token belongs to a deleted app or user; reinstall the app',
  invalid_blocks: 'a digest message broke a Block Kit limit; please report it',
  msg_blocks_too_long: 'a digest message was too long; please report it',
};

/**
 * Selects and renders `date`'s digest without posting or writing anything: the dry run, and
 * the first step of {@link runDigest}. Pure.
 */
export function planDigest(options: PlanDigestOptions): DigestPlan {
  const { date, catalog, timeZone, featured } = options;
  const selection: DigestSelection = selectDigest(
    catalog,
    date,
    timeZone,
    featured,
    options.select,
  );
  if (selection.kind === 'nothing') return selection;
  const context: DigestRenderContext = {
    sessions: sessionsById(catalog.sessions),
    timeZone,
    ...(options.now && { now: options.now }),
  };
  return {
    kind: selection.kind,
    date,
    selection,
    root: renderDigestRoot(selection, context),
    chunks: renderDigestChunks(selection, context),
  };
}

/**
 * Posts `date`'s digest to `channel`: the root message, then the thread chunks paced by
 * {@link DIGEST_PACE_MS}, each recorded in the ledger as soon as Slack confirms it. Calling
 * it again the same day posts only what is missing: nothing after a complete run, the
 * remaining chunks after a crash half way.
 *
 * Each message is claimed in the store before it is posted (src/slack/post-once.ts): a second
 * process on the same database gets `in-progress` instead of posting twice, and a run killed
 * while a message was in flight is resumed by asking Slack whether that message landed.
 *
 * @throws {DigestPostError} when Slack refuses a message; anything else the poster or the
 * store throws (network, disk) propagates too. Either way the run is not marked complete.
 */
export async function runDigest(options: RunDigestOptions): Promise<DigestOutcome> {
  try {
    return await runDigestOnce(options);
  } catch (error) {
    if (!(error instanceof ClaimHeldError)) throw error;
    const { channel, date } = options;
    options.log.info({ channel, date, owner: error.owner }, 'digest is being posted elsewhere');
    return { status: 'in-progress', owner: error.owner };
  }
}

/** Claim keys of a digest's messages: one per channel, date and message. */
export const digestClaimKey = (channel: string, date: string, chunk?: number): string =>
  `digest/${channel}/${date}/${chunk === undefined ? 'root' : `chunk/${chunk}`}`;

async function runDigestOnce(options: RunDigestOptions): Promise<DigestOutcome> {
  const { date, store, poster, channel, pace, log } = options;
  const postOnce =
    options.postOnce ??
    createPostOnce({
      claims: store.claims,
      ...(poster.findMarked !== undefined && { find: poster.findMarked }),
      log: { info: (f, m) => log.info(f, m), warn: (f, m) => (log.warn ?? log.info)(f, m) },
    });
  const post = async (key: string, message: Parameters<DigestPoster['postMessage']>[0]) =>
    (await postOnce(key, message, (metadata) => poster.postMessage({ ...message, metadata }))).ts;
  const where = { channel, date };
  const existing = await store.getDigestRun(channel, date);
  if (existing?.status === 'complete') {
    log.debug({ ...where, rootTs: existing.rootTs }, 'digest already posted');
    return { status: 'already-posted', rootTs: existing.rootTs };
  }
  const plan = planDigest({
    ...options,
    featured: await store.featureCounts(channel, date),
    now: (options.now ?? (() => new Date()))(),
  });
  if (plan.kind === 'nothing') {
    log.info({ ...where, reason: plan.reason }, 'no digest today');
    return { status: 'nothing', reason: plan.reason };
  }

  let postedNow = 0;
  let rootTs = existing?.rootTs;
  if (rootTs === undefined) {
    rootTs = await post(digestClaimKey(channel, date), { channel, ...plan.root });
    await store.beginDigestRun(channel, date, rootTs);
    postedNow += 1;
  } else {
    log.info({ ...where, rootTs }, 'resuming digest thread');
  }
  if (plan.selection.kind === 'rotation') {
    // After the root is out, so a day that never posted features nobody; idempotent on resume.
    await store.recordFeatured(
      channel,
      date,
      plan.selection.papers.map((paper) => paper.id),
    );
  }

  const posted = await store.postedChunks(channel, date);
  for (const [index, chunk] of plan.chunks.entries()) {
    if (posted.has(index)) continue;
    await pace(DIGEST_PACE_MS);
    const ts = await post(digestClaimKey(channel, date, index), {
      channel,
      thread_ts: rootTs,
      ...chunk,
    });
    await store.recordDigestChunk(channel, date, index, ts);
    postedNow += 1;
    log.debug({ ...where, chunk: index + 1, of: plan.chunks.length }, 'digest chunk posted');
  }
  await store.completeDigestRun(channel, date);
  log.info({ ...where, rootTs, chunks: plan.chunks.length, postedNow }, 'digest posted');
  return { status: 'posted', rootTs, chunks: plan.chunks.length, postedNow };
}

/** The slice of @slack/web-api's `WebClient` the digest uses (bolt's `app.client` is one). */
export interface ChatClient {
  /** For the look-up after a crash (src/slack/post-once.ts); needs `channels:history`. */
  conversations?: HistoryClient['conversations'];
  chat: {
    postMessage(args: {
      channel: string;
      text: string;
      blocks: SlackMessage['blocks'];
      thread_ts?: string;
      metadata?: PostMarker;
      unfurl_links?: boolean;
      unfurl_media?: boolean;
    }): Promise<{ ts?: string }>;
  };
}

/** @slack/web-api's `ErrorCode.PlatformError`: Slack answered `{ ok: false, error }`. */
const PLATFORM_ERROR = 'slack_webapi_platform_error';

/**
 * Adapts a `WebClient` to {@link DigestPoster}: Slack's refusals become
 * {@link DigestPostError} with the operator's hint; rate limits (HTTP 429 + `Retry-After`)
 * are waited out by the client itself, per its `retryConfig`.
 */
export function createWebClientPoster(client: ChatClient): DigestPoster {
  const { conversations } = client;
  return {
    ...(conversations !== undefined && { findMarked: createSlackFinder({ conversations }) }),
    async postMessage(message) {
      try {
        // A thread of cards would otherwise unfold a preview under every poster link.
        const { ts } = await client.chat.postMessage({
          ...message,
          unfurl_links: false,
          unfurl_media: false,
        });
        if (ts === undefined) throw new Error('digest: chat.postMessage answered without a ts');
        return { ts };
      } catch (error) {
        const slackCode = platformErrorCode(error);
        if (slackCode !== undefined) throw new DigestPostError(slackCode, message.channel);
        throw error;
      }
    },
  };
}

function platformErrorCode(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const { code, data } = error as { code?: unknown; data?: { error?: unknown } };
  return code === PLATFORM_ERROR && typeof data?.error === 'string' ? data.error : undefined;
}

function sessionsById(sessions: readonly Session[]): Map<string, Session> {
  return new Map(sessions.map((session) => [session.id, session]));
}
