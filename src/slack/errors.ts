/**
 * Failures talking to Slack, sorted into the few classes an operator acts on differently,
 * and the one friendly message a user sees when something went wrong on our side.
 */
import { RespondError, webApi } from '@slack/bolt';
import type { SlackMessage } from '../blocks/message.ts';
import type { Logger } from '../log.ts';

/** What went wrong, as far as deciding what to do about it goes. */
export type SlackFailure =
  /** Slack answered `{ ok: false, error }`: `not_in_channel`, `channel_not_found`, … */
  | { kind: 'platform'; code: string }
  /** HTTP 429 (or `ratelimited`); the client already waited and retried as configured. */
  | { kind: 'rate_limited'; retryAfterSeconds?: number }
  /** Slack answered with an HTTP status other than 200 and 429. */
  | { kind: 'http'; status: number }
  /** A `response_url` refused the reply (expired after 30 minutes, used more than 5 times). */
  | { kind: 'response_url'; status: number }
  /** No answer at all: DNS, connection refused, timeout. */
  | { kind: 'network' }
  | { kind: 'unknown' };

/**
 * Platform errors that come from how the app is installed or used, not from a bug: the bot
 * was removed from a channel, the channel was archived. Logged as warnings.
 */
const EXPECTED_PLATFORM_ERRORS = new Set([
  'not_in_channel',
  'channel_not_found',
  'is_archived',
  'restricted_action',
  'ekm_access_denied',
  'ratelimited',
]);

/**
 * With `rejectRateLimitedCalls` off (the default), @slack/web-api 8 gives up on a 429, once its
 * retries are spent, with a WebAPIRequestError wrapping a plain Error with this message
 * (WebClient.makeRequest); the class alone would pass for a network failure.
 */
const RATE_LIMIT_MESSAGE = /^A rate limit was exceeded .*retry-after: (\d+)/;

export function classifySlackFailure(error: unknown): SlackFailure {
  if (error instanceof webApi.WebAPIPlatformError) {
    if (error.data.error !== 'ratelimited') return { kind: 'platform', code: error.data.error };
    // A Retry-After past our cap arrives this way (web-api-policy.ts), with Slack's wait.
    const retryAfter = error.data.response_metadata?.retryAfter;
    return typeof retryAfter === 'number'
      ? { kind: 'rate_limited', retryAfterSeconds: retryAfter }
      : { kind: 'rate_limited' };
  }
  if (error instanceof webApi.WebAPIRateLimitedError) {
    return { kind: 'rate_limited', retryAfterSeconds: error.retryAfter };
  }
  if (error instanceof webApi.WebAPIHTTPError) return { kind: 'http', status: error.statusCode };
  if (error instanceof webApi.WebAPIRequestError) {
    const rateLimit = RATE_LIMIT_MESSAGE.exec(error.original.message);
    return rateLimit
      ? { kind: 'rate_limited', retryAfterSeconds: Number(rateLimit[1]) }
      : { kind: 'network' };
  }
  if (error instanceof RespondError) return { kind: 'response_url', status: error.statusCode };
  return { kind: 'unknown' };
}

function isExpected(failure: SlackFailure): boolean {
  switch (failure.kind) {
    case 'platform':
      return EXPECTED_PLATFORM_ERRORS.has(failure.code);
    case 'rate_limited':
    case 'response_url':
      return true;
    default:
      return false;
  }
}

/**
 * Logs a failed Slack call with its class as structured fields (`slackFailure`, plus `slackError`,
 * `status` or `retryAfterSeconds`): a warning when it is about how the app is used, an error
 * when it needs a developer.
 */
export function logSlackFailure(
  log: Logger,
  error: unknown,
  fields: Record<string, unknown>,
  message: string,
): SlackFailure {
  const failure = classifySlackFailure(error);
  const { kind, ...detail } = failure;
  const slackDetail = 'code' in detail ? { slackError: detail.code } : detail;
  log[isExpected(failure) ? 'warn' : 'error'](
    { ...fields, err: error, slackFailure: kind, ...slackDetail },
    message,
  );
  return failure;
}

/** What the user sees when answering failed on our side; details go to the log only. */
export const SORRY_MESSAGE: SlackMessage = {
  text: 'Sorry, something went wrong on my side. Please try again in a moment.',
  blocks: [
    {
      type: 'section',
      text: {
        type: 'mrkdwn',
        text: ':warning: Sorry, something went wrong on my side. Please try again in a moment.',
      },
    },
  ],
};
