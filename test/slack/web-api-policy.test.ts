/**
 * One slow or limited Web API call never stalls the others, end to end through the real app
 * and WebClient against the fake Web API: a `Retry-After: 3600` fails that one reply at once
 * (it used to pause every call for the hour), 100 calls that never answer time out and free
 * their slots, and a failing 500 is given up within seconds instead of ~30 minutes.
 */
import { afterEach, describe, expect, it } from 'vitest';
import {
  createCappedRetryAfterFetch,
  retryAfterSeconds,
  WEB_API_POLICY,
  webApiClientOptions,
} from '../../src/slack/web-api-policy.ts';
import { PINO_LEVEL } from '../helpers/log-capture.ts';
import {
  type HarnessOptions,
  type HttpHarness,
  SIGNING_SECRET,
  startHttpHarness,
} from '../helpers/slack-harness.ts';
import { appMentionBody } from '../helpers/slack-payloads.ts';
import { JSON_CONTENT_TYPE, postSigned } from '../helpers/slack-signing.ts';

const POST = 'chat.postMessage';
let harness: HttpHarness | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

async function start(options: HarnessOptions = {}) {
  harness = await startHttpHarness(options);
  return harness;
}

function mention(h: HttpHarness, eventId: string, channel = 'C0CHAN001') {
  const body = appMentionBody({ eventId, ts: `1700000${eventId.length}.1`, text: 'hi' }) as {
    event: Record<string, unknown>;
  };
  body.event.channel = channel;
  return postSigned(h.eventsUrl, JSON.stringify(body), JSON_CONTENT_TYPE, SIGNING_SECRET);
}

describe('Retry-After past the cap', () => {
  it('Retry-After: 3600 fails that reply at once; other channels are answered at once', async () => {
    const h = await start({
      // Production's retries: a capped 429 must not be retried either.
      app: { clientOptions: { retryConfig: webApiClientOptions().retryConfig } },
    });
    h.fake.script(POST, { kind: 'rate_limited', retryAfterSeconds: 3600 }, { times: 1 });
    const started = performance.now();
    await mention(h, 'EvLimited', 'C0BUSY001');
    await mention(h, 'EvOther', 'C0OTHER01');
    expect(performance.now() - started).toBeLessThan(2_000);
    expect(h.fake.callsTo(POST).map((c) => c.params.channel)).toEqual(['C0BUSY001', 'C0OTHER01']);
    expect(h.logs.entries()).toContainEqual(
      expect.objectContaining({
        level: PINO_LEVEL.warn,
        msg: 'could not reply to a mention',
        slackFailure: 'rate_limited',
        retryAfterSeconds: 3600,
      }),
    );
  });

  it('a Retry-After within the cap is still waited out by the client', async () => {
    const h = await start({
      app: { clientOptions: { retryConfig: { retries: 1, minTimeout: 10, maxTimeout: 10 } } },
    });
    h.fake.script(POST, { kind: 'rate_limited', retryAfterSeconds: 1 }, { times: 1 });
    const started = performance.now();
    await mention(h, 'EvShort');
    expect(performance.now() - started).toBeGreaterThanOrEqual(950);
    expect(h.fake.callsTo(POST)).toHaveLength(2);
  });
});

describe('a Web API that never answers', () => {
  it('100 hanging calls time out; the next reply is posted within the timeout', async () => {
    const h = await start({
      app: { clientOptions: { retryConfig: { retries: 0 }, timeout: 400 } },
    });
    h.fake.script(POST, { kind: 'ok' }, { delayMs: 30_000, times: 100 });
    const started = performance.now();
    await Promise.all(Array.from({ length: 100 }, (_, i) => mention(h, `EvHang${i}`)));
    await mention(h, 'EvAfter');
    expect(performance.now() - started).toBeLessThan(5_000);
    expect(h.fake.callsTo(POST)).toHaveLength(101);
    const failures = h.logs.entries().filter((e) => e.msg === 'could not reply to a mention');
    expect(failures).toHaveLength(100);
    expect(failures.every((e) => e.slackFailure === 'network')).toBe(true);
  }, 15_000);

  it('production default: the client has a timeout on every call', async () => {
    const h = await start();
    expect(webApiClientOptions().timeout).toBe(WEB_API_POLICY.timeoutMs);
    // WebClient keeps it private; this breaks (rightly) if a Bolt upgrade drops the option.
    expect((h.app.client as unknown as { timeout: number }).timeout).toBe(WEB_API_POLICY.timeoutMs);
  });
});

describe('HTTP 500 from Slack', () => {
  it('is retried twice within seconds, not for 30 minutes, then logged', async () => {
    const retryConfig = { ...webApiClientOptions().retryConfig, minTimeout: 50, maxTimeout: 50 };
    const h = await start({ app: { clientOptions: { retryConfig } } });
    h.fake.script(POST, { kind: 'http_status', status: 500 });
    const started = performance.now();
    await mention(h, 'Ev500');
    expect(performance.now() - started).toBeLessThan(3_000);
    expect(h.fake.callsTo(POST)).toHaveLength(1 + WEB_API_POLICY.retries);
    expect(h.logs.entries()).toContainEqual(
      expect.objectContaining({ slackFailure: 'http', status: 500 }),
    );
  });

  it('the production retry budget ends well within Slack default of ~30 minutes', () => {
    const { retryConfig } = webApiClientOptions();
    expect(retryConfig?.maxRetryTime).toBeLessThanOrEqual(60_000);
    expect(retryConfig?.retries).toBeLessThanOrEqual(3);
  });
});

describe('createCappedRetryAfterFetch', () => {
  const answer = (status: number, retryAfter?: string) => async () =>
    new Response('{"ok":false,"error":"ratelimited"}', {
      status,
      headers: retryAfter === undefined ? {} : { 'retry-after': retryAfter },
    });

  it('passes a 429 within the cap through for the client to wait out', async () => {
    const fetch = createCappedRetryAfterFetch(20_000, answer(429, '20'));
    expect((await fetch('http://x/api/m')).status).toBe(429);
  });

  it('turns a longer one into the ratelimited platform error, keeping Retry-After', async () => {
    const fetch = createCappedRetryAfterFetch(20_000, answer(429, '21'));
    const response = await fetch('http://x/api/m');
    expect(response.status).toBe(200);
    expect(response.headers.get('retry-after')).toBe('21');
    expect(await response.json()).toEqual({ ok: false, error: 'ratelimited' });
  });

  it.each([
    ['3600', 3600],
    [' 5 ', 5],
    ['soon', undefined],
    ['-1', undefined],
    [null, undefined],
  ])('retryAfterSeconds(%j) = %j', (header, expected) => {
    expect(retryAfterSeconds(header)).toBe(expected);
  });
});
