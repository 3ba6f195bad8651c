import { RespondError, webApi } from '@slack/bolt';
import { describe, expect, it } from 'vitest';
import { classifySlackFailure, logSlackFailure } from '../../src/slack/errors.ts';
import { createLogCapture, PINO_LEVEL } from '../helpers/log-capture.ts';

/** Errors as @slack/web-api and Bolt construct them. */
const platform = (error: string) => new webApi.WebAPIPlatformError({ ok: false, error });

const cases: Array<{ name: string; error: unknown; failure: object; level: number }> = [
  {
    name: 'not_in_channel',
    error: platform('not_in_channel'),
    failure: { kind: 'platform', code: 'not_in_channel' },
    level: PINO_LEVEL.warn,
  },
  {
    name: 'invalid_blocks (our bug)',
    error: platform('invalid_blocks'),
    failure: { kind: 'platform', code: 'invalid_blocks' },
    level: PINO_LEVEL.error,
  },
  {
    name: 'ratelimited as a platform error',
    error: platform('ratelimited'),
    failure: { kind: 'rate_limited' },
    level: PINO_LEVEL.warn,
  },
  {
    name: 'rejected rate-limited call',
    error: new webApi.WebAPIRateLimitedError(30),
    failure: { kind: 'rate_limited', retryAfterSeconds: 30 },
    level: PINO_LEVEL.warn,
  },
  {
    name: 'rate limit after the retries are spent',
    error: new webApi.WebAPIRequestError(
      new Error(
        'A rate limit was exceeded (url: https://slack.com/api/chat.postMessage, retry-after: 7)',
      ),
    ),
    failure: { kind: 'rate_limited', retryAfterSeconds: 7 },
    level: PINO_LEVEL.warn,
  },
  {
    name: 'HTTP 500',
    error: new webApi.WebAPIHTTPError(500, 'Internal Server Error', {}),
    failure: { kind: 'http', status: 500 },
    level: PINO_LEVEL.error,
  },
  {
    name: 'expired response_url',
    error: new RespondError('Failed to respond to the response_url: 404 Not Found', 404),
    failure: { kind: 'response_url', status: 404 },
    level: PINO_LEVEL.warn,
  },
  {
    name: 'connection refused',
    error: new webApi.WebAPIRequestError(new Error('connect ECONNREFUSED')),
    failure: { kind: 'network' },
    level: PINO_LEVEL.error,
  },
  {
    name: 'anything else',
    error: new TypeError('x is undefined'),
    failure: { kind: 'unknown' },
    level: PINO_LEVEL.error,
  },
];

describe('classifySlackFailure', () => {
  it.each(cases)('$name', ({ error, failure }) => {
    expect(classifySlackFailure(error)).toEqual(failure);
  });
});

describe('logSlackFailure', () => {
  it.each(cases)(
    '$name is logged at the level it deserves, with its class',
    ({ error, failure, level }) => {
      const logs = createLogCapture();
      logSlackFailure(logs.logger, error, { channel: 'C1' }, 'could not reply');
      const [entry] = logs.entries();
      expect(entry).toMatchObject({
        level,
        msg: 'could not reply',
        channel: 'C1',
        slackFailure: (failure as { kind: string }).kind,
      });
      expect(entry?.err).toBeDefined();
      if ('code' in failure) expect(entry?.slackError).toBe(failure.code);
    },
  );
});
