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
  const toResponse = (outcome: Outcome, userId: string) => {
    if ('reply' in outcome) return toCommandResponse(outcome.reply);
    log.error({ err: outcome.error, userId }, 'could not answer /poster');
    return toCommandResponse({ kind: 'ephemeral', message: SORRY_MESSAGE });
  };

  return async ({
    command,
    ack,
    respond,
  }: SlackCommandMiddlewareArgs & AllMiddlewareArgs): Promise<void> => {
    const userId = command.user_id;
    const text = decodeSlackText(command.text ?? '');
    // `replies.command` may throw synchronously or reject; both become an outcome.
    const answer: Promise<Outcome> = Promise.resolve()
      .then(() => replies.command(text, { userId }))
      .then(
        (reply) => ({ reply }),
        (error: unknown) => ({ error }),
      );

    const early = await withinDeadline(answer, ackDeadlineMs);
    if (early !== undefined) {
      await ack(toResponse(early, userId));
      return;
    }
    log.warn(
      { userId, ackDeadlineMs },
      '/poster is slow; acknowledging first, answering via response_url',
    );
    await ack();
    try {
      await respond(toResponse(await answer, userId));
    } catch (error) {
      logSlackFailure(log, error, { userId }, 'could not deliver a late /poster answer');
    }
  };
}
