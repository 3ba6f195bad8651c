/**
 * `/poster <text>`: the search surface. The answer travels in the `ack()` body itself, so it
 * arrives with the acknowledgement and works in DMs and channels the bot was never invited
 * to (`say()` would fail there with `channel_not_found`).
 */
import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from '@slack/bolt';
import { decodeSlackText } from '../../../blocks/escape.ts';
import type { Replies, Reply } from '../../../bot/types.ts';
import type { Logger } from '../../../log.ts';
import { logSlackFailure, SORRY_MESSAGE } from '../../errors.ts';
import { toCommandResponse } from '../../responses.ts';
import { showView } from '../../views.ts';

export const POSTER_COMMAND = '/poster';

/**
 * Slack shows the user an error unless a command is acknowledged within 3 s; past this
 * deadline we ack empty and deliver the answer through `response_url` instead.
 */
export const COMMAND_ACK_DEADLINE_MS = 2500;

export interface PosterCommandDeps {
  replies: Replies;
  log: Logger;
  /** Default `COMMAND_ACK_DEADLINE_MS`; tests shorten it. */
  ackDeadlineMs?: number;
}

type Outcome = { reply: Reply } | { error: unknown };

/** Resolves with the outcome, or with `undefined` when `ms` pass first. */
async function withinDeadline<T>(promise: Promise<T>, ms: number): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<undefined>((resolve) => {
    timer = setTimeout(resolve, ms, undefined);
  });
  try {
    return await Promise.race([promise, deadline]);
  } finally {
    clearTimeout(timer);
  }
}

export function createPosterCommand({
  replies,
  log,
  ackDeadlineMs = COMMAND_ACK_DEADLINE_MS,
}: PosterCommandDeps) {
  const toReply = (outcome: Outcome, userId: string): Reply => {
    if ('reply' in outcome) return outcome.reply;
    log.error({ err: outcome.error, userId }, 'could not answer /poster');
    return { kind: 'ephemeral', message: SORRY_MESSAGE };
  };

  return async ({
    command,
    ack,
    respond,
    client,
  }: SlackCommandMiddlewareArgs & AllMiddlewareArgs): Promise<void> => {
    const userId = command.user_id;
    const text = decodeSlackText(command.text ?? '');
    const started = Date.now();
    let markAcked: () => void = () => {};
    const acked = new Promise<void>((resolve) => {
      markAcked = resolve;
    });
    // The search is synchronous: it runs only after yielding to the event loop, so that the
    // deadline timer can fire first when the loop is busy (a burst of commands, other
    // searches); and when the deadline passed during that wait, only after the empty ack.
    const late = new Promise<boolean>((resolve) =>
      setImmediate(() => resolve(Date.now() - started >= ackDeadlineMs)),
    );
    // `replies.command` may throw synchronously or reject; both become an outcome.
    const answer: Promise<Outcome> = late
      .then(async (isLate) => {
        if (isLate) await acked;
        return replies.command(text, { userId, teamId: command.team_id, surface: 'command' });
      })
      .then(
        (reply) => ({ reply }),
        (error: unknown) => ({ error }),
      );

    const early = await withinDeadline(
      late.then((isLate) => (isLate ? undefined : answer)),
      ackDeadlineMs,
    );
    if (early !== undefined) {
      const reply = toReply(early, userId);
      if (reply.kind !== 'view') {
        await ack(toCommandResponse(reply));
        return;
      }
      await ack();
      try {
        await showView(client, reply.view, { userId, triggerId: command.trigger_id });
      } catch (error) {
        logSlackFailure(log, error, { userId }, 'could not open a view for /poster');
      }
      return;
    }
    log.warn(
      { userId, ackDeadlineMs },
      '/poster is slow; acknowledging first, answering via response_url',
    );
    try {
      await ack();
    } finally {
      markAcked();
    }
    try {
      const reply = toReply(await answer, userId);
      // A trigger_id is good for 3 s: past the deadline a view can only be the Home tab.
      if (reply.kind === 'view') await showView(client, reply.view, { userId });
      else await respond(toCommandResponse(reply));
    } catch (error) {
      logSlackFailure(log, error, { userId }, 'could not deliver a late /poster answer');
    }
  };
}
